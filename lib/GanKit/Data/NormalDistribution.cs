using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// The 1-D normal distribution N(mean, standardDeviation²), for the one-dimensional games of chapters 01 and 02:
/// samples as a (count, 1) column and the density p(x) for closed forms such as D*(x).
/// </summary>
public sealed record NormalDistribution
{
    /// <summary>N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The standard deviation is not positive.</exception>
    public NormalDistribution(double mean, double standardDeviation)
    {
        if (!(standardDeviation > 0) || !double.IsFinite(standardDeviation) || !double.IsFinite(mean))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), $"N({mean}, {standardDeviation}²) is not a normal distribution: the standard deviation must be a positive number.");
        }

        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    public double Mean { get; }

    public double StandardDeviation { get; }

    /// <summary>Draws <paramref name="count"/> samples as a (count, 1) float32 column.</summary>
    public Tensor Sample(long count, Device? device = null, Generator? generator = null) =>
        randn([count, 1], device: device, generator: generator).mul_(StandardDeviation).add_(Mean);

    /// <summary>The density p(x) at every element of <paramref name="x"/> (same shape and dtype).</summary>
    public Tensor Density(Tensor x) => LogDensity(x).exp_();

    /// <summary>log p(x), which stays finite far in the tails where p(x) itself underflows to 0.</summary>
    public Tensor LogDensity(Tensor x)
    {
        using var scope = NewDisposeScope();
        var standardised = (x - Mean) / StandardDeviation;
        return ((standardised.square() * -0.5) - Math.Log(StandardDeviation * Math.Sqrt(2 * Math.PI))).MoveToOuterDisposeScope();
    }

    public override string ToString() => $"N({Mean:G4}, {StandardDeviation:G4}²)";
}
