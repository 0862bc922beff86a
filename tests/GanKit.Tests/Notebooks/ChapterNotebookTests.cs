using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// Every chapter runs top to bottom in smoke mode (GANKIT_SMOKE=1) under three kernels (in-process, dotnet-repl and
/// Jupyter's .net-csharp), and twice in one in-process kernel, and shows what its text promises; every executed copy is valid nbformat 4.5, written as
/// nbformat writes it, with no compiler warning. Each run is a separate process of the course's notebook runner, so
/// nothing leaks between notebooks. The fourth route needs no kernel: the chapter's file-based app (notebooks/apps/,
/// written by tools/ChapterApps) runs with <c>dotnet run</c>, and its page holds every chart and picture the
/// in-process kernel's executed copy holds.
/// Each run asks for CUDA (GANKIT_DEVICE=cuda): where GanKit was built with the CUDA natives and a GPU is visible the
/// chapters run on the GPU; everywhere else the request must fall back to the CPU, say why, and the chapter still pass.
/// </summary>
public sealed class ChapterNotebookTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    // The in-process smoke run of each chapter, shared by its own test and the app route's, which compares against it.
    private static readonly ConcurrentDictionary<string, Lazy<(JsonNode Notebook, string Path, string Output)>> InProcessRuns = new();
    private static readonly Lazy<string> ToolRestore = new(() =>
    {
        var (exitCode, output) = NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?>(), Limit, "tool", "restore");
        Assert.True(exitCode == 0, $"dotnet tool restore failed:\n{output}");
        return output;
    });

    /// <summary>The chapters and the least they must show: (notebook, Plotly figures, PNG images).</summary>
    public static TheoryData<string, int, int> Chapters => new()
    {
        { "01-what-is-a-gan.ipynb", 6, 1 },
        { "02-the-minimax-game.ipynb", 3, 0 },
        { "03-training-in-two-passes.ipynb", 11, 0 },
        { "04-when-gans-fail.ipynb", 12, 1 },
        { "05-a-toy-digit-gan.ipynb", 6, 6 },
        { "06a-text-to-image.ipynb", 2, 4 },
        { "06b-super-resolution.ipynb", 3, 6 },
        { "06c-walking-the-latent-space.ipynb", 1, 5 },
        { "06d-image-to-image.ipynb", 2, 6 },
        { "06e-next-frame-prediction.ipynb", 3, 7 },
    };

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_passes_in_smoke_mode_on_the_in_process_kernel(string notebook, int plotlyFigures, int pngImages)
    {
        var executed = InProcessRun(notebook);

        AssertShows(executed, plotlyFigures, pngImages);
        AssertEveryCodeCellRan(executed.Notebook);
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_passes_in_smoke_mode_on_the_dotnet_interactive_kernel(string notebook, int plotlyFigures, int pngImages)
    {
        _ = ToolRestore.Value;
        var executed = Run(notebook, "dotnet-repl");

        AssertShows(executed, plotlyFigures, pngImages);
    }

    /// <summary>
    /// The route of JupyterLab and VS Code's Jupyter extension: <c>jupyter nbconvert --execute</c> on the .net-csharp kernel.
    /// Needs Jupyter and the registered kernel (see <see cref="JupyterSetup"/>).
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Chapters))]
    public void Chapter_passes_in_smoke_mode_on_the_jupyter_kernel(string notebook, int plotlyFigures, int pngImages)
    {
        _ = ToolRestore.Value;
        var executed = Run(notebook, "jupyter");

        AssertShows(executed, plotlyFigures, pngImages);
        AssertEveryCodeCellRan(executed.Notebook);
    }

    /// <summary>
    /// A learner re-runs a chapter: every cell, then again from the first cell after the setup cells, in the same kernel
    /// (the runner's <c>--twice</c>). The second pass must run without errors and show what the first shows: displays,
    /// formatters, data and networks re-created, nothing left over that breaks it.
    /// </summary>
    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_runs_twice_in_one_kernel_in_smoke_mode(string notebook, int plotlyFigures, int pngImages)
    {
        var executed = Run(notebook, "in-process", twice: true);

        AssertShows(executed, plotlyFigures, pngImages);
        AssertEveryCodeCellRan(executed.Notebook);
        Assert.Contains("Second pass: the same kernel again from code cell ", File.ReadAllText(Path.Combine(Path.GetDirectoryName(executed.Path)!, "logs", Path.ChangeExtension(notebook, ".log"))), StringComparison.Ordinal);
    }

    /// <summary>
    /// The route without a notebook front end: the chapter's generated file-based app, <c>dotnet run
    /// notebooks/apps/NN-topic.cs</c>. It builds without a warning, runs to the end, prints the chapter's result and a
    /// Compute line that answers the CUDA request, and its page (named in its last line) holds as many charts and pictures as the in-process
    /// kernel's executed copy, and at least what the chapter promises.
    /// </summary>
    [Theory]
    [MemberData(nameof(Chapters))]
    public void Chapter_passes_in_smoke_mode_as_a_file_based_app(string notebook, int plotlyFigures, int pngImages)
    {
        var app = Path.Combine(RepositoryPaths.Root, "notebooks", "apps", Path.ChangeExtension(notebook, ".cs"));
        var environment = new Dictionary<string, string?> { ["GANKIT_SMOKE"] = "1", [Settings.Device] = "cuda" };
        // A full compile of the app alone (GanKit is built), so that every warning is printed, as the kernel's would be.
        var (buildCode, built) = NotebookProcess.Run(RepositoryPaths.Root, environment, Limit, "build", app, "--no-incremental", "--no-dependencies");
        Assert.True(buildCode == 0, $"{app} does not build (exit {buildCode}):\n{built}");
        Assert.DoesNotContain(": warning ", built, StringComparison.Ordinal);

        var (exitCode, printed) = NotebookProcess.Run(RepositoryPaths.Root, environment, Limit, "run", "--no-build", app);

        Assert.True(exitCode == 0, $"{app} failed (exit {exitCode}):\n{printed}");
        var page = Path.Combine(RepositoryPaths.Root, "artifacts", "apps", Path.ChangeExtension(notebook, ".html"));
        var last = printed.TrimEnd().Split('\n')[^1].TrimEnd();
        var counts = Regex.Match(last, $@"^Page: {Regex.Escape(page)} \((\d+) charts?, (\d+) pictures?\)$");
        Assert.True(counts.Success, $"{app}'s last line does not name its page {page}: {last}");
        var (charts, pictures) = (int.Parse(counts.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(counts.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        var html = File.ReadAllText(page);
        var body = html[html.IndexOf("<main>", StringComparison.Ordinal)..];   // after plotly.js
        Assert.Equal(charts, Regex.Count(body, @"Plotly\.newPlot\("));
        Assert.Equal(pictures, Regex.Count(body, "<div class=\"output\"><img src=\"data:image/png;base64,"));

        var executed = InProcessRun(notebook);
        Assert.Equal(ExecutedNotebookAssertions.CountPlotlyFigures(executed.Notebook), charts);
        Assert.Equal(ExecutedNotebookAssertions.CountPngImages(executed.Notebook), pictures);
        Assert.True(charts >= plotlyFigures && pictures >= pngImages, $"{page} holds {charts} charts and {pictures} pictures; the chapter promises at least {plotlyFigures} and {pngImages}.");
        Assert.Contains("Result:", printed, StringComparison.Ordinal);
        AssertComputesWhereCudaWasRequested(printed);
    }

    private static (JsonNode Notebook, string Path, string Output) InProcessRun(string notebook) =>
        InProcessRuns.GetOrAdd(notebook, name => new Lazy<(JsonNode Notebook, string Path, string Output)>(() => Run(name, "in-process"))).Value;

    private static (JsonNode Notebook, string Path, string Output) Run(string notebook, string kernel, bool twice = false)
    {
        var output = Path.Combine(RepositoryPaths.Root, "artifacts", "notebooks", "smoke", twice ? "twice" : kernel == "in-process" ? "" : kernel);
        var runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");
        var (exitCode, printed) = NotebookProcess.Run(
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["GANKIT_SMOKE"] = "1", [Settings.Device] = "cuda" },
            Limit,
            [runner, "--kernel", kernel, .. (twice ? ["--twice"] : Array.Empty<string>()), "--output", output, "--cell-timeout", "300", Path.Combine(RepositoryPaths.Root, "notebooks", notebook)]);
        if (kernel == "jupyter")
        {
            JupyterSetup.SkipIfMissing(exitCode, printed);
        }

        Assert.True(exitCode == 0, $"{notebook} failed on the {kernel} kernel (exit {exitCode}):\n{printed}");

        var path = Path.Combine(output, notebook);
        return (JsonNode.Parse(File.ReadAllText(path))!, path, printed);
    }

    /// <summary>Every code cell has an execution count (dotnet-repl's copies have none).</summary>
    private static void AssertEveryCodeCellRan(JsonNode notebook)
    {
        var codeCells = notebook["cells"]!.AsArray().Where(cell => (string?)cell!["cell_type"] == "code").ToList();
        Assert.All(codeCells, cell => Assert.NotNull(cell!["execution_count"]?.GetValue<int>()));
    }

    private static void AssertShows((JsonNode Notebook, string Path, string Output) executed, int plotlyFigures, int pngImages)
    {
        ExecutedNotebookAssertions.HasNoErrors(executed.Notebook, executed.Path);
        NbformatChecks.AssertWellFormed(executed.Path);
        Assert.True(ExecutedNotebookAssertions.CountPlotlyFigures(executed.Notebook) >= plotlyFigures,
            $"{executed.Path} shows {ExecutedNotebookAssertions.CountPlotlyFigures(executed.Notebook)} Plotly figures, expected at least {plotlyFigures}.");
        Assert.True(ExecutedNotebookAssertions.CountPngImages(executed.Notebook) >= pngImages,
            $"{executed.Path} shows {ExecutedNotebookAssertions.CountPngImages(executed.Notebook)} PNG images, expected at least {pngImages}.");
        Assert.Contains("Result:", ExecutedNotebookAssertions.PrintedText(executed.Notebook), StringComparison.Ordinal);
        AssertComputesWhereCudaWasRequested(ExecutedNotebookAssertions.PrintedText(executed.Notebook));
    }

    /// <summary>The start-up cell's Compute line answers the CUDA request: CUDA, or the CPU with the reason.</summary>
    private static void AssertComputesWhereCudaWasRequested(string printedText)
    {
        var compute = printedText.Split('\n').Where(line => line.StartsWith("Compute: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(compute);
        if (line.StartsWith("Compute: cuda, ", StringComparison.Ordinal))
        {
            Assert.Equal("cuda", TorchNativeLoader.BuiltBackend());
            Assert.Contains("GANKIT_DEVICE=cuda and ", line, StringComparison.Ordinal);
            return;
        }

        Assert.StartsWith("Compute: cpu, ", line, StringComparison.Ordinal);
        var why = TorchNativeLoader.BuiltBackend() == "cuda" ? "no CUDA device is visible" : "this GanKit build has the CPU natives only";
        Assert.Contains($"CUDA was requested (GANKIT_DEVICE=cuda) but {why}", line, StringComparison.Ordinal);
        Assert.EndsWith("Falling back to the CPU", line.TrimEnd(), StringComparison.Ordinal);
    }
}
