using System.Globalization;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// How evenly samples spread over the classes a classifier assigns them: counts and shares per class, KL(shares ‖ uniform)
/// in nats (0 when even, log(classes) when all in one class) and the smallest share (lowest class on ties).
/// Introduced in chapter 05.
/// </summary>
public sealed record ClassBalance(IReadOnlyList<long> Counts, IReadOnlyList<double> Shares, double KlToUniform, double SmallestShare, int SmallestClass)
{
    public int ClassCount => Counts.Count;

    public long Total => Counts.Sum();

    /// <summary>The balance of <paramref name="predictedClasses"/>, a 1-D integer tensor of indices in [0, <paramref name="classCount"/>).</summary>
    /// <exception cref="ArgumentException">The input is not a non-empty 1-D integer tensor of indices in range, or classCount &lt; 1.</exception>
    public static ClassBalance FromPredictions(Tensor predictedClasses, int classCount = 10)
    {
        ArgumentNullException.ThrowIfNull(predictedClasses);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (predictedClasses.dim() != 1 || predictedClasses.shape[0] == 0 || !predictedClasses.is_integral() || predictedClasses.dtype == ScalarType.Bool)
        {
            throw new ArgumentException(
                $"Predicted classes must be a non-empty 1-D integer tensor, not {predictedClasses.dtype} of shape [{string.Join(", ", predictedClasses.shape)}].",
                nameof(predictedClasses));
        }

        using var scope = NewDisposeScope();
        var classes = predictedClasses.detach().to(int64).to(CPU);
        var smallest = classes.min().item<long>();
        var largest = classes.max().item<long>();
        if (smallest < 0 || largest >= classCount)
        {
            throw new ArgumentException(
                $"Predicted classes must lie in [0, {classCount}), but range from {smallest} to {largest}.",
                nameof(predictedClasses));
        }

        return FromCounts(bincount(classes, minlength: classCount).data<long>().ToArray());
    }

    /// <summary>The balance of the argmax classes of <paramref name="probabilities"/> (N, classes); logits do as well.</summary>
    /// <exception cref="ArgumentException">The input is not a non-empty (N, classes) tensor.</exception>
    public static ClassBalance FromProbabilities(Tensor probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        if (probabilities.dim() != 2 || probabilities.shape[0] == 0 || probabilities.shape[1] == 0)
        {
            throw new ArgumentException(
                $"Probabilities must be a non-empty (N, classes) tensor, not shape [{string.Join(", ", probabilities.shape)}].",
                nameof(probabilities));
        }

        using var scope = NewDisposeScope();
        return FromPredictions(probabilities.detach().argmax(1), (int)probabilities.shape[1]);
    }

    /// <summary>The balance of a histogram of class counts, in class order.</summary>
    /// <exception cref="ArgumentException">No classes, a negative count, or no samples at all.</exception>
    public static ClassBalance FromCounts(IReadOnlyList<long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0 || counts.Any(count => count < 0) || counts.Sum() == 0)
        {
            throw new ArgumentException("Counts need at least one class, no negative count and at least one sample.", nameof(counts));
        }

        var total = (double)counts.Sum();
        var shares = counts.Select(count => count / total).ToArray();
        var klToUniform = shares.Where(share => share > 0).Sum(share => share * Math.Log(share * counts.Count));
        var smallestClass = Array.IndexOf(shares, shares.Min());
        return new ClassBalance(counts.ToArray(), shares, Math.Max(0, klToUniform), shares[smallestClass], smallestClass);
    }

    public override string ToString()
    {
        var histogram = string.Join(" ", Counts.Select((count, index) => string.Create(CultureInfo.InvariantCulture, $"{index}:{count}")));
        return string.Create(
            CultureInfo.InvariantCulture,
            $"KL to uniform {KlToUniform:F4} nats, smallest class {SmallestClass} at {SmallestShare:P1} of {Total:N0}; counts {histogram}");
    }
}
