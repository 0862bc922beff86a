using System.Text.RegularExpressions;
using GanKit.Display;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>
/// A chapter as one self-contained HTML page: markdown rendered with its pictures inline, charts drawn by the plotly.js
/// inside GanKit, pictures and tables in order, and nothing fetched from the network.
/// </summary>
public sealed partial class ChapterPageTests : IDisposable
{
    private static readonly string[] InOrder = ["<h2>The data</h2>", "<pre>step 10", "Plotly.newPlot", "image grid", "<th>modes</th>"];
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-page-").FullName;

    public ChapterPageTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_page_holds_the_markdown_and_every_output_in_order_with_plotly_inline_and_nothing_from_the_network()
    {
        using var scope = torch.NewDisposeScope();
        var picture = ImageGrid.ToPng(torch.rand(4, 1, 28, 28), columns: 2);
        File.WriteAllBytes(Path.Combine(folder, "figure one.png"), picture.Bytes);
        var page = new ChapterPage("Chapter <1>", folder);

        page.AddMarkdown("## The data\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n![a figure](figure%20one.png)\n\nSee [the notes](../notes/README.md#part) and [below](#below).\n\n<details><summary>Solution</summary>\n\nhidden\n\n</details>");
        page.AddText("step 10 · D loss 1.2 < 2");
        page.AddOutput(new PlotlyChart("losses", "step", "loss").Line("D", [1, 2, 3], [1.0, 0.8, 0.7]));
        page.AddOutput(picture);
        page.AddOutput(new ResultTable("table", ["modes"], ["baseline"], [["8.0"]]));
        page.AddOutput(null);
        var html = page.ToHtml();

        Assert.Equal(1, page.Charts);
        Assert.Equal(1, page.Images);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<title>Chapter &lt;1&gt;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>The data</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", html, StringComparison.Ordinal);                        // the pipe table
        Assert.Contains("<details><summary>Solution</summary>", html, StringComparison.Ordinal); // raw HTML kept
        Assert.Contains($"<a href=\"{new Uri(Path.GetFullPath(Path.Combine(folder, "..", "notes", "README.md"))).AbsoluteUri}#part\">the notes</a>", html, StringComparison.Ordinal);   // a file, where it is
        Assert.Contains("<a href=\"#below\">below</a>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>step 10 · D loss 1.2 &lt; 2</pre>", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"data:image/png;base64,{Convert.ToBase64String(picture.Bytes)}\" alt=\"a figure\"", html, StringComparison.Ordinal);
        Assert.Contains(ChapterPage.PlotlyVersion, html, StringComparison.Ordinal);             // plotly.js itself, inline

        // In order: the markdown, the text, the chart, the picture, the table.
        var order = InOrder
            .Select(mark => html.IndexOf(mark, html.IndexOf("<main>", StringComparison.Ordinal), StringComparison.Ordinal))
            .ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);

        Assert.Empty(ExternalSources().Matches(html[html.IndexOf("<body>", StringComparison.Ordinal)..]));   // nothing fetched
    }

    [Fact]
    public void The_plotly_inside_GanKit_is_the_version_the_notebooks_fall_back_to()
    {
        Assert.Equal("plotly.js v2.35.2", ChapterPage.PlotlyVersion);
        Assert.EndsWith($"plotly-{ChapterPage.PlotlyVersion["plotly.js v".Length..]}.min.js", PlotlyChart.FallbackScriptUrl, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_picture_is_named_in_the_error()
    {
        var page = new ChapterPage("x", folder);

        var error = Assert.Throws<FileNotFoundException>(() => page.AddMarkdown("![gone](gone.png)"));

        Assert.Contains(Path.Combine(folder, "gone.png"), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_replaces_an_earlier_page_but_never_another_file()
    {
        var path = Path.Combine(folder, "apps", "01.html");
        var page = new ChapterPage("first", folder);
        page.Write(path);
        new ChapterPage("second", folder).Write(path);
        Assert.Contains("<title>second</title>", File.ReadAllText(path), StringComparison.Ordinal);

        var notes = Path.Combine(folder, "notes.html");
        File.WriteAllText(notes, "<p>my notes</p>");
        var error = Assert.Throws<IOException>(() => page.Write(notes));

        Assert.Contains("not a chapter page", error.Message, StringComparison.Ordinal);
        Assert.Equal("<p>my notes</p>", File.ReadAllText(notes));
    }

    // In the page's body, a tag that loads something: a src or href attribute that is a URL, not inline data. (plotly.js in
    // the head names sites in its own strings; the charts' scripts name a CDN only for pages without plotly.js.)
    [GeneratedRegex("""<[a-z]+[^>]*\s(?:src|href)\s*=\s*["']?(?:https?:)?//""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ExternalSources();
}
