using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// Wall-clock timing of training steps. On a GPU the work is queued, so every timed span ends with a synchronisation;
/// on the CPU each step has finished when it returns.
/// </summary>
internal static class StepTiming
{
    /// <summary>The milliseconds one <paramref name="step"/> takes.</summary>
    public static double Milliseconds(Action step, Device device)
    {
        Synchronize(device);
        var started = Stopwatch.GetTimestamp();
        step();
        Synchronize(device);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary>Runs <paramref name="step"/> for at least <paramref name="time"/> and <paramref name="minimumSteps"/> steps, untimed.</summary>
    public static void WarmUp(Action step, Device device, TimeSpan time, int minimumSteps)
    {
        var clock = Stopwatch.StartNew();
        for (var steps = 0; steps < minimumSteps || clock.Elapsed < time; steps++)
        {
            step();
        }

        Synchronize(device);
    }

    /// <summary>Steps per second over a window of about <paramref name="seconds"/> (whole steps; at least one).</summary>
    public static double StepsPerSecond(Action step, Device device, double seconds)
    {
        var (steps, elapsed) = Block(step, device, seconds);
        return steps / elapsed;
    }

    /// <summary>
    /// Runs <paramref name="step"/> for about <paramref name="seconds"/> (whole steps; at least one) and returns how many
    /// steps ran in how many seconds. Garbage from earlier work is collected first, outside the timed span; the garbage
    /// these steps made is collected (and its finalizers run) inside it, so each loop pays for its own — TorchSharp
    /// leaves native scalars to the finalizer, and a loop that never collects would otherwise leave that work to the next.
    /// </summary>
    public static (int Steps, double Seconds) Block(Action step, Device device, double seconds)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        Synchronize(device);
        var clock = Stopwatch.StartNew();
        var steps = 0;
        do
        {
            step();
            steps++;
        }
        while (clock.Elapsed.TotalSeconds < seconds);

        Synchronize(device);
        GC.Collect(1, GCCollectionMode.Forced, blocking: true);   // the young generations: what these steps left
        GC.WaitForPendingFinalizers();
        return (steps, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Waits until the queued work on <paramref name="device"/> is done (nothing to wait for on the CPU).</summary>
    public static void Synchronize(Device device)
    {
        if (device.type == DeviceType.CUDA)
        {
            cuda.synchronize(device);
        }
    }
}
