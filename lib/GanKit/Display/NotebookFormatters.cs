using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// Tells .NET Interactive how GanKit's displays look in a notebook (each with an HTML or text fallback); registered the
/// first time one is created, harmless outside a kernel.
/// </summary>
internal static class NotebookFormatters
{
    private static readonly Lock RegistrationLock = new();
    private static bool registered;

    public static readonly string[] ChartMimeTypes = [PlotlyChart.MimeType, "text/html"];
    public static readonly string[] ImageMimeTypes = ["image/png", "text/html"];
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
