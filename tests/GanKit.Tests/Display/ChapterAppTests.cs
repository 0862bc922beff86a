using GanKit.Tests.Notebooks;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>
/// <see cref="GanKit.Display.ChapterApp"/> in a real file-based app (<c>dotnet run app.cs</c>, its own process, since it
/// takes over the console and the working folder): markdown, printed text, a shown chart and a live output that changes
/// go onto the page in order, the live output in its last state, and the last line names the page. Each probe app
/// links to the packages' files, as the chapter apps do (notebooks/apps/Directory.Build.props), instead of copying
/// libtorch (over 0.5 GB) into a build folder of its own.
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
        File.WriteAllText(Path.Combine(root, "notebooks", "99-probe.ipynb"), """{"nbformat": 4, "cells": [{"cell_type": "markdown", "id": "m1", "source": ["## Second\n", "From the notebook."]}]}""");
        var project = Path.Combine(RepositoryPaths.Root, "lib", "GanKit", "GanKit.csproj");
        File.WriteAllText(Path.Combine(apps, "99-probe.cs"), $$"""
            #:project {{project}}
            #:property CreateSymbolicLinksForCopyLocalIfPossible=true
            using GanKit.Display;

            ChapterApp.Start("../99-probe.ipynb", "99 · A probe");
            ChapterApp.Markdown("## First\nSome *markdown*.");
            Console.WriteLine($"working folder: {Path.GetFileName(Environment.CurrentDirectory)}");
            ChapterApp.Display(new PlotlyChart("a chart").Line("line", [1, 2], [3.0, 4.0]));
            var live = LiveOutput.Show("step 1 of 2");
            live.Update("step 2 of 2");
            GanKit.Exercise.Check("1", 2.0, expected: 1.0, tolerance: 0.1, hint: "a hint");
            ChapterApp.MarkdownCell("m1");
            ChapterApp.Finish();
            """);

        var (exitCode, printed) = NotebookProcess.Run(apps, new Dictionary<string, string?>(), Limit, "run", "99-probe.cs");

        Assert.True(exitCode == 0, printed);
        var page = Path.Combine(root, "artifacts", "apps", "99-probe.html");
        Assert.EndsWith($"Page: {page} (1 chart, 0 pictures)", printed.TrimEnd(), StringComparison.Ordinal);
        Assert.Contains("working folder: notebooks", printed, StringComparison.Ordinal);   // the notebook's folder
        Assert.Contains("step 1 of 2", printed, StringComparison.Ordinal);                // the terminal sees every update …
        Assert.Contains("Exercise 1: not yet. You gave 2, which is not within 0.1 of the answer. Hint: a hint", printed, StringComparison.Ordinal);   // a verdict, and the app goes on
        var html = File.ReadAllText(page);
        Assert.DoesNotContain("step 1 of 2", html, StringComparison.Ordinal);             // … the page only the last
        var marks = new[] { "<h2>First</h2>", "<em>markdown</em>", "<pre>working folder: notebooks</pre>", "Plotly.newPlot", "<pre>step 2 of 2</pre>", "<pre>Exercise 1: not yet.", "<h2>Second</h2>" };
        var body = html[html.IndexOf("<main>", StringComparison.Ordinal)..];
        var places = marks.Select(mark => body.IndexOf(mark, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, places);
        Assert.Equal(places.Order(), places);
    }

    [Fact]
    public void An_app_that_stops_with_an_error_writes_its_page_so_far_and_names_it()
    {
        var apps = Directory.CreateDirectory(Path.Combine(root, "notebooks", "apps")).FullName;
        File.WriteAllText(Path.Combine(root, "notebooks", "98-failing.ipynb"), """{"nbformat": 4, "cells": []}""");
        File.WriteAllText(Path.Combine(apps, "98-failing.cs"), $$"""
            #:project {{Path.Combine(RepositoryPaths.Root, "lib", "GanKit", "GanKit.csproj")}}
            #:property CreateSymbolicLinksForCopyLocalIfPossible=true
            using GanKit.Display;

            ChapterApp.Start("../98-failing.ipynb", "98 · Failing");
            ChapterApp.Markdown("## Before the error");
            Console.WriteLine("printed before the error");
            throw new InvalidOperationException("a cell failed");
            """);

        var (exitCode, printed) = NotebookProcess.Run(root, new Dictionary<string, string?>(), Limit, "run", "notebooks/apps/98-failing.cs");

        Assert.Equal(1, exitCode);
        var page = Path.Combine(root, "artifacts", "apps", "98-failing.html");
        Assert.EndsWith($"The app stopped at 98-failing.cs, line 8: InvalidOperationException: a cell failed. The page so far: {page}", printed.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", printed, StringComparison.Ordinal);   // the trace is on the page
        var html = File.ReadAllText(page);
        Assert.Contains("<h2>Before the error</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>printed before the error</pre>", html, StringComparison.Ordinal);
        Assert.Contains("<pre>The app stopped here at 98-failing.cs, line 8:\nSystem.InvalidOperationException: a cell failed", html, StringComparison.Ordinal);
    }
}
