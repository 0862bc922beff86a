using System.Diagnostics;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// The machine's own large matrix-product rate, the yardstick for the loops' FLOP/s: the median time of
/// <c>matmul</c> on two 2048 × 2048 float32 matrices, at the thread count set now. One product is 2n³ FLOPs.
/// </summary>
internal static class MatrixProductRate
{
    /// <summary>The matrices' side.</summary>
    public const int Size = 2048;

    /// <summary>FLOP/s of the median of <paramref name="repeats"/> timed products, after one untimed.</summary>
    public static double Measure(Device device, int repeats)
    {
        using var scope = NewDisposeScope();
        var left = randn(Size, Size, dtype: float32, device: device);
        var right = randn(Size, Size, dtype: float32, device: device);
        matmul(left, right).Dispose();   // the first product allocates and starts the threads
        var seconds = new List<double>();
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            StepTiming.Synchronize(device);
            var started = Stopwatch.GetTimestamp();
            using var product = matmul(left, right);
            StepTiming.Synchronize(device);
            seconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        return 2.0 * Size * Size * Size / Median.Of(seconds);
    }
}
