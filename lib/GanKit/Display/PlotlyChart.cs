using System.Numerics;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// A Plotly figure written as plain JSON (environment.md says why not Plotly.NET): a notebook shows it as
/// <c>application/vnd.plotly.v1+json</c>, drawn offline by VS Code and JupyterLab, with a plotly.js HTML fallback for
/// other front ends. Introduced in chapter 01.
/// <code>
/// new PlotlyChart("Real vs generated", xTitle: "x", yTitle: "density")
///     .Histogram("real", realSamples)
///     .Histogram("generated", generatedSamples)
///     .Line("D(x)", grid, discriminatorOutput, secondAxis: true)
/// </code>
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = [MimeType, "text/html"])]
public sealed class PlotlyChart
{
    /// <summary>The plotly.js the HTML fallback loads when the page has none (front ends without a Plotly renderer).</summary>
    public const string FallbackScriptUrl = "https://cdn.plot.ly/plotly-2.35.2.min.js";

    /// <summary>The MIME type notebook front ends draw Plotly figures from.</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    private readonly JsonArray traces = [];
    private readonly JsonObject layout;

    /// <summary>An empty chart with a title and axis titles, <paramref name="height"/> pixels tall; a legend adds its rows below.</summary>
    public PlotlyChart(string title, string xTitle = "", string yTitle = "", int height = 420)
    {
        layout = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["xaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = xTitle } },
            ["yaxis"] = new JsonObject { ["title"] = new JsonObject { ["text"] = yTitle } },
            ["height"] = height,
            ["barmode"] = "overlay",
            ["legend"] = new JsonObject { ["orientation"] = "h" },   // below the plot: LegendPlacement
            ["margin"] = new JsonObject { ["t"] = 50, ["r"] = 60 },
        };
    }

    public int TraceCount => traces.Count;

    /// <summary>
    /// Adds a histogram of <paramref name="values"/>, by default as a density so sets of different sizes compare; all
    /// histograms of a chart share their bins.
    /// </summary>
    public PlotlyChart Histogram<T>(string name, IEnumerable<T> values, int bins = 60, double opacity = 0.55, bool density = true)
        where T : INumberBase<T> =>
        Trace(new JsonObject
        {
            ["type"] = "histogram",
            ["name"] = name,
            ["x"] = Numbers(values),
            ["nbinsx"] = bins,
            ["bingroup"] = "shared",
            ["opacity"] = opacity,
            ["histnorm"] = density ? "probability density" : "",
        });

