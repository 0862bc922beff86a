using System.Text.Json;
using GanKit.Display;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>The GAN Lab picture: D's verdict as a heat map under the real and generated points, read back from the JSON.</summary>
public sealed class DecisionSurfaceTests
{
    public DecisionSurfaceTests() => TorchSession.Start();

    [Fact]
    public void TheHeatMapHoldsTheVerdictOnAResolutionByResolutionGrid()
    {
        using var scope = torch.NewDisposeScope();
        const int resolution = 7;
        var (real, generated) = Points();

        var chart = DecisionSurface.Chart("D after 100 steps", points => torch.sigmoid(points[.., 0]), real, generated, -2, 4, resolution);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var heatmap = figure.RootElement.GetProperty("data")[0];
        Assert.Equal("heatmap", heatmap.GetProperty("type").GetString());
        Assert.Equal(0.0, heatmap.GetProperty("zmin").GetDouble());
        Assert.Equal(1.0, heatmap.GetProperty("zmax").GetDouble());
        var axis = Numbers(heatmap.GetProperty("x"));
        Assert.Equal([-2.0, -1, 0, 1, 2, 3, 4], axis);
        Assert.Equal(axis, Numbers(heatmap.GetProperty("y")));
        var z = heatmap.GetProperty("z");
        Assert.Equal(resolution, z.GetArrayLength());
        Assert.All(z.EnumerateArray(), row => Assert.Equal(resolution, row.GetArrayLength()));
        foreach (var (row, column) in new[] { (0, 0), (0, 6), (3, 2), (6, 4), (5, 1) })
        {
            Assert.Equal(Sigmoid(axis[column]), z[row][column].GetDouble(), 1e-6);
        }
    }

    [Fact]
    public void RowsFollowTheSecondCoordinateAndColumnsTheFirst()
    {
        using var scope = torch.NewDisposeScope();
        const int resolution = 5;
        var (real, generated) = Points();

        var chart = DecisionSurface.Chart("oriented", points => torch.sigmoid(points[.., 0] - (2 * points[.., 1])), real, generated, -1, 1, resolution);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var z = figure.RootElement.GetProperty("data")[0].GetProperty("z");
        double[] axis = [-1, -0.5, 0, 0.5, 1];
        for (var row = 0; row < resolution; row++)
        {
            for (var column = 0; column < resolution; column++)
            {
                Assert.Equal(Sigmoid(axis[column] - (2 * axis[row])), z[row][column].GetDouble(), 1e-6);
            }
        }
    }

    [Fact]
    public void TheVerdictIsCalledOnceWithoutGradientOnAllGridPoints()
    {
        using var scope = torch.NewDisposeScope();
        var (real, generated) = Points();
        var calls = new List<(long[] Shape, bool GradientEnabled)>();

        DecisionSurface.Chart("calls", points =>
        {
            calls.Add((points.shape, torch.is_grad_enabled()));
            return torch.full(points.shape[0], 0.5f);
        }, real, generated, 0, 1, resolution: 9);

        var call = Assert.Single(calls);
        Assert.Equal([81L, 2L], call.Shape);
        Assert.False(call.GradientEnabled);
    }

    [Fact]
    public void TheRealAndGeneratedPointsAreTwoMarkerTracesOverTheHeatMap()
    {
        using var scope = torch.NewDisposeScope();
        var (real, generated) = Points();

        var chart = DecisionSurface.Chart("points", points => torch.sigmoid(points[.., 0]), real, generated, -3, 3, resolution: 4);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal(["heatmap", "scatter", "scatter"], data.EnumerateArray().Select(trace => trace.GetProperty("type").GetString()));
        Assert.Equal("real", data[1].GetProperty("name").GetString());
        Assert.Equal("markers", data[1].GetProperty("mode").GetString());
        Assert.Equal([0.5, 1, 2.25], Numbers(data[1].GetProperty("x")));
        Assert.Equal([-1.25, 2, -3], Numbers(data[1].GetProperty("y")));
        Assert.Equal(DecisionSurface.RealColor, data[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal("generated", data[2].GetProperty("name").GetString());
        Assert.Equal([0.125, -0.75], Numbers(data[2].GetProperty("x")));
        Assert.Equal([1.5, 2.5], Numbers(data[2].GetProperty("y")));
        Assert.Equal(DecisionSurface.GeneratedColor, data[2].GetProperty("marker").GetProperty("color").GetString());
    }

    [Fact]
    public void BothAxesShowTheRangeAtEqualScale()
    {
        using var scope = torch.NewDisposeScope();
        var (real, generated) = Points();

        var chart = DecisionSurface.Chart("axes", points => torch.sigmoid(points[.., 0]), real, generated, -3, 3, resolution: 4);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal("axes", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("scaleanchor").GetString());
        Assert.Equal(1, layout.GetProperty("yaxis").GetProperty("scaleratio").GetDouble());
        Assert.Equal([-3.0, 3], Numbers(layout.GetProperty("xaxis").GetProperty("range")));
        Assert.Equal([-3.0, 3], Numbers(layout.GetProperty("yaxis").GetProperty("range")));
    }

    [Fact]
    public void PointsInFloat64AndPointsWithGradientAreAccepted()
    {
        using var scope = torch.NewDisposeScope();
        double[] realValues = [0.5, -1.25];
        var real = torch.tensor(realValues, [1, 2]);
        float[] generatedValues = [0.25f, 0.75f];
        var generated = torch.tensor(generatedValues, [1, 2]).requires_grad_();

        var chart = DecisionSurface.Chart("types", points => torch.sigmoid(points[.., 0]), real, generated, 0, 1, resolution: 2);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");
        Assert.Equal([0.5], Numbers(data[1].GetProperty("x")));
        Assert.Equal([-1.25], Numbers(data[1].GetProperty("y")));
        Assert.Equal([0.25], Numbers(data[2].GetProperty("x")));
        Assert.Equal([0.75], Numbers(data[2].GetProperty("y")));
    }

    [Fact]
    public void DrawingLeavesNoLiveTensorsBehind()
    {
        using var real = torch.zeros(5, 2);
        using var generated = torch.zeros(4, 2);
        LiveTensors.AssertNoneLeftBy(() => DecisionSurface.Chart("tidy", points => torch.sigmoid(points[.., 0]), real, generated, 0, 1, resolution: 8));
    }

    [Theory]
    [InlineData(1.0, 1.0)]
    [InlineData(2.0, -2.0)]
    public void AnEmptyRangeIsRejected(double minimum, double maximum)
    {
        using var scope = torch.NewDisposeScope();
        var (real, generated) = Points();

        var exception = Assert.Throws<ArgumentException>(() => DecisionSurface.Chart("empty", points => torch.sigmoid(points[.., 0]), real, generated, minimum, maximum));

        Assert.Contains("empty", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AResolutionBelowTwoIsRejected()
    {
        using var scope = torch.NewDisposeScope();
        var (real, generated) = Points();

        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionSurface.Chart("coarse", points => torch.sigmoid(points[.., 0]), real, generated, 0, 1, resolution: 1));
    }

    private static (torch.Tensor Real, torch.Tensor Generated) Points() =>
        (torch.tensor(new float[] { 0.5f, -1.25f, 1, 2, 2.25f, -3 }, [3, 2]), torch.tensor(new float[] { 0.125f, 1.5f, -0.75f, 2.5f }, [2, 2]));

    private static double Sigmoid(double value) => 1 / (1 + Math.Exp(-value));

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(element => element.GetDouble()).ToArray();
}
