using GanKit.Tests.Notebooks;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>
/// <see cref="GanKit.Display.ChapterApp"/> in a real file-based app (<c>dotnet run app.cs</c>, its own process, since it
/// takes over the console and the working folder): markdown, printed text, a shown chart and a live output that changes
/// go onto the page in order, the live output in its last state, and the last line names the page.
/// </summary>
public sealed class ChapterAppTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private readonly string root = Directory.CreateTempSubdirectory("gankit-app-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void An_app_puts_markdown_text_outputs_and_the_last_state_of_a_live_output_on_its_page()
    {
        var apps = Directory.CreateDirectory(Path.Combine(root, "notebooks", "apps")).FullName;
        File.WriteAllText(Path.Combine(root, "notebooks", "99-probe.ipynb"), "{}");
        var project = Path.Combine(RepositoryPaths.Root, "lib", "GanKit", "GanKit.csproj");
        File.WriteAllText(Path.Combine(apps, "99-probe.cs"), $$"""
            #:project {{project}}
            using GanKit.Display;

            ChapterApp.Start("../99-probe.ipynb", "99 · A probe");
            ChapterApp.Markdown("## First\nSome *markdown*.");
            Console.WriteLine($"working folder: {Path.GetFileName(Environment.CurrentDirectory)}");
            ChapterApp.Display(new PlotlyChart("a chart").Line("line", [1, 2], [3.0, 4.0]));
            var live = LiveOutput.Show("step 1 of 2");
            live.Update("step 2 of 2");
            ChapterApp.Markdown("## Second");
            ChapterApp.Finish();
            """);

        var (exitCode, printed) = NotebookProcess.Run(apps, new Dictionary<string, string?>(), Limit, "run", "99-probe.cs");

        Assert.True(exitCode == 0, printed);
        var page = Path.Combine(root, "artifacts", "apps", "99-probe.html");
        Assert.EndsWith($"Page: {page} (1 charts, 0 pictures)", printed.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("working folder: notebooks", printed, StringComparison.Ordinal);   // the notebook's folder
        Assert.Contains("step 1 of 2", printed, StringComparison.Ordinal);                // the terminal sees every update …
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("step 1 of 2", html, StringComparison.Ordinal);             // … the page only the last
        var marks = new[] { "<h2>First</h2>", "<em>markdown</em>", "<pre>working folder: notebooks</pre>", "Plotly.newPlot", "<pre>step 2 of 2</pre>", "<h2>Second</h2>" };
        var body = html[html.IndexOf("<main>", StringComparison.Ordinal)..];
        var places = marks.Select(mark => body.IndexOf(mark, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, places);
        Assert.Equal(places.Order(), places);
    }
}
