using System.Diagnostics;
using GanKit.Runtime;
using GanKit.Training;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// The time of GanKit's extras, run alone: the gradient norm and the four <c>.item()</c> reads (each step), and one
/// collection of the native scalars (<see cref="NativeScalars"/>, at most one per <see cref="NativeScalars.Interval"/>).
/// </summary>
internal sealed record ExtrasTime(double GradientNormMilliseconds, double ReadsMilliseconds, double CollectionMilliseconds)
{
    /// <summary>The extras' time in a step of <paramref name="stepMilliseconds"/>, the collection prorated.</summary>
    public double PerStepMilliseconds(double stepMilliseconds) =>
        GradientNormMilliseconds + ReadsMilliseconds + (CollectionMilliseconds * Math.Min(1, stepMilliseconds / NativeScalars.Interval.TotalMilliseconds));
}

/// <summary>
/// Times, alone, the work GanKit's trainer does beyond the hand-written loop's: the generator's gradient norm (GanKit's
/// own code: each gradient's norm in place, then one <c>.item()</c>), four reads — the two losses with <c>.item()</c>
/// (checked for NaN before the update) and the two verdicts (σ of the scores, averaged without autograd, read with <c>.item()</c>) — and
/// the collection of the youngest .NET generation that frees TorchSharp's native scalars.
/// </summary>
internal static class TrainerExtras
{
    /// <summary>The extras' time per step, on <paramref name="network"/>'s current gradients and a batch of scores.</summary>
    public static ExtrasTime Measure(nn.Module network, int batchSize, Device device, TimeSpan time)
    {
        using var scope = NewDisposeScope();
        var scores = randn(batchSize, 1, device: device);
        var loss = scores.mean();
        var gradientNorm = Milliseconds(() => _ = AdversarialOptimizers.GradientNorm(network), time / 3);
        var reads = Milliseconds(() =>
        {
            _ = loss.item<float>();
            _ = loss.item<float>();
            _ = GanLoss.NonSaturating.MeanVerdict(scores);
            _ = GanLoss.NonSaturating.MeanVerdict(scores);
        }, time / 3);
        var collection = Milliseconds(() => GC.Collect(0, GCCollectionMode.Forced, blocking: true), time / 3);
        return new ExtrasTime(gradientNorm, reads, collection);
    }

    // Milliseconds per call of work, in its own dispose scope, over about time after one untimed call.
    private static double Milliseconds(Action work, TimeSpan time)
    {
        void Once()
        {
            using var scope = NewDisposeScope();
            work();
        }

        Once();
        var clock = Stopwatch.StartNew();
        var count = 0;
        do
        {
            Once();
            count++;
        }
        while (clock.Elapsed < time);

        return clock.Elapsed.TotalMilliseconds / count;
    }
}
