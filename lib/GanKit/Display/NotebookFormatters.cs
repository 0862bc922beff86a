using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// Tells .NET Interactive how GanKit's pictures look in a notebook: a <see cref="PlotlyChart"/> as
/// <c>application/vnd.plotly.v1+json</c> plus an HTML fallback, a <see cref="PngImage"/> as <c>image/png</c> plus an
/// HTML <c>&lt;img&gt;</c>. Registered once, the first time either type is created. Outside a kernel this is harmless.
/// </summary>
internal static class NotebookFormatters
{
    private static readonly Lock RegistrationLock = new();
    private static bool registered;

    /// <summary>The MIME types a chart is shown with, in order of preference.</summary>
    public static readonly string[] ChartMimeTypes = [PlotlyChart.MimeType, "text/html"];

    /// <summary>The MIME types a picture is shown with, in order of preference.</summary>
    public static readonly string[] ImageMimeTypes = ["image/png", "text/html"];

    /// <summary>The MIME types a progress line is shown with.</summary>
    public static readonly string[] ProgressMimeTypes = ["text/html", "text/plain"];

    public static void EnsureRegistered()
    {
        lock (RegistrationLock)
        {
            if (registered)
            {
                return;
            }

            Formatter.Register<PlotlyChart>((chart, writer) => writer.Write(chart.ToJson()), PlotlyChart.MimeType);
            Formatter.Register<PlotlyChart>((chart, writer) => writer.Write(chart.ToHtml()), "text/html");
            Formatter.SetPreferredMimeTypesFor(typeof(PlotlyChart), ChartMimeTypes);

            Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToBase64()), "image/png");
            Formatter.Register<PngImage>((image, writer) => writer.Write(image.ToHtml()), "text/html");
            Formatter.SetPreferredMimeTypesFor(typeof(PngImage), ImageMimeTypes);

            Formatter.Register<TrainingProgress>((progress, writer) => writer.Write(progress.ToHtml()), "text/html");
            Formatter.Register<TrainingProgress>((progress, writer) => writer.Write(progress.ToString()), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(TrainingProgress), ProgressMimeTypes);

            Formatter.Register<LayerTable>((table, writer) => writer.Write(table.ToHtml()), "text/html");
            Formatter.Register<LayerTable>((table, writer) => writer.Write(table.ToString()), "text/plain");
            Formatter.SetPreferredMimeTypesFor(typeof(LayerTable), ProgressMimeTypes);
            registered = true;
        }
    }
}
