using GanKit.Data;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// How well samples cover a <see cref="GaussianMixture2D"/>, by the protocol of the Unrolled GAN, VEEGAN and PacGAN
/// papers: a sample is <b>high quality</b> within 3σ of its nearest mode; a mode is <b>captured</b> when some
/// high-quality sample is nearest to it; <b>reverse KL</b> is KL(q ‖ uniform) of the high-quality samples' histogram q
/// over the modes, in nats (infinite when there are none). Real data: 1 − e^−4.5 ≈ 98.9 % high quality, reverse KL ≈
/// (modes − 1) / 2N. Introduced in chapter 03.
/// </summary>
public sealed record ModeCoverage(int ModesCaptured, int ModeCount, double HighQualityShare, double ReverseKl, IReadOnlyList<long> SamplesPerMode)
{
    /// <summary>Measures <paramref name="samples"/> (N, 2; the protocol uses 2,500) against <paramref name="target"/>.</summary>
    public static ModeCoverage Measure(GaussianMixture2D target, Tensor samples)
    {
        if (samples.dim() != 2 || samples.shape[1] != 2 || samples.shape[0] == 0)
        {
            throw new ArgumentException($"Samples must be a non-empty (N, 2) tensor, not shape [{string.Join(", ", samples.shape)}].", nameof(samples));
        }

        using var scope = NewDisposeScope();
        var points = samples.detach().to(float64);
        var centers = target.Centers(samples.device).to(float64);
        var distances = cdist(points, centers);                                // (N, modes)
        var (nearestDistance, nearestMode) = distances.min(1);
        var highQuality = nearestDistance.lt(3 * target.StandardDeviation);
        var counts = bincount(nearestMode.masked_select(highQuality), minlength: target.ModeCount).to(CPU).data<long>().ToArray();

        var highQualityCount = counts.Sum();
        var reverseKl = highQualityCount == 0
            ? double.PositiveInfinity
            : counts.Where(count => count > 0).Sum(count =>
            {
                var share = (double)count / highQualityCount;
                return share * Math.Log(share * target.ModeCount);
            });
        return new ModeCoverage(
            counts.Count(count => count > 0),
            target.ModeCount,
            (double)highQualityCount / samples.shape[0],
            reverseKl,
            counts);
    }

    public override string ToString() =>
        $"{ModesCaptured}/{ModeCount} modes, {HighQualityShare:P1} high quality, reverse KL {ReverseKl:F3}";
}
