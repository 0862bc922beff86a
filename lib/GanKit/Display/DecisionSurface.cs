using static TorchSharp.torch;

namespace GanKit.Display;

/// <summary>
/// GAN Lab's picture: D's verdict as a heat map over the plane (red "generated", blue "real", fading to ½ where G has
/// caught up), with real and generated points on top. Introduced in chapter 03.
/// </summary>
public static class DecisionSurface
{
    /// <summary>The colour of real points in the course's 2-D pictures.</summary>
    public const string RealColor = "#1b2a49";

    /// <summary>The colour of generated points in the course's 2-D pictures.</summary>
    public const string GeneratedColor = "#ff7f0e";

    /// <summary>
    /// Draws <paramref name="verdict"/> (D's probability that each row of an (N, 2) tensor is real, called without
    /// gradient) on a <paramref name="resolution"/>² grid over [<paramref name="minimum"/>, <paramref name="maximum"/>]²,
    /// evaluated on <paramref name="device"/> (default: where <paramref name="real"/> is), and the points.
    /// </summary>
    public static PlotlyChart Chart(string title, Func<Tensor, Tensor> verdict, Tensor real, Tensor generated, double minimum, double maximum, int resolution = 60, Device? device = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        if (maximum <= minimum)
        {
            throw new ArgumentException($"The range [{minimum}, {maximum}] is empty.", nameof(maximum));
        }

        var axis = Enumerable.Range(0, resolution).Select(index => minimum + ((maximum - minimum) * index / (resolution - 1))).ToArray();
        var surface = new double[resolution, resolution];
        float[] realPoints;
        float[] generatedPoints;
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            var target = device ?? real.device;
            var coordinates = tensor(axis, dtype: float32, device: target);
            var grid = meshgrid([coordinates, coordinates], indexing: "xy");                 // two (rows, columns) tensors
            var points = stack([grid[0].flatten(), grid[1].flatten()], dim: 1);           // (rows·columns, 2)
            var values = verdict(points).reshape(resolution, resolution).to(float64).to(CPU).data<double>().ToArray();
            for (var row = 0; row < resolution; row++)
            {
                for (var column = 0; column < resolution; column++)
                {
                    surface[row, column] = values[(row * resolution) + column];
                }
            }

            realPoints = real.detach().to(float32).to(CPU).data<float>().ToArray();
            generatedPoints = generated.detach().to(float32).to(CPU).data<float>().ToArray();
        }

        return new PlotlyChart(title, xTitle: "x₁", yTitle: "x₂", height: 520)
            .Heatmap("D(x)", axis, axis, surface, 0, 1, "D(x)")
            .Markers("real", Column(realPoints, 0), Column(realPoints, 1), size: 4, color: RealColor)
            .Markers("generated", Column(generatedPoints, 0), Column(generatedPoints, 1), size: 4, color: GeneratedColor)
            .XRange(minimum, maximum)
            .YRange(minimum, maximum)
            .EqualAspect();
    }

    internal static IEnumerable<float> Column(float[] pairs, int column) => pairs.Where((_, index) => index % 2 == column);
}
