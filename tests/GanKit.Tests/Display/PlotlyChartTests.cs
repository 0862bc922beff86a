using System.Text.Json;
using System.Text.RegularExpressions;
using GanKit.Display;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>The Plotly figure PlotlyChart writes, read back as JSON.</summary>
public sealed partial class PlotlyChartTests
{
    [Fact]
    public void ToJsonHoldsTheTracesInOrderWithTheirTypesAndNumbers()
    {
        double[] real = [1.5, -2.25, 3];
        int[] lineX = [0, 1, 2];
        float[] lineY = [0.25f, 0.5f, 0.75f];
        long[] markerX = [10L, 20L];
        double[] markerY = [1.0, 2.0];
        var chart = new PlotlyChart("Real vs generated", xTitle: "x", yTitle: "density")
            .Histogram("real", real)
            .Line("D(x)", lineX, lineY)
            .Markers("samples", markerX, markerY);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");

        Assert.Equal(3, chart.TraceCount);
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal(["histogram", "scatter", "scatter"], data.EnumerateArray().Select(trace => trace.GetProperty("type").GetString()));
        Assert.Equal(["real", "D(x)", "samples"], data.EnumerateArray().Select(trace => trace.GetProperty("name").GetString()));
        Assert.Equal([1.5, -2.25, 3], Numbers(data[0].GetProperty("x")));
        Assert.Equal("probability density", data[0].GetProperty("histnorm").GetString());
        Assert.Equal("lines", data[1].GetProperty("mode").GetString());
        Assert.Equal([0.0, 1, 2], Numbers(data[1].GetProperty("x")));
        Assert.Equal([0.25, 0.5, 0.75], Numbers(data[1].GetProperty("y")));
        Assert.Equal("markers", data[2].GetProperty("mode").GetString());
        Assert.Equal([10.0, 20], Numbers(data[2].GetProperty("x")));
        Assert.Equal([1.0, 2], Numbers(data[2].GetProperty("y")));
        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal("Real vs generated", layout.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("x", layout.GetProperty("xaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("density", layout.GetProperty("yaxis").GetProperty("title").GetProperty("text").GetString());
        Assert.False(layout.TryGetProperty("yaxis2", out _));
    }

    [Fact]
    public void BarsAreBarTracesWithTheirHeightsAndColour()
    {
        int[] digits = [0, 1, 2];
        double[] accuracy = [0.5, 0.75, 1.0];
        var chart = new PlotlyChart("Accuracy per digit").Bars("generated", digits, accuracy, color: "#1f77b4");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var bar = figure.RootElement.GetProperty("data")[0];

        Assert.Equal("bar", bar.GetProperty("type").GetString());
        Assert.False(bar.TryGetProperty("mode", out _), "A bar trace has no scatter mode.");
        Assert.Equal([0.5, 0.75, 1.0], bar.GetProperty("y").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal("#1f77b4", bar.GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal("group", figure.RootElement.GetProperty("layout").GetProperty("barmode").GetString());
    }

    [Fact]
    public void NotANumberAndInfinityAreWrittenAsNull()
    {
        double[] steps = [1.0, 2, 3, 4];
        double[] losses = [0.5, double.NaN, double.PositiveInfinity, 0.25];
        float[] values = [float.NaN, 1f];
        var chart = new PlotlyChart("gaps")
            .Line("loss", steps, losses)
            .Histogram("values", values);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");

        var y = data[0].GetProperty("y");
        Assert.Equal(4, y.GetArrayLength());
        Assert.Equal(0.5, y[0].GetDouble());
        Assert.Equal(JsonValueKind.Null, y[1].ValueKind);
        Assert.Equal(JsonValueKind.Null, y[2].ValueKind);
        Assert.Equal(0.25, y[3].GetDouble());
        Assert.Equal(JsonValueKind.Null, data[1].GetProperty("x")[0].ValueKind);
        Assert.Equal(1.0, data[1].GetProperty("x")[1].GetDouble());
    }

    [Fact]
    public void SecondAxisTracesUseY2AndTheLayoutGetsYaxis2()
    {
        double[] ends = [0.0, 1];
        double[] reversed = [1.0, 0];
        double[] middle = [0.5];
        var chart = new PlotlyChart("two axes")
            .Line("left", ends, ends)
            .Line("right", ends, reversed, secondAxis: true)
            .Markers("right points", middle, middle, secondAxis: true)
            .SecondAxis("D(x)", minimum: 0, maximum: 1);

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");
        var secondAxis = figure.RootElement.GetProperty("layout").GetProperty("yaxis2");

        Assert.False(data[0].TryGetProperty("yaxis", out _));
        Assert.Equal("y2", data[1].GetProperty("yaxis").GetString());
        Assert.Equal("y2", data[2].GetProperty("yaxis").GetString());
        Assert.Equal("D(x)", secondAxis.GetProperty("title").GetProperty("text").GetString());
        Assert.Equal("y", secondAxis.GetProperty("overlaying").GetString());
        Assert.Equal("right", secondAxis.GetProperty("side").GetString());
        Assert.Equal([0.0, 1], Numbers(secondAxis.GetProperty("range")));
    }

    [Fact]
    public void LogYPutsTheVerticalAxisOnALogScaleAndKeepsItsTitle()
    {
        double[] steps = [1.0, 2];
        double[] norms = [1e-3, 10];
        var chart = new PlotlyChart("gradient norms", yTitle: "‖∇‖").Line("norm", steps, norms).LogY();

        using var figure = JsonDocument.Parse(chart.ToJson());
        var axis = figure.RootElement.GetProperty("layout").GetProperty("yaxis");

        Assert.Equal("log", axis.GetProperty("type").GetString());
        Assert.Equal("‖∇‖", axis.GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void MismatchedLineLengthsAreRejectedNamingTheTrace()
    {
        var chart = new PlotlyChart("mismatch");

        double[] x = [1.0, 2, 3];
        double[] y = [1.0, 2];

        var exception = Assert.Throws<ArgumentException>(() => chart.Line("D(x)", x, y));

        Assert.Equal("Trace 'D(x)' has 3 x values but 2 y values.", exception.Message);
        Assert.Equal(0, chart.TraceCount);
    }

    [Fact]
    public void MismatchedMarkerLengthsAreRejected()
    {
        var chart = new PlotlyChart("mismatch");

        double[] x = [1.0];
        double[] y = [1.0, 2];

        var exception = Assert.Throws<ArgumentException>(() => chart.Markers("points", x, y));

        Assert.Contains("'points' has 1 x values but 2 y values", exception.Message, StringComparison.Ordinal);
        Assert.Equal(0, chart.TraceCount);
    }

    [Fact]
    public void ToHtmlHasADivWhoseIdTheScriptDrawsIntoAndTheFigureJson()
    {
        int[] values = [1, 2, 3];
        var chart = new PlotlyChart("html", height: 333).Histogram("values", values);

        var html = chart.ToHtml();

        var div = DivPattern().Match(html);
        Assert.True(div.Success, "No <div id=...> in the HTML.");
        var id = div.Groups["id"].Value;
        Assert.Contains($"min-height:333px", div.Value, StringComparison.Ordinal);
        Assert.Contains($"window.Plotly.newPlot(\"{id}\", figure.data, figure.layout, figure.config)", html, StringComparison.Ordinal);
        Assert.Contains($"var figure = {chart.ToJson()};", html, StringComparison.Ordinal);
        Assert.Contains(PlotlyChart.FallbackScriptUrl, html, StringComparison.Ordinal);
        Assert.NotEqual(id, DivPattern().Match(chart.ToHtml()).Groups["id"].Value);
    }

    [Fact]
    public void ATraceNameCannotCloseTheScriptElement()
    {
        double[] values = [1.0];
        var chart = new PlotlyChart("<b>title</b>").Histogram("</script><script>alert(1)</script>", values);

        var html = chart.ToHtml();

        Assert.Equal(1, Regex.Count(html, "</script>", RegexOptions.IgnoreCase));
        using var figure = JsonDocument.Parse(chart.ToJson());
        Assert.Equal("</script><script>alert(1)</script>", figure.RootElement.GetProperty("data")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void ALegendGoesBelowTheAxisTitleAndItsRowsMakeTheChartTallerNotThePlotShorter()
    {
        int[] x = [0, 1];
        var two = new PlotlyChart("Two", xTitle: "step", height: 420).Line("D loss", x, x).Line("G loss", x, x);
        var many = new PlotlyChart("Many", xTitle: "step", height: 420);
        foreach (var seed in Enumerable.Range(1, 9))
        {
            many.Line($"non-saturating loss with dropout 0.3 and R1 γ 1, seed {seed}", x, x);
        }

        var (twoLayout, manyLayout) = (Layout(two), Layout(many));

        // 290 px of plot (420 − 50 above − plotly's plain 80 below) in both; the legend starts 62 px under it, below the
        // x-axis title (which ends 55 px under it), however many rows it has.
        Assert.Equal(290, PlotHeight(twoLayout));
        Assert.Equal(290, PlotHeight(manyLayout));
        Assert.Equal(-62.0 / 290, twoLayout.GetProperty("legend").GetProperty("y").GetDouble(), precision: 4);
        Assert.Equal(-62.0 / 290, manyLayout.GetProperty("legend").GetProperty("y").GetDouble(), precision: 4);
        Assert.Equal("top", manyLayout.GetProperty("legend").GetProperty("yanchor").GetString());
        Assert.Equal(62 + 10 + 19 + 4, twoLayout.GetProperty("margin").GetProperty("b").GetInt32());   // one row
        Assert.Equal(62 + 10 + (19 * 9) + 4, manyLayout.GetProperty("margin").GetProperty("b").GetInt32());   // an entry a row
        Assert.Contains($"min-height:{manyLayout.GetProperty("height").GetInt32()}px", many.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void AChartWithoutALegendOrWithALegendPlacedByTheCallerKeepsItsHeight()
    {
        int[] x = [0, 1];
        var single = new PlotlyChart("One trace", xTitle: "step", height: 420).Line("D loss", x, x);
        var placed = new PlotlyChart("Placed", height: 420).Line("a", x, x).Line("b", x, x)
            .Layout("legend", new System.Text.Json.Nodes.JsonObject { ["x"] = 1.02, ["y"] = 1 });

        Assert.Equal(420, Layout(single).GetProperty("height").GetInt32());
        Assert.False(Layout(single).GetProperty("legend").TryGetProperty("y", out _));
        Assert.Equal(420, Layout(placed).GetProperty("height").GetInt32());
        Assert.Equal(1, Layout(placed).GetProperty("legend").GetProperty("y").GetDouble());
    }

    private static JsonElement Layout(PlotlyChart chart) => JsonDocument.Parse(chart.ToJson()).RootElement.GetProperty("layout").Clone();

    private static int PlotHeight(JsonElement layout) =>
        layout.GetProperty("height").GetInt32() - layout.GetProperty("margin").GetProperty("t").GetInt32() - layout.GetProperty("margin").GetProperty("b").GetInt32();

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(element => element.GetDouble()).ToArray();

    [GeneratedRegex("<div id=\"(?<id>[^\"]+)\"[^>]*>")]
    private static partial Regex DivPattern();
}
