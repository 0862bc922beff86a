using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// How GanKit's displays look in a notebook, each with an HTML or text fallback. .NET Interactive finds these through
/// the <see cref="TypeFormatterSourceAttribute"/> on each display type the first time one is shown, so nothing has to
/// register them first.
/// </summary>
internal sealed class NotebookFormatters : ITypeFormatterSource
{
    public IEnumerable<ITypeFormatter> CreateTypeFormatters() =>
    [
        new Writing<PlotlyChart>(PlotlyChart.MimeType, chart => chart.ToJson()),
        new HtmlFormatter<PlotlyChart>(chart => chart.ToHtml()),
        new Writing<PngImage>("image/png", image => image.ToBase64()),
        new HtmlFormatter<PngImage>(image => image.ToHtml()),
        new HtmlFormatter<TrainingProgress>(progress => progress.ToHtml()),
        new PlainTextFormatter<TrainingProgress>(progress => progress.ToString()),
        new HtmlFormatter<LayerTable>(table => table.ToHtml()),
        new PlainTextFormatter<LayerTable>(table => table.ToString()),
        new HtmlFormatter<ResultTable>(table => table.ToHtml()),
        new PlainTextFormatter<ResultTable>(table => table.ToString()),
        new HtmlFormatter<FrameSlider>(slider => slider.ToHtml()),
        new PlainTextFormatter<FrameSlider>(slider => slider.ToString()),
    ];

    /// <summary>Writes a value as a MIME type .NET Interactive has no formatter class for.</summary>
    private sealed class Writing<T>(string mimeType, Func<T, string> write) : TypeFormatter<T>
    {
        public override string MimeType => mimeType;

        public override bool Format(T value, FormatContext context)
        {
            context.Writer.Write(write(value));
            return true;
        }
    }
}
