using GanKit.Display;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>
/// .NET Interactive formats GanKit's displays through their [TypeFormatterSource] attribute, with nothing registered
/// first: the preferred MIME types in order, and each form written by the display itself.
/// </summary>
public sealed class NotebookFormattersTests
{
    [Fact]
    public void A_chart_is_shown_as_plotly_json_with_an_html_fallback()
    {
        var chart = new PlotlyChart("t", xTitle: "x", yTitle: "y").Line("line", [0, 1], [1.0, 2.0]);

        Assert.Equal([PlotlyChart.MimeType, "text/html"], Formatter.GetPreferredMimeTypesFor(typeof(PlotlyChart)));
        Assert.Equal(chart.ToJson(), chart.ToDisplayString(PlotlyChart.MimeType));
        Assert.StartsWith("<div id=\"gankit-plot-", chart.ToDisplayString("text/html"), StringComparison.Ordinal);   // a new id each time
        Assert.Contains(chart.ToJson(), chart.ToDisplayString("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_picture_is_shown_as_png_with_an_img_fallback()
    {
        var image = PngImage.Encode(new byte[2 * 3], width: 3, height: 2, channels: 1);

        Assert.Equal(["image/png", "text/html"], Formatter.GetPreferredMimeTypesFor(typeof(PngImage)));
        Assert.Equal(image.ToBase64(), image.ToDisplayString("image/png"));
        Assert.Equal(image.ToHtml(), image.ToDisplayString("text/html"));
    }

    [Fact]
    public void Progress_is_shown_as_html_with_a_text_fallback()
    {
        var progress = new TrainingProgress("run", totalSteps: 10);
        progress.Report(1, ("loss", 0.5));

        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(TrainingProgress)));
        Assert.Contains("</progress> 10%", progress.ToDisplayString("text/html"), StringComparison.Ordinal);   // the time shown moves on
        Assert.Contains("loss <b>0.5000</b>", progress.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.StartsWith(progress.ToString()[..20], progress.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }
}