    /// <summary>
    /// Adds a line through (<paramref name="x"/>, <paramref name="y"/>), against the <see cref="SecondAxis"/> if asked;
    /// <paramref name="dash"/> is a plotly.js style such as <c>"dot"</c>, <paramref name="color"/> any CSS colour.
    /// </summary>
    public PlotlyChart Line<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y, bool secondAxis = false, string? dash = null, string? color = null)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        var line = new JsonObject { ["dash"] = dash ?? "solid", ["width"] = 2 };
        if (color is not null)
        {
            line["color"] = color;
        }

        return Trace(Scatter(name, x, y, "lines", secondAxis, line));
    }

    /// <summary>Adds points (<paramref name="x"/>, <paramref name="y"/>) as markers, in <paramref name="color"/> (any CSS colour) if given.</summary>
    public PlotlyChart Markers<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y, double size = 5, bool secondAxis = false, string? color = null)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        var trace = Scatter(name, x, y, "markers", secondAxis, line: null);
        trace["marker"] = new JsonObject { ["size"] = size };
        if (color is not null)
        {
            trace["marker"]!["color"] = color;
        }

        return Trace(trace);
    }

    /// <summary>
    /// Adds bars of height <paramref name="y"/> at <paramref name="x"/>; several bar traces stand side by side at each x.
    /// Introduced in chapter 06 (accuracy per digit).
    /// </summary>
    public PlotlyChart Bars<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y, string? color = null)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        var trace = Scatter(name, x, y, "", secondAxis: false, line: null);
        trace["type"] = "bar";
        trace.Remove("mode");
        if (color is not null)
        {
            trace["marker"] = new JsonObject { ["color"] = color };
        }

        return Trace(trace).Layout("barmode", "group");
    }

    /// <summary>
    /// Adds a heat map: <paramref name="z"/>[row, column] is the value at (<paramref name="x"/>[column], <paramref name="y"/>[row]),
    /// coloured on a fixed scale from <paramref name="zMinimum"/> to <paramref name="zMaximum"/> (by default red to blue).
    /// </summary>
    public PlotlyChart Heatmap(string name, IReadOnlyList<double> x, IReadOnlyList<double> y, double[,] z, double zMinimum, double zMaximum, string colorTitle, string colorScale = "RdBu")
    {
        if (z.GetLength(0) != y.Count || z.GetLength(1) != x.Count)
        {
            throw new ArgumentException($"Heat map '{name}' has {z.GetLength(0)}×{z.GetLength(1)} values for {y.Count} rows and {x.Count} columns.");
        }

        var rows = new JsonArray([.. Enumerable.Range(0, z.GetLength(0)).Select(row => (JsonNode)Numbers(Enumerable.Range(0, z.GetLength(1)).Select(column => z[row, column])))]);

        return Trace(new JsonObject
        {
            ["type"] = "heatmap",
            ["name"] = name,
            ["x"] = Numbers(x),
            ["y"] = Numbers(y),
            ["z"] = rows,
            ["zmin"] = zMinimum,
            ["zmax"] = zMaximum,
            ["colorscale"] = colorScale,
            // plotly.js's "RdBu" runs blue to red; reversed, the minimum is red.
            ["reversescale"] = colorScale == "RdBu",
            ["opacity"] = 0.75,
            ["colorbar"] = new JsonObject { ["title"] = new JsonObject { ["text"] = colorTitle } },
        });
    }

    /// <summary>Draws one unit the same length on both axes (circles stay round), shrinking the plot rather than widening x.</summary>
    public PlotlyChart EqualAspect() => Axis("yaxis", "scaleanchor", "x").Axis("yaxis", "scaleratio", 1).Axis("xaxis", "constrain", "domain");

    /// <summary>Sets up the right-hand axis that traces added with <c>secondAxis: true</c> use.</summary>
    public PlotlyChart SecondAxis(string title, double? minimum = null, double? maximum = null)
    {
        var axis = new JsonObject
        {
            ["title"] = new JsonObject { ["text"] = title },
            ["overlaying"] = "y",
            ["side"] = "right",
            ["showgrid"] = false,
        };
        if (minimum is not null && maximum is not null)
        {
            axis["range"] = new JsonArray(minimum.Value, maximum.Value);
        }

        return Layout("yaxis2", axis);
    }

    /// <summary>Draws the vertical axis on a logarithmic scale, for numbers that span several powers of ten.</summary>
    public PlotlyChart LogY() => Axis("yaxis", "type", "log");

    /// <summary>Fixes the horizontal axis range.</summary>
    public PlotlyChart XRange(double minimum, double maximum) => Axis("xaxis", "range", new JsonArray(minimum, maximum));

    /// <summary>Fixes the vertical axis range.</summary>
    public PlotlyChart YRange(double minimum, double maximum) => Axis("yaxis", "range", new JsonArray(minimum, maximum));

    /// <summary>Draws the most recently added trace against the given axes (for charts with several panels).</summary>
    public PlotlyChart AssignLastTraceTo(string xAxis, string yAxis)
    {
        if (traces.Count == 0)
        {
            throw new InvalidOperationException("The chart has no trace yet.");
        }

        traces[^1]!["xaxis"] = xAxis;
        traces[^1]!["yaxis"] = yAxis;
        return this;
    }

    /// <summary>Adds any trace plotly.js knows, written as its JSON object.</summary>
    public PlotlyChart Trace(JsonObject trace)
    {
        traces.Add(trace);
        return this;
    }

    /// <summary>Sets a layout property, for anything the helpers above do not cover.</summary>
    public PlotlyChart Layout(string property, JsonNode? value)
    {
        layout[property] = value;
        return this;
    }

    /// <summary>The figure as plotly.js reads it: <c>{"data": [...], "layout": {...}}</c>.</summary>
    public string ToJson() => new JsonObject
    {
        ["data"] = traces.DeepClone(),
        ["layout"] = LaidOut(),
        ["config"] = new JsonObject { ["responsive"] = true },
    }.ToJsonString();

    /// <summary>The fallback: a <c>&lt;div&gt;</c> and a script that draws the figure with plotly.js, loading it if needed.</summary>
    public string ToHtml()
    {
        var id = $"gankit-plot-{Guid.NewGuid():N}";
        return $$"""
            <div id="{{id}}" style="width:100%;min-height:{{LaidOut()["height"]}}px"></div>
            <script type="text/javascript">
            (function () {
              var figure = {{ToJson()}};
              function draw() { window.Plotly.newPlot("{{id}}", figure.data, figure.layout, figure.config); }
              if (window.Plotly) { draw(); return; }
              if (typeof window.require === "function" && window.require.config) {
                window.require.config({ paths: { plotly: "{{FallbackScriptUrl[..^3]}}" } });
                window.require(["plotly"], function (plotly) { window.Plotly = plotly; draw(); });
                return;
              }
              var script = document.createElement("script");
              script.src = "{{FallbackScriptUrl}}";
              script.onload = draw;
              document.head.appendChild(script);
            })();
            </script>
            """;
    }

    public override string ToString() =>
        $"Plotly chart \"{layout["title"]?["text"]}\" with {traces.Count} trace{(traces.Count == 1 ? "" : "s")}";

    /// <summary>A copy of the layout with the legend placed below the plot (<see cref="LegendPlacement"/>).</summary>
    private JsonObject LaidOut() => LegendPlacement.Place(layout.DeepClone().AsObject(), traces);

    private PlotlyChart Axis(string axis, string property, JsonNode? value)
    {
        layout[axis]![property] = value;
        return this;
    }

    private static JsonObject Scatter<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y, string mode, bool secondAxis, JsonObject? line)
        where TX : INumberBase<TX>
        where TY : INumberBase<TY>
    {
        var xs = Numbers(x);
        var ys = Numbers(y);
        if (xs.Count != ys.Count)
        {
            throw new ArgumentException($"Trace '{name}' has {xs.Count} x values but {ys.Count} y values.");
        }

        var trace = new JsonObject { ["type"] = "scatter", ["mode"] = mode, ["name"] = name, ["x"] = xs, ["y"] = ys };
        if (line is not null)
        {
            trace["line"] = line;
        }

        if (secondAxis)
        {
            trace["yaxis"] = "y2";
        }

        return trace;
    }

    private static JsonArray Numbers<T>(IEnumerable<T> values)
        where T : INumberBase<T>
        // JSON has no NaN or infinity; plotly.js draws null as a gap.
        => new([.. values.Select(value => double.CreateChecked(value)).Select(number => double.IsFinite(number) ? (JsonNode)JsonValue.Create(Math.Round(number, 6)) : null)]);
}
