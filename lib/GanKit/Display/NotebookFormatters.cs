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

    public static void EnsureRegistered()
    {
        lock (RegistrationLock)
        {
            if (!registered)
            {
                Register<PlotlyChart>(PlotlyChart.MimeType, chart => chart.ToJson(), "text/html", chart => chart.ToHtml());
                Register<PngImage>("image/png", image => image.ToBase64(), "text/html", image => image.ToHtml());
                Register<TrainingProgress>("text/html", progress => progress.ToHtml(), "text/plain", progress => progress.ToString());
                Register<LayerTable>("text/html", table => table.ToHtml(), "text/plain", table => table.ToString());
                registered = true;
            }
        }
    }

    // The preferred form and a fallback, written into the same output.
    private static void Register<T>(string mimeType, Func<T, string> write, string fallbackMimeType, Func<T, string> writeFallback)
    {
        Formatter.Register<T>((value, writer) => writer.Write(write(value)), mimeType);
        Formatter.Register<T>((value, writer) => writer.Write(writeFallback(value)), fallbackMimeType);
        Formatter.SetPreferredMimeTypesFor(typeof(T), [mimeType, fallbackMimeType]);
    }
}
