using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>The notebook runner stops at the first failing cell, says which and why, and enforces its cell time limit.</summary>
public sealed class NotebookRunnerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-runner-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_failing_cell_stops_the_run_and_is_reported_with_its_source_and_error()
    {
        var notebook = WriteNotebook("failing.ipynb",
            "var answer = 6 * 7;\nConsole.WriteLine($\"first cell ran: {answer}\");",
            "// the broken cell\nthrow new InvalidOperationException(\"deliberate failure for the runner test\");",
            "Console.WriteLine(\"third cell must not run\");");

        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 120);

        Assert.Equal(1, exitCode);
        Assert.Contains("code cell 2 of 3", output, StringComparison.Ordinal);
        Assert.Contains("// the broken cell", output, StringComparison.Ordinal);
        Assert.Contains("deliberate failure for the runner test", output, StringComparison.Ordinal);
        Assert.DoesNotContain("third cell must not run", output, StringComparison.Ordinal);

        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "failing.ipynb")))!;
        var cells = executed["cells"]!.AsArray();
        Assert.Contains("first cell ran: 42", ExecutedNotebookAssertions.PrintedText(executed), StringComparison.Ordinal);
        Assert.Equal("error", (string?)cells[1]!["outputs"]![0]!["output_type"]);
        Assert.Null(cells[2]!["execution_count"]?.GetValue<int>());
    }

    [Fact]
    public void A_cell_over_the_time_limit_ends_the_run()
    {
        var notebook = WriteNotebook("slow.ipynb", "System.Threading.Thread.Sleep(60_000);");

        var started = DateTime.UtcNow;
        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 3);

        Assert.Equal(3, exitCode);
        Assert.Contains("did not finish within 3 s", output, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(50), "The runner should stop soon after the limit, not wait for the cell.");
    }

    [Fact]
    public void Cells_run_in_the_notebook_folder()
    {
        var notebook = WriteNotebook("where.ipynb", "Console.WriteLine($\"cwd={System.IO.Directory.GetCurrentDirectory()}\");");

        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 120);

        Assert.Equal(0, exitCode);
        Assert.Contains($"cwd={folder}", output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) RunRunner(string notebook, int cellTimeoutSeconds)
    {
        var runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");
        var (exitCode, output) = NotebookProcess.Run(folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5),
            runner, "--output", Path.Combine(folder, "out"), "--cell-timeout", cellTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), notebook);
        var log = Path.Combine(folder, "out", "logs", Path.GetFileNameWithoutExtension(notebook) + ".log");
        return (exitCode, output + (File.Exists(log) ? File.ReadAllText(log) : ""));
    }

    private string WriteNotebook(string name, params string[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(source => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" } },
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            }).ToArray()),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }
}
