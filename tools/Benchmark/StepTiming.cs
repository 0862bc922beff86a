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
        // Garbage from earlier measurements is collected now rather than inside this one.
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
        return steps / clock.Elapsed.TotalSeconds;
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
