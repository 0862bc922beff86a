using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GanKit.Display;

/// <summary>
/// A chapter as one self-contained HTML page, for runs without a notebook front end: the chapter's markdown rendered and
/// every output its code showed, in order — pictures as inline PNG, Plotly charts drawn by the plotly.js built into
/// GanKit, tables, and printed text. The page needs no network and no file beside it.
/// <code>
/// var page = new ChapterPage("A toy digit GAN", markdownFolder: "notebooks");
/// page.AddMarkdown("## The data\nReal digits first.");
/// page.AddOutput(ImageGrid.ToPng(real));
/// page.Write("artifacts/apps/05-a-toy-digit-gan.html");
/// </code>
/// </summary>
public sealed partial class ChapterPage
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder().UsePipeTables().Build();
    private static readonly Lazy<string> PlotlyScriptText = new(ReadPlotlyScript);
    private const string GeneratorMark = "GanKit ChapterPage";
    private readonly List<(string Html, bool IsChart, bool IsImage)> blocks = [];

    /// <summary>A page titled <paramref name="title"/>; relative picture links in its markdown are read from <paramref name="markdownFolder"/>.</summary>
    public ChapterPage(string title, string markdownFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(markdownFolder);
        Title = title;
        MarkdownFolder = Path.GetFullPath(markdownFolder);
    }

    public string Title { get; }

    /// <summary>Where relative picture links in the markdown point from (the notebook's folder).</summary>
    public string MarkdownFolder { get; }

    /// <summary>How many Plotly charts the page holds.</summary>
    public int Charts => blocks.Count(block => block.IsChart);

    /// <summary>How many pictures (PNG outputs) the page holds, not counting those inside the markdown.</summary>
    public int Images => blocks.Count(block => block.IsImage);

    /// <summary>The plotly.js inside GanKit, as its first line names it (for example <c>plotly.js v2.35.2</c>).</summary>
    public static string PlotlyVersion => PlotlyVersionPattern().Match(PlotlyScriptText.Value) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("GanKit's plotly.js does not name its version in its first lines: rebuild GanKit from a clean checkout.");

    /// <summary>
    /// Adds a markdown cell, rendered as CommonMark with pipe tables; raw HTML in it (such as <c>&lt;details&gt;</c>) is
    /// kept. Its relative picture links are read from <see cref="MarkdownFolder"/> and put inline; its relative links to
    /// other files become <c>file://</c> links to them, which work wherever the page is.
    /// </summary>
    /// <exception cref="FileNotFoundException">A picture it links to is not there.</exception>
    public void AddMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdig.Markdown.Parse(markdown, Markdown);
        foreach (var link in document.Descendants<LinkInline>().Where(link => IsLocal(link.Url) && !link.Url!.StartsWith('#')))
        {
            var (path, fragment) = link.Url!.IndexOf('#', StringComparison.Ordinal) is var hash and >= 0 ? (link.Url[..hash], link.Url[hash..]) : (link.Url, "");
            var file = Path.GetFullPath(Path.Combine(MarkdownFolder, Uri.UnescapeDataString(path)));
            // A picture goes inline; a link to another file (data/generator/README.md) points at it where it is.
            link.Url = link.IsImage ? DataUrl(file) : new Uri(file).AbsoluteUri + fragment;
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Markdown.Setup(renderer);
        renderer.Render(document);
        blocks.Add(($"<section class=\"markdown\">{writer}</section>", false, false));
    }

    /// <summary>
    /// Adds what a code cell showed — a chart, a picture, one of GanKit's tables, or any other value as text — and returns
    /// its place, for <see cref="ReplaceOutput"/>.
    /// </summary>
    public int AddOutput(object? value)
    {
        blocks.Add(Block(value));
        return blocks.Count - 1;
    }

    /// <summary>Shows <paramref name="value"/> in the place of the output at <paramref name="place"/>, as a notebook updates a live output.</summary>
    public void ReplaceOutput(int place, object? value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(place);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(place, blocks.Count);
        blocks[place] = Block(value);
    }

    /// <summary>Adds printed text, as the notebook shows a cell's console output.</summary>
    public void AddText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0)
        {
            blocks.Add((Output($"<pre>{Escape(text)}</pre>"), false, false));
        }
    }

    /// <summary>The whole page: plotly.js inline in its head, then the markdown and outputs in the order added.</summary>
    public string ToHtml()
    {
        // A script element ends at the first "</script", wherever it stands: 2.35.2 has none, and the escape keeps a later one safe.
        var plotly = PlotlyScriptText.Value.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="{{GeneratorMark}}, {{Escape(PlotlyVersion)}}">
            <title>{{Escape(Title)}}</title>
            <style>
            body { font-family: system-ui, sans-serif; line-height: 1.5; margin: 0; background: #fafafa; color: #222; }
            main { max-width: 960px; margin: 0 auto; padding: 1rem 2rem 4rem; background: #fff; }
            .output { margin: 0.5rem 0 1.5rem; padding-left: 0.75rem; border-left: 3px solid #d0d7de; overflow-x: auto; }
            pre { white-space: pre-wrap; font-size: 0.85rem; margin: 0; }
            table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: 0.2rem 0.5rem; }
            img { max-width: 100%; }
            </style>
            <script>{{plotly}}</script>
            </head>
            <body>
            <main>
            {{string.Join("\n", blocks.Select(block => block.Html))}}
            </main>
            </body>
            </html>
            """;
    }

    /// <summary>
    /// Writes the page to <paramref name="path"/> (its folder is made) in one step, replacing an earlier chapter page
    /// there but no other file.
    /// </summary>
    /// <exception cref="IOException">A file that is not a chapter page is in the way; it is left as it was.</exception>
    public void Write(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (File.Exists(fullPath) && !File.ReadLines(fullPath).Take(8).Any(line => line.Contains(GeneratorMark, StringComparison.Ordinal)))
        {
            throw new IOException($"{fullPath} is there already and is not a chapter page: move it, or write the page elsewhere. It was left as it was.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        Data.AtomicFile.WriteAllText(fullPath, ToHtml());
    }

    // The page is UTF-8: only the characters HTML gives meaning to are escaped, so "·" and "≥" stay readable in its source.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private static string Output(string html) => $"<div class=\"output\">{html}</div>";

    private static (string Html, bool IsChart, bool IsImage) Block(object? value) => value switch
    {
        null => ("", false, false),
        PlotlyChart chart => (Output(chart.ToHtml()), true, false),
        PngImage image => (Output(image.ToHtml()), false, true),
        LayerTable table => (Output(table.ToHtml()), false, false),
        ResultTable table => (Output(table.ToHtml()), false, false),
        FrameSlider slider => (Output(slider.ToHtml()), false, false),
        TrainingProgress progress => (Output(progress.ToHtml()), false, false),
        _ => (Output($"<pre>{Escape(value.ToString() ?? "")}</pre>"), false, false),
    };

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && !url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !Uri.TryCreate(url, UriKind.Absolute, out _);

    private static string DataUrl(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The markdown links to a picture that is not there: {path}. Fix the link, or restore the file from the repository.", path);
        }

        var type = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".svg" => "image/svg+xml",
            var other => throw new NotSupportedException($"The markdown links to a picture of a type the page cannot inline ({other}): {path}. Use PNG, JPEG, GIF or SVG."),
        };
        return $"data:{type};base64,{Convert.ToBase64String(File.ReadAllBytes(path))}";
    }

    private static string ReadPlotlyScript()
    {
        using var stream = typeof(ChapterPage).Assembly.GetManifestResourceStream("GanKit.plotly.min.js")
            ?? throw new InvalidOperationException("GanKit was built without its plotly.js (data/plotly.js/plotly.min.js): rebuild GanKit from a clean checkout.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^\s*/\*\*\s*\*\s*(plotly\.js v[0-9][0-9.]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PlotlyVersionPattern();
}
