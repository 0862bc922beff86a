using System.Globalization;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// Improved precision and recall of Kynkäänniemi et al. 2019 ("Improved Precision and Recall Metric for Assessing
/// Generative Models"), in a feature space such as the digit classifier's 128-d penultimate activations. Each point of
/// a set gets a ball whose radius is the distance to its k-th nearest <i>other</i> point of the same set; the balls'
/// union estimates the set's manifold. <b>Precision</b> is the share of fake points inside at least one real ball
/// (are the samples realistic?); <b>recall</b> is the share of real points inside at least one fake ball (is the data's
/// variety covered?). A point on a ball's boundary counts as inside. The course's bar for good digits: both ≥ 0.7.
/// Introduced in chapter 05.
/// </summary>
/// <param name="Precision">The share of fake points inside the real manifold, in [0, 1].</param>
/// <param name="Recall">The share of real points inside the fake manifold, in [0, 1].</param>
public sealed record PrecisionRecall(double Precision, double Recall)
{
    /// <summary>The neighbourhood size of the paper and of the course: 3. Introduced in chapter 05.</summary>
    public const int DefaultNeighbours = 3;

    /// <summary>How many rows of distances are computed at once by default: 1,000 × 10,000 float64 is 80 MB. Introduced in chapter 05.</summary>
    public const int DefaultBlockRows = 1_000;

    /// <summary>
    /// Measures <paramref name="fakeFeatures"/> (M, d) against <paramref name="realFeatures"/> (N, d), any float dtype,
    /// on the real features' device. Euclidean distances are computed in float64 with <c>torch.cdist</c>,
    /// <paramref name="blockRows"/> rows at a time, so 10,000 × 10,000 never needs the full distance matrix.
    /// Introduced in chapter 05.
    /// </summary>
    /// <param name="realFeatures">Features of real samples, (N, d) with N &gt; k.</param>
    /// <param name="fakeFeatures">Features of generated samples, (M, d) with M &gt; k.</param>
    /// <param name="neighbours">k: the radius of a point's ball is the distance to its k-th nearest other point.</param>
    /// <param name="blockRows">Rows of the distance matrix computed at once.</param>
    /// <exception cref="ArgumentException">A set is not 2-D, has k rows or fewer, or the feature dimensions differ.</exception>
    public static PrecisionRecall Compute(Tensor realFeatures, Tensor fakeFeatures, int neighbours = DefaultNeighbours, int blockRows = DefaultBlockRows)
    {
        ArgumentNullException.ThrowIfNull(realFeatures);
        ArgumentNullException.ThrowIfNull(fakeFeatures);
        ArgumentOutOfRangeException.ThrowIfLessThan(neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        CheckShape(realFeatures, neighbours, nameof(realFeatures));
        CheckShape(fakeFeatures, neighbours, nameof(fakeFeatures));
        if (realFeatures.shape[1] != fakeFeatures.shape[1])
        {
            throw new ArgumentException(
                $"Both feature sets need the same dimension d, not [{string.Join(", ", realFeatures.shape)}] and [{string.Join(", ", fakeFeatures.shape)}].",
                nameof(fakeFeatures));
        }

        using var scope = NewDisposeScope();
        var real = realFeatures.detach().to(float64);
        var fake = fakeFeatures.detach().to(float64, real.device);
        var realRadii = Radii(real, neighbours, blockRows);
        var fakeRadii = Radii(fake, neighbours, blockRows);

        // One pass over the real–fake distances serves both: a block of fake rows against all real points says which
        // of those fakes lie in some real ball (precision) and which reals lie in the balls of those fakes (recall).
        var fakeCount = fake.shape[0];
        var realCovered = zeros(real.shape[0], @bool, real.device);
        long fakesInside = 0;
        for (long start = 0; start < fakeCount; start += blockRows)
        {
            using var block = NewDisposeScope();
            var length = Math.Min(blockRows, fakeCount - start);
            var distances = cdist(fake.narrow(0, start, length), real);           // (length, real)
            fakesInside += distances.le(realRadii.unsqueeze(0)).any(1).sum().item<long>();
            realCovered.logical_or_(distances.le(fakeRadii.narrow(0, start, length).unsqueeze(1)).any(0));
        }

        return new PrecisionRecall(
            (double)fakesInside / fakeCount,
            realCovered.sum().item<long>() / (double)real.shape[0]);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"precision {Precision:F3}, recall {Recall:F3}");

    private static void CheckShape(Tensor features, int neighbours, string parameterName)
    {
        if (features.dim() != 2 || features.shape[0] <= neighbours || features.shape[1] < 1)
        {
            throw new ArgumentException(
                $"Features must be an (N, d) tensor with more than k = {neighbours} rows and d ≥ 1, not shape [{string.Join(", ", features.shape)}].",
                parameterName);
        }
    }

    /// <summary>For each row of <paramref name="points"/>, the distance to its k-th nearest other row (itself excluded by index, so duplicates count as neighbours).</summary>
    private static Tensor Radii(Tensor points, int neighbours, int blockRows)
    {
        var count = points.shape[0];
        var radii = empty(count, float64, points.device);
        for (long start = 0; start < count; start += blockRows)
        {
            using var block = NewDisposeScope();
            var length = Math.Min(blockRows, count - start);
            var distances = cdist(points.narrow(0, start, length), points);       // (length, count)
            distances.diagonal(start).fill_(double.PositiveInfinity);               // row i is point start + i
            // topk is far faster than kthvalue on the CPU (0.04 s against 1.3 s for 1,000 × 10,000).
            var nearest = distances.topk(neighbours, 1, largest: false).values;     // ascending
            radii.narrow(0, start, length).copy_(nearest.select(1, neighbours - 1));
        }

        return radii;
    }
}
