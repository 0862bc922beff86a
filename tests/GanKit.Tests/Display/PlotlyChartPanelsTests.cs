using System.Text.Json;
using GanKit.Display;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>The chart parts the 2-D pictures use: heat maps, equal aspect and traces on a panel's own axes.</summary>
public sealed class PlotlyChartPanelsTests
{
    [Fact]
    public void AHeatMapWritesZRowByRowWithItsAxesAndFixedColourScale()
    {
        double[] x = [0, 10, 20];
        double[] y = [-1, 1];
        var z = new double[,] { { 0.1, 0.2, 0.3 }, { 0.4, 0.5, 0.6 } };

        var chart = new PlotlyChart("surface").Heatmap("D(x)", x, y, z, 0, 1, "verdict");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal(1, chart.TraceCount);
        Assert.Equal("heatmap", trace.GetProperty("type").GetString());
        Assert.Equal("D(x)", trace.GetProperty("name").GetString());
        Assert.Equal([0.0, 10, 20], Numbers(trace.GetProperty("x")));
        Assert.Equal([-1.0, 1], Numbers(trace.GetProperty("y")));
        var rows = trace.GetProperty("z");
        Assert.Equal(2, rows.GetArrayLength());
        Assert.Equal([0.1, 0.2, 0.3], Numbers(rows[0]));
        Assert.Equal([0.4, 0.5, 0.6], Numbers(rows[1]));
        Assert.Equal(0.0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(1.0, trace.GetProperty("zmax").GetDouble());
        Assert.Equal("RdBu", trace.GetProperty("colorscale").GetString());
        Assert.True(trace.GetProperty("reversescale").GetBoolean(), "plotly.js's RdBu runs blue to red; reversed, the minimum (D = 0, generated) is red.");
        Assert.Equal("verdict", trace.GetProperty("colorbar").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void AHeatMapTakesAnotherColourScaleAndRange()
    {
        double[] axis = [0, 1];
        var z = new double[,] { { -5, 5 }, { 0, double.NaN } };

        var chart = new PlotlyChart("surface").Heatmap("critic", axis, axis, z, -5, 5, "f(x)", colorScale: "Viridis");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal("Viridis", trace.GetProperty("colorscale").GetString());
        Assert.False(trace.GetProperty("reversescale").GetBoolean());
        Assert.Equal(-5.0, trace.GetProperty("zmin").GetDouble());
        Assert.Equal(5.0, trace.GetProperty("zmax").GetDouble());
        Assert.Equal(JsonValueKind.Null, trace.GetProperty("z")[1][1].ValueKind);
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    public void AHeatMapWhoseValuesDoNotMatchItsAxesIsRejected(int rows, int columns)
    {
        double[] x = [0, 1];
        double[] y = [0, 1, 2];
        var z = new double[rows, columns];   // 3 rows × 2 columns would fit

        var exception = Assert.Throws<ArgumentException>(() => new PlotlyChart("mismatch").Heatmap("bad", x, y, z, 0, 1, "z"));

        Assert.Contains("'bad'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EqualAspectAnchorsTheVerticalScaleToTheHorizontalOneAndKeepsTheTitle()
    {
        var chart = new PlotlyChart("square", xTitle: "x₁", yTitle: "x₂").EqualAspect();

        using var figure = JsonDocument.Parse(chart.ToJson());
        var yaxis = figure.RootElement.GetProperty("layout").GetProperty("yaxis");
        Assert.Equal("x", yaxis.GetProperty("scaleanchor").GetString());
        Assert.Equal(1, yaxis.GetProperty("scaleratio").GetDouble());
        Assert.Equal("x₂", yaxis.GetProperty("title").GetProperty("text").GetString());
        Assert.False(figure.RootElement.GetProperty("layout").GetProperty("xaxis").TryGetProperty("scaleanchor", out _));
    }

    [Fact]
    public void AssignLastTraceToMovesOnlyTheMostRecentTrace()
    {
        double[] values = [1, 2];
        var chart = new PlotlyChart("panels")
            .Markers("left", values, values)
            .Markers("right", values, values)
            .AssignLastTraceTo("x2", "y2");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");
        Assert.False(data[0].TryGetProperty("xaxis", out _));
        Assert.False(data[0].TryGetProperty("yaxis", out _));
        Assert.Equal("x2", data[1].GetProperty("xaxis").GetString());
        Assert.Equal("y2", data[1].GetProperty("yaxis").GetString());
    }

    [Fact]
    public void AssignLastTraceToOverridesTheSecondAxisOfATrace()
    {
        double[] values = [1, 2];
        var chart = new PlotlyChart("panels")
            .Line("right", values, values, secondAxis: true)
            .AssignLastTraceTo("x3", "y3");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var trace = figure.RootElement.GetProperty("data")[0];
        Assert.Equal("x3", trace.GetProperty("xaxis").GetString());
        Assert.Equal("y3", trace.GetProperty("yaxis").GetString());
    }

    [Fact]
    public void AssignLastTraceToOnAnEmptyChartIsRejected()
    {
        var chart = new PlotlyChart("empty");

        Assert.Throws<InvalidOperationException>(() => chart.AssignLastTraceTo("x2", "y2"));
    }

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(element => element.GetDouble()).ToArray();
}
