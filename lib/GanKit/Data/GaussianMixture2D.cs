using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// An equal-weight mixture of round 2-D Gaussians, the toy target of chapters 03 and 04: the ring of 8 and the grid
/// of 25 used by the Unrolled GAN, VEEGAN and PacGAN papers to measure mode collapse.
/// </summary>
public sealed class GaussianMixture2D
{
    private readonly double[,] centers;

    private GaussianMixture2D(string name, double[,] centers, double standardDeviation)
    {
        Name = name;
        this.centers = centers;
        StandardDeviation = standardDeviation;
    }

    /// <summary>A short description for titles.</summary>
    public string Name { get; }

    /// <summary>The standard deviation of every component.</summary>
    public double StandardDeviation { get; }

    public int ModeCount => centers.GetLength(0);

    /// <summary>
    /// <paramref name="modes"/> Gaussians at angles 2πk/modes on a circle (not <c>linspace(0, 2π, modes)</c>, which
    /// repeats one). The benchmark uses 8 on the unit circle with σ = 0.01.
    /// </summary>
    public static GaussianMixture2D Ring(int modes = 8, double radius = 1, double standardDeviation = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(modes, 1);
        var centers = new double[modes, 2];
        for (var mode = 0; mode < modes; mode++)
        {
            var angle = 2 * Math.PI * mode / modes;
            centers[mode, 0] = radius * Math.Cos(angle);
            centers[mode, 1] = radius * Math.Sin(angle);
        }

        return new GaussianMixture2D($"ring of {modes} Gaussians (radius {radius:G3}, σ = {standardDeviation:G3})", centers, Positive(standardDeviation));
    }

    /// <summary>
    /// A square grid of <paramref name="perSide"/>² Gaussians, <paramref name="spacing"/> apart and centred on the
    /// origin. The benchmark uses 5 × 5 at {−4, −2, 0, 2, 4}² with σ = 0.05.
    /// </summary>
    public static GaussianMixture2D Grid(int perSide = 5, double spacing = 2, double standardDeviation = 0.05)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perSide, 1);
        var centers = new double[perSide * perSide, 2];
        var offset = (perSide - 1) * spacing / 2;
        for (var row = 0; row < perSide; row++)
        {
            for (var column = 0; column < perSide; column++)
            {
                centers[(row * perSide) + column, 0] = (column * spacing) - offset;
                centers[(row * perSide) + column, 1] = (row * spacing) - offset;
            }
        }

        return new GaussianMixture2D($"grid of {perSide}×{perSide} Gaussians (spacing {spacing:G3}, σ = {standardDeviation:G3})", centers, Positive(standardDeviation));
    }

    /// <summary>The centres as a (modes, 2) float32 tensor.</summary>
    public Tensor Centers(Device? device = null) => tensor(centers, dtype: float32, device: device);

    /// <summary>Draws <paramref name="count"/> samples as a (count, 2) float32 tensor: a uniformly chosen mode plus N(0, σ²I).</summary>
    public Tensor Sample(long count, Device? device = null, Generator? generator = null)
    {
        using var scope = NewDisposeScope();
        var modes = randint(ModeCount, [count], device: device, generator: generator);
        var noise = randn([count, 2], device: device, generator: generator).mul_(StandardDeviation);
        return Centers(device).index_select(0, modes).add_(noise).MoveToOuterDisposeScope();
    }

    public override string ToString() => Name;

    private static double Positive(double standardDeviation) =>
        standardDeviation > 0 && double.IsFinite(standardDeviation)
            ? standardDeviation
            : throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "The standard deviation must be a positive number.");
}
