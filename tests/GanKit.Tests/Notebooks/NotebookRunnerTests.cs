using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// The notebook runner's command line; it stops at the first failing cell, says which and why, and enforces its cell time
/// limit, on its own kernel and through Jupyter; its executed copies are nbformat as Jupyter writes it.
/// </summary>
public sealed class NotebookRunnerTests : IDisposable
{
    // Inside the repository: the Jupyter kernel registered from the repository's local tool starts only there.
    private readonly string folder = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "artifacts", "runner-tests", Path.GetRandomFileName())).FullName;

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
        NbformatChecks.AssertWellFormed(Path.Combine(folder, "out", "failing.ipynb"));
    }

    [Fact]
    public void Twice_runs_every_cell_then_the_cells_after_the_setup_again_in_the_same_kernel()
    {
        var notebook = WriteNotebook("twice.ipynb",
            "var passes = 0;   // the setup cell: a chapter's TorchSession.Start() ends its setup",
            "passes++;\nConsole.WriteLine($\"pass {passes}\");");

        var (exitCode, output) = RunRunner(notebook, 120, "--twice");

        Assert.True(exitCode == 0, output);
        Assert.Contains("pass 1", output, StringComparison.Ordinal);
        Assert.Contains("Second pass: the same kernel again from code cell 2 (after 1 setup cell).", output, StringComparison.Ordinal);
        Assert.Contains("pass 2", output, StringComparison.Ordinal);
        var executed = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "twice.ipynb")))!;
        Assert.Equal("pass 2\n", ExecutedNotebookAssertions.PrintedText(executed));   // the copy holds the last pass
        Assert.Equal(3, executed["cells"]![1]!["execution_count"]!.GetValue<int>());
        NbformatChecks.AssertWellFormed(Path.Combine(folder, "out", "twice.ipynb"));
    }

    /// <summary>
    /// An instructor grades a learner's notebook: a seeded mix of right, wrong, blank and broken answers over eight
    /// exercises, each graded from what its check cell printed, the run going on past every failing cell.
    /// </summary>
    [Fact]
    public void Grading_reports_a_seeded_mix_of_right_wrong_blank_and_broken_answers()
    {
        var random = new Random(16);
        var kinds = Enumerable.Range(0, 8).Select(_ => random.Next(4)).ToArray();   // 0 right, 1 wrong, 2 blank, 3 does not compile
        kinds[0] = 1;                                                                // a wrong answer first: the rest must still run
        Assert.Equal(4, kinds.Distinct().Count());                                    // the seed gives every kind
        var cells = new List<string> { $"#r \"{Path.Combine(RepositoryPaths.Root, "artifacts", "gankit", "GanKit.dll")}\"\nusing GanKit;\nvar expected = 42.0;" };
        for (var exercise = 1; exercise <= kinds.Length; exercise++)
        {
            cells.Add(kinds[exercise - 1] switch
            {
                0 => $"double? answer{exercise} = 6 * 7;",
                1 => $"double? answer{exercise} = 41;",
                2 => $"double? answer{exercise} = null;",
                _ => $"double? answer{exercise} = 6 * ;   // a learner's typo",
            });
            cells.Add($"Exercise.Check(\"{exercise}\", answer{exercise}, expected: expected, tolerance: 0.5, hint: \"six times seven\");");
        }
        cells.Add("Console.WriteLine(\"the last cell ran\");");
        var notebook = WriteNotebook("homework.ipynb", [.. cells]);

        var (exitCode, output) = RunRunner(notebook, 120, "--grade");

        Assert.True(exitCode == 0, output);
        Assert.Contains("the last cell ran", output, StringComparison.Ordinal);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "homework.grades.json")))!;
        var verdicts = report["exercises"]!.AsArray().Select(grade => (string)grade!["verdict"]!).ToArray();
        string[] expected = [.. kinds.Select(kind => kind switch { 0 => "correct", 2 => "not attempted", _ => "wrong" })];
        Assert.Equal(expected, verdicts);
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], report["exercises"]!.AsArray().Select(grade => (string)grade!["name"]!));
        Assert.Equal(kinds.Count(kind => kind == 1) + 2 * kinds.Count(kind => kind == 3), report["failedCells"]!.GetValue<int>());   // a typo fails its answer cell and its check
        Assert.Contains($"Grades: {kinds.Count(kind => kind == 0)} correct, {kinds.Count(kind => kind is 1 or 3)} wrong, {kinds.Count(kind => kind == 2)} not attempted (of 8)", output, StringComparison.Ordinal);
        Assert.Contains("Exercise 1: not yet. You gave 41", (string)report["exercises"]![0]!["message"]!, StringComparison.Ordinal);
    }

    /// <summary>A learner's cell that never ends stops the run, but the grades so far are still written: the exercises after it were not run.</summary>
    [Fact]
    public void Grading_writes_its_report_when_a_cell_runs_over_the_time_limit()
    {
        var notebook = WriteNotebook("stuck.ipynb",
            $"#r \"{Path.Combine(RepositoryPaths.Root, "artifacts", "gankit", "GanKit.dll")}\"\nusing GanKit;",
            "double? answer1 = 42;",
            "Exercise.Check(\"1\", answer1, expected: 42, tolerance: 0.5, hint: \"h\");",
            "System.Threading.Thread.Sleep(60_000);   // a learner's loop that does not end",
            "double? answer2 = 42;",
            "Exercise.Check(\"2\", answer2, expected: 42, tolerance: 0.5, hint: \"h\");");

        var (exitCode, output) = RunRunner(notebook, 5, "--grade");

        Assert.Equal(3, exitCode);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "out", "stuck.grades.json")))!;
        Assert.Equal(["correct", "not run"], report["exercises"]!.AsArray().Select(grade => (string)grade!["verdict"]!));
        Assert.Equal(1, report["failedCells"]!.GetValue<int>());
        Assert.Contains("Grades: 1 correct, 0 wrong, 0 not attempted, 1 not run (of 2)", output, StringComparison.Ordinal);
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
        NbformatChecks.AssertWellFormed(Path.Combine(folder, "out", "slow.ipynb"));
    }

    [Fact]
    public void Cells_run_in_the_notebook_folder()
    {
        var notebook = WriteNotebook("where.ipynb", "Console.WriteLine($\"cwd={System.IO.Directory.GetCurrentDirectory()}\");");

        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 120);

        Assert.Equal(0, exitCode);
        Assert.Contains($"cwd={folder}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_executed_copy_is_written_as_nbformat_writes_it_with_compiler_warnings_as_stderr_outputs()
    {
        var notebook = WriteNotebook("written.ipynb",
            "Console.WriteLine(\"D(x) = p_data / (p_data + p_g), it's x² − 1 <b>\");",
            "string? unannotatedContext = null;");

        var (exitCode, _) = RunRunner(notebook, cellTimeoutSeconds: 120);

        Assert.Equal(0, exitCode);
        var path = Path.Combine(folder, "out", "written.ipynb");
        var json = File.ReadAllText(path);
        Assert.Contains("D(x) = p_data / (p_data + p_g), it's x² − 1 <b>", json, StringComparison.Ordinal);
        Assert.StartsWith("{\n \"cells\": [\n  {\n", json, StringComparison.Ordinal);   // one space per level
        Assert.EndsWith("}\n", json, StringComparison.Ordinal);
        Assert.Equal("", string.Join('\n', NbformatChecks.SchemaErrors(JsonNode.Parse(json)!)));
        Assert.Equal("", string.Join('\n', NbformatChecks.EscapedCharacters(json)));
        // The kernel compiles without a nullable context, as the Jupyter kernel does, and the copy shows its warning.
        Assert.Contains(NbformatChecks.CompilerWarnings(JsonNode.Parse(json)!), warning => warning.Contains("warning CS8632", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void A_failing_cell_stops_the_run_on_the_jupyter_kernel_too()
    {
        var notebook = WriteNotebook("failing.ipynb",
            "Console.WriteLine(\"first cell ran\");",
            "// the broken cell\nthrow new InvalidOperationException(\"deliberate failure for the runner test\");",
            "Console.WriteLine(\"third cell must not run\");");

        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 120, "--kernel", "jupyter");
        JupyterSetup.SkipIfMissing(exitCode, output);

        Assert.True(exitCode == 1, $"exit {exitCode}:\n{output}");
        Assert.Contains("// the broken cell", output, StringComparison.Ordinal);
        Assert.Contains("deliberate failure for the runner test", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "out", "failing.ipynb")), "nbconvert writes no executed copy when a cell fails.");
    }

    [SkippableFact]
    public void A_cell_over_the_time_limit_ends_the_run_on_the_jupyter_kernel_too()
    {
        var notebook = WriteNotebook("slow.ipynb", "System.Threading.Thread.Sleep(60_000);");

        var started = DateTime.UtcNow;
        var (exitCode, output) = RunRunner(notebook, cellTimeoutSeconds: 3, "--kernel", "jupyter");
        JupyterSetup.SkipIfMissing(exitCode, output);

        Assert.True(exitCode == 3, $"exit {exitCode}:\n{output}");
        Assert.Contains("did not finish within 3 s", output, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(55), "The runner should stop soon after the limit, not wait for the cell.");
    }

    [Fact]
    public void Without_jupyter_the_jupyter_kernel_says_what_to_install()
    {
        var notebook = WriteNotebook("any.ipynb", "Console.WriteLine(1);");
        var runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");

        var (exitCode, output) = NotebookProcess.Run(folder, new Dictionary<string, string?> { ["PATH"] = folder }, TimeSpan.FromMinutes(2),
            runner, "--kernel", "jupyter", "--output", Path.Combine(folder, "out"), notebook);

        Assert.Equal(2, exitCode);
        Assert.Contains("jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client", output, StringComparison.Ordinal);
        Assert.Contains("pip install jupyterlab", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_arguments_the_runner_prints_its_usage_and_fails()
    {
        var (exitCode, output) = RunCommandLine();

        Assert.Equal(2, exitCode);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains("--kernel <in-process|dotnet-repl|jupyter>", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_lists_every_option()
    {
        var (exitCode, output) = RunCommandLine("--help");

        Assert.Equal(0, exitCode);
        foreach (var option in new[] { "--output <folder>", "--cell-timeout <seconds>", "--kernel <in-process|dotnet-repl|jupyter>", "--single", "--twice", "--grade" })
        {
            Assert.Contains(option, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("--cell-timeout abc", "--cell-timeout must be a positive number of seconds, at most 86400 (a day), not 'abc'.")]
    [InlineData("--cell-timeout 0", "--cell-timeout must be a positive number of seconds, at most 86400 (a day), not '0'.")]
    [InlineData("--kernel python", "--kernel must be in-process, dotnet-repl or jupyter, not 'python'.")]
    [InlineData("--single NOTEBOOKS", "--single runs exactly one notebook, on the in-process kernel.")]
    [InlineData("--kernel dotnet-repl --grade NOTEBOOKS", "--grade runs on the in-process kernel only: the other kernels stop at the first failing cell.")]
    [InlineData("--kernel jupyter --twice NOTEBOOKS", "--twice runs on the in-process kernel only: the other kernels are driven by their own tools, which run a notebook once.")]
    [InlineData("no-such-notebook.ipynb", "no-such-notebook.ipynb is neither a notebook (.ipynb) nor a folder.")]
    [InlineData("--output", "Required argument missing for option: '--output'.")]
    public void A_wrong_command_line_is_one_line_naming_what_was_typed(string commandLine, string message)
    {
        var (exitCode, output) = RunCommandLine([.. commandLine.Replace("NOTEBOOKS", Path.Combine(RepositoryPaths.Root, "notebooks"), StringComparison.Ordinal).Split(' ')]);

        Assert.Equal(2, exitCode);
        Assert.Equal(message, output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0]);
        Assert.DoesNotContain("Usage:", output, StringComparison.Ordinal);
    }

    private (int ExitCode, string Output) RunCommandLine(params string[] arguments) =>
        NotebookProcess.Run(folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2),
            [Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll"), .. arguments]);

    private (int ExitCode, string Output) RunRunner(string notebook, int cellTimeoutSeconds, params string[] options)
    {
        var runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");
        var (exitCode, output) = NotebookProcess.Run(folder, new Dictionary<string, string?>(), TimeSpan.FromMinutes(5),
            [runner, .. options, "--output", Path.Combine(folder, "out"), "--cell-timeout", cellTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), notebook]);
        var log = Path.Combine(folder, "out", "logs", Path.GetFileNameWithoutExtension(notebook) + ".log");
        return (exitCode, output + (File.Exists(log) ? File.ReadAllText(log) : ""));
    }

    private string WriteNotebook(string name, params string[] cells)
    {
        var notebook = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select((source, index) => (JsonNode)new JsonObject
            {
                ["id"] = $"cell-{index}",
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
