using System.Text.Json.Nodes;

namespace GanKit.Display;

/// <summary>
/// Puts a <see cref="PlotlyChart"/>'s legend in rows below the plot, clear of the x-axis title however many rows it has.
/// plotly.js places a legend in fractions of the plot's height, and grows the bottom margin to fit the legend's rows,
/// which shrinks the plot: a fixed fraction put a legend of several rows on top of the axis title. So the rows are
/// estimated from the trace names, the figure is made taller by them (the plot keeps its height), and the fraction is
/// worked out from pixels. Front ends that draw a chart narrower than <see cref="AssumedWidth"/> wrap the legend into more
/// rows than estimated; plotly.js then grows the margin itself and the gap under the title shrinks a little.
/// </summary>
internal static class LegendPlacement
{
    /// <summary>The width, in pixels, a legend row is assumed to have: a notebook's output, or a chapter page's column.</summary>
    public const int AssumedWidth = 780;

    /// <summary>The bottom margin plotly.js gives a chart without a legend.</summary>
    private const int PlainBottomMargin = 80;

    /// <summary>The top margin plotly.js gives a chart that sets none.</summary>
    private const int PlainTopMargin = 100;

    /// <summary>How far below the plot a legend starts: under the tick labels and the x-axis title (which ends 55 px down), or under the tick labels only.</summary>
    private const int BelowTitle = 62;
    private const int BelowTicks = 34;

    /// <summary>plotly.js's legend: 19 px a row at its 12 px font, 10 px of padding.</summary>
    private const int RowHeight = 19;
    private const int Padding = 10;

    /// <summary>A legend entry's width: the symbol and gaps, then about 6.6 px a character.</summary>
    private const int EntrySymbolWidth = 40;
    private const double CharacterWidth = 6.6;

    /// <summary>
    /// Sets the legend's <c>y</c>, the bottom margin and the height of <paramref name="layout"/> (a copy) for
    /// <paramref name="traces"/>, keeping the plot as tall as the layout's height gave it with a plain bottom margin; a
    /// layout whose legend was placed by the caller (it has a <c>y</c>) or that shows no legend is left as it is.
    /// </summary>
    public static JsonObject Place(JsonObject layout, JsonArray traces)
    {
        var names = traces.OfType<JsonObject>()
            .Where(trace => trace["showlegend"]?.GetValue<bool>() != false)
            .Select(trace => trace["name"]?.GetValue<string>() ?? "")
            .ToList();
        var shown = layout["showlegend"]?.GetValue<bool>() ?? names.Count > 1;   // plotly.js's default: a legend from two traces on
        if (!shown || layout["legend"] is not JsonObject legend || legend.ContainsKey("y"))
        {
            return layout;
        }

        var below = string.IsNullOrEmpty(layout["xaxis"]?["title"]?["text"]?.GetValue<string>()) ? BelowTicks : BelowTitle;
        var legendHeight = Padding + (RowHeight * Rows(names));
        var bottom = Math.Max(PlainBottomMargin, below + legendHeight + 4);
        var top = layout["margin"]?["t"]?.GetValue<int>() ?? PlainTopMargin;
        var plotHeight = layout["height"]!.GetValue<int>() - top - PlainBottomMargin;
        legend["y"] = Math.Round(-(double)below / plotHeight, 4);
        legend["yanchor"] = "top";
        layout["margin"]!["b"] = bottom;
        layout["height"] = top + plotHeight + bottom;
        return layout;
    }

    /// <summary>The rows plotly.js fills with <paramref name="names"/>, entry after entry, at <see cref="AssumedWidth"/>.</summary>
    private static int Rows(IEnumerable<string> names)
    {
        var rows = 1;
        var used = 0.0;
        foreach (var width in names.Select(name => EntrySymbolWidth + (CharacterWidth * name.Length)))
        {
            if (used > 0 && used + width > AssumedWidth)
            {
                rows++;
                used = 0;
            }

            used += width;
        }

        return rows;
    }
}
