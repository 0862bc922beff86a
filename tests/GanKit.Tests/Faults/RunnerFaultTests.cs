using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace GanKit.Tests.Faults;

/// <summary>
/// The notebook runner's faults (issue 17): a file that is not a notebook, an <c>--output</c> folder it cannot write, a
/// bad <c>--cell-timeout</c>, a cell that hangs and an exception nobody expected each end in one clear line that names the
/// path or option and what to do, with a non-zero exit code, and leave the user's notebooks and the files already in the
/// output folder as they were. A notebook that cannot run is refused before any notebook runs.
/// </summary>
public sealed partial class RunnerFaultTests : IDisposable
{
    private static readonly string Runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");

    private readonly string folder = Directory.CreateTempSubdirectory("gankit-runner-faults-").FullName;
    private readonly string notebooks;
    private readonly string output;

    public RunnerFaultTests()
    {
        notebooks = Directory.CreateDirectory(Path.Combine(folder, "notebooks")).FullName;
        output = Directory.CreateDirectory(Path.Combine(folder, "out")).FullName;
        // A file the user keeps in the output folder: no fault may change or delete it.
        File.WriteAllText(Path.Combine(output, "keep.txt"), "the user's own file\n");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("not json\n", "it is not JSON (line 1, byte ")]
    [InlineData("", "it is empty (0 bytes)")]
    [InlineData(" \n\n", "it holds only white space")]
    [InlineData("[1, 2, 3]", "it is JSON, but an array, not an object")]
    [InlineData("{\"cells\": [\n  {\"cell_type\": \"code\", \"source\": \"1\"}\n", "it is not JSON (line 3, byte ")]
    [InlineData("{\"cells\": 5}", "it has no \"nbformat\" number")]
    [InlineData("{\"cells\": 5, \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its \"cells\" is a number, not an array of cells")]
    [InlineData("{\"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "it has no \"cells\" array")]
    [InlineData("{\"cells\": [5], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 1 of 1 is a number, not a cell object")]
    [InlineData("{\"cells\": [{\"metadata\": {}, \"source\": \"1\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 1 of 1 has no \"cell_type\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"python\", \"source\": \"1\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 1 of 1 has the \"cell_type\" \"python\", not \"code\", \"markdown\" or \"raw\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"markdown\", \"metadata\": {}, \"source\": \"# one\"}, {\"cell_type\": \"code\", \"metadata\": {}}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 2 of 2 has no \"source\"")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"source\": [\"a\", 5]}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 1 of 1 has a \"source\" that is an array, not text or an array of lines")]
    [InlineData("{\"cells\": [{\"cell_type\": \"code\", \"metadata\": 5, \"source\": \"1\"}], \"metadata\": {}, \"nbformat\": 4, \"nbformat_minor\": 5}", "its cell 1 of 1 has a \"metadata\" that is a number, not an object")]
    [InlineData("{\"cells\": [], \"metadata\": [], \"nbformat\": 4, \"nbformat_minor\": 5}", "its \"metadata\" is an array, not an object")]
    public void A_file_that_is_not_a_notebook_is_refused_in_one_line(string content, string what)
    {
        var notebook = Write("x.ipynb", content);

        var outcome = RefusedLeavingEverythingAsItWas(notebook);

        Assert.StartsWith($"{notebook} is not a notebook: {what}", outcome.LastLine, StringComparison.Ordinal);
        Assert.EndsWith(". Open it in VS Code or restore it with git.", outcome.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_of_nbformat_3_is_refused_with_how_to_convert_it()
    {
        var notebook = Write("old.ipynb", "{\"metadata\": {}, \"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": [{\"cells\": []}]}");

        var outcome = RefusedLeavingEverythingAsItWas(notebook);

        Assert.Equal($"{notebook} is a notebook of nbformat 3, and the runner runs nbformat 4 only. Convert it with `jupyter nbconvert --to notebook --nbformat 4`, or restore it with git.", outcome.LastLine);
    }

    /// <summary>The check runs in the parent process, before the route is chosen: every route refuses the same way.</summary>
    [Theory]
    [InlineData("--kernel in-process")]
    [InlineData("--kernel dotnet-repl")]
    [InlineData("--kernel jupyter")]
    [InlineData("--single")]
    public void A_file_that_is_not_a_notebook_is_refused_on_every_route(string route)
    {
        var notebook = Write("x.ipynb", "not json\n");

        var outcome = RefusedLeavingEverythingAsItWas(notebook, route.Split(' '));

        Assert.StartsWith($"{notebook} is not a notebook: it is not JSON (line 1, byte ", outcome.LastLine, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_that_cannot_be_parsed_among_good_ones_stops_them_all_before_any_runs()
    {
        Write("a-good.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN a\");"));
        var bad = Write("b-bad.ipynb", "{\"cells\": [\n  {\"cell_type\": \"code\", \"source\": \"1\"},\n]}");
        Write("c-good.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN c\");"));

        var outcome = RefusedLeavingEverythingAsItWas(notebooks);

        Assert.StartsWith($"{bad} is not a notebook: it is not JSON (line 3, byte ", outcome.LastLine, StringComparison.Ordinal);
        Assert.DoesNotContain("THE-CELL-RAN", outcome.All, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "logs")), "Nothing may be written before every notebook is checked.");
    }

    [Fact]
    public void A_folder_named_like_a_notebook_is_refused_in_one_line()
    {
        var notebook = Directory.CreateDirectory(Path.Combine(notebooks, "x.ipynb")).FullName;

        var outcome = RefusedLeavingEverythingAsItWas(notebook);

        Assert.Equal($"{notebook} is a folder, not a notebook file, and holds no notebook (.ipynb). Name the notebook file itself, or a folder of notebooks.", outcome.LastLine);
    }

    [Fact]
    public void A_folder_without_notebooks_is_refused_in_one_line()
    {
        Write("notes.txt", "not a notebook");

        var outcome = RefusedLeavingEverythingAsItWas(notebooks);

        Assert.Equal($"The folder {notebooks} holds no notebook (.ipynb). Name a notebook, or a folder of notebooks.", outcome.LastLine);
    }

    [Fact]
    public void An_output_folder_through_a_file_is_refused_in_one_line()
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));
        var file = Path.Combine(output, "keep.txt");

        var outcome = RefusedLeavingEverythingAsItWas(notebook, "--output", Path.Combine(file, "executed"));

        Assert.Equal($"--output {Path.Combine(file, "executed")} cannot be created ({file} is a file, not a folder). Name a folder that can be created, or create it first.", outcome.LastLine);
        Assert.DoesNotContain("THE-CELL-RAN", outcome.All, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_folder_that_is_a_file_is_refused_in_one_line()
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));
        var file = Path.Combine(output, "keep.txt");

        var outcome = RefusedLeavingEverythingAsItWas(notebook, "--output", file);

        Assert.Equal($"--output {file} is a file, not a folder. Name a folder for the executed copies.", outcome.LastLine);
    }

    /// <summary>The executed copy would be written over the notebook itself (the run deleted it first).</summary>
    [Fact]
    public void The_notebooks_own_folder_as_output_is_refused_in_one_line()
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));

        var outcome = RefusedLeavingEverythingAsItWas(notebook, "--output", notebooks);

        Assert.Equal($"--output {notebooks} is the folder of the notebook {notebook}: its executed copy would replace it. Name another folder for --output.", outcome.LastLine);
    }

    [Fact]
    public void An_output_folder_holding_a_folder_where_the_copy_goes_is_refused_in_one_line()
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));
        Directory.CreateDirectory(Path.Combine(output, "x.ipynb"));
        File.WriteAllText(Path.Combine(output, "x.ipynb", "inside.txt"), "the user's own file\n");

        var outcome = RefusedLeavingEverythingAsItWas(notebook);

        Assert.Equal($"--output {output} holds a folder named x.ipynb, where the runner writes a file. Move that folder, or name another folder for --output.", outcome.LastLine);
    }

    /// <summary>Root ignores file modes, so the read-only folder is a read-only tmpfs in a private mount namespace.</summary>
    [SkippableTheory]
    [InlineData("", "--output {0} cannot be written to (the file system is read-only). Name a folder you can write to.")]
    [InlineData("executed", "--output {0} cannot be created (the file system is read-only). Name a folder that can be created, or create it first.")]
    public void A_read_only_output_folder_is_refused_in_one_line(string below, string expected)
    {
        Skip.If(FaultRun.MountNamespaceProblem is not null, FaultRun.MountNamespaceProblem);
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));
        var readOnly = Path.Combine(folder, "read-only");
        var target = Path.Combine(readOnly, below).TrimEnd('/');
        var before = FaultRun.Hashes(notebooks);

        var outcome = FaultRun.RunWithTmpfs(folder, SmokeSize(), readOnly, "ro", Runner, "--output", target, notebook);

        FaultRun.IsOneClearLine(outcome, "--output", target);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, expected, target), outcome.LastLine);
        Assert.DoesNotContain("THE-CELL-RAN", outcome.All, StringComparison.Ordinal);
        FaultRun.Unchanged(notebooks, before);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("86401")]
    public void A_cell_timeout_that_is_not_a_positive_number_of_seconds_up_to_a_day_is_refused_in_one_line(string seconds)
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));

        var outcome = RefusedLeavingEverythingAsItWas(notebook, "--cell-timeout", seconds);

        Assert.Equal($"--cell-timeout must be a positive number of seconds, at most 86400 (a day), not '{seconds}'.", outcome.LastLine);
    }

    /// <summary>The run prints its usual lines, and the reason last: where it stopped, the limit, and what to change.</summary>
    [Fact]
    public void A_hanging_cell_ends_the_run_with_one_line_naming_the_cell_and_the_time_limit()
    {
        var notebook = Write("hangs.ipynb", Notebook("Console.WriteLine(\"started\");", "System.Threading.Thread.Sleep(600_000);"));
        var notebooksBefore = FaultRun.Hashes(notebooks);
        var outputBefore = FaultRun.Hashes(output);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = RunRunner(notebook, "--cell-timeout", "3");

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"The runner took {clock.Elapsed.TotalSeconds:F0} s: it should stop soon after the 3 s limit.");
        FaultRun.IsOneClearLine(outcome,
            $"Stopped at code cell 2 of 2 of {notebook}: The cell did not finish within 3 s (the per-cell time limit). Give it longer with --cell-timeout (now 3 s), or make the cell finish sooner.");
        Assert.Equal(3, outcome.ExitCode);
        Assert.StartsWith("0 passed, 1 failed. ", outcome.LastLine, StringComparison.Ordinal);
        FaultRun.Unchanged(notebooks, notebooksBefore);
        KeptAsTheyWere(output, outputBefore);
    }

    /// <summary>
    /// An exception the runner does not expect, in the child process that runs the notebook (here a cell's thread throws,
    /// which ends the process): the child's one line, the full trace in a file, exit code 1.
    /// </summary>
    [Fact]
    public void An_unexpected_exception_in_the_child_process_is_one_line_with_the_trace_in_a_file()
    {
        var notebook = Write("throws.ipynb", Notebook(
            "new System.Threading.Thread(() => throw new InvalidOperationException(\"thrown on a thread of its own\")).Start();\nSystem.Threading.Thread.Sleep(60_000);"));
        var notebooksBefore = FaultRun.Hashes(notebooks);
        var outputBefore = FaultRun.Hashes(output);

        var outcome = RunRunner(notebook);

        FaultRun.IsOneClearLine(outcome, "NotebookRunner failed unexpectedly: System.InvalidOperationException: thrown on a thread of its own. The full trace is in ", "; please report it.");
        Assert.Equal(1, outcome.ExitCode);
        AssertTraceFile(outcome, "thrown on a thread of its own");
        FaultRun.Unchanged(notebooks, notebooksBefore);
        KeptAsTheyWere(output, outputBefore);
    }

    /// <summary>
    /// An exception the runner does not expect in the parent process: a broken Jupyter that answers the runner's checks
    /// and then writes no executed copy.
    /// </summary>
    [Fact]
    public void An_unexpected_exception_in_the_runner_is_one_line_with_the_trace_in_a_file()
    {
        var notebook = Write("x.ipynb", Notebook("Console.WriteLine(\"THE-CELL-RAN\");"));
        var bin = Directory.CreateDirectory(Path.Combine(folder, "bin")).FullName;
        var jupyter = Path.Combine(bin, "jupyter");
        File.WriteAllText(jupyter, """
            #!/bin/sh
            # A broken Jupyter: it answers the runner's checks, then "executes" a notebook without writing the executed copy.
            case "$1 $2" in
              "nbconvert --version") echo 7.16.0 ;;
              "kernelspec list") echo "Available kernels:"; echo "  .net-csharp    /broken/kernels/.net-csharp" ;;
            esac
            exit 0
            """.Replace("\r", "", StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(jupyter, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var notebooksBefore = FaultRun.Hashes(notebooks);
        var outputBefore = FaultRun.Hashes(output);
        var environment = new Dictionary<string, string?>(SmokeSize())
        {
            ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };

        var outcome = FaultRun.Run(folder, environment, "dotnet", Runner, "--kernel", "jupyter", "--output", output, notebook);

        FaultRun.IsOneClearLine(outcome, "NotebookRunner failed unexpectedly: System.IO.FileNotFoundException: ", "The full trace is in ", "; please report it.");
        Assert.Equal(1, outcome.ExitCode);
        AssertTraceFile(outcome, "FileNotFoundException");
        FaultRun.Unchanged(notebooks, notebooksBefore);
        KeptAsTheyWere(output, outputBefore);
    }

    /// <summary>
    /// Runs the runner on <paramref name="target"/> (<c>--output</c> the output folder unless given) and asserts it refused
    /// with exit code 2 in one line naming <paramref name="target"/> or the option, and touched nothing.
    /// </summary>
    private FaultRun.Outcome RefusedLeavingEverythingAsItWas(string target, params string[] options)
    {
        var notebooksBefore = FaultRun.Hashes(notebooks);
        var outputBefore = FaultRun.Hashes(output);

        var outcome = RunRunner(target, options);

        FaultRun.IsOneClearLine(outcome);
        Assert.True(outcome.ExitCode == 2, $"exit {outcome.ExitCode} instead of 2 (a command line that cannot run):\n{outcome.All}");
        Assert.True(outcome.LastLine.Contains(target, StringComparison.Ordinal) || outcome.LastLine.StartsWith("--", StringComparison.Ordinal),
            $"The line names neither {target} nor an option:\n{outcome.LastLine}");
        FaultRun.Unchanged(notebooks, notebooksBefore);
        FaultRun.Unchanged(output, outputBefore);
        return outcome;
    }

    private FaultRun.Outcome RunRunner(string target, params string[] options)
    {
        string[] withOutput = options.Contains("--output") ? options : [.. options, "--output", output];
        return FaultRun.Run(folder, SmokeSize(), "dotnet", [Runner, .. withOutput, target]);
    }

    /// <summary>The smoke size, as the course's tests run; nothing else changed.</summary>
    private static Dictionary<string, string?> SmokeSize() => new() { ["GANKIT_SMOKE"] = "1" };

    /// <summary>Every file that was in <paramref name="folder"/> is still there, unchanged (the run may add its copies and logs).</summary>
    private static void KeptAsTheyWere(string folder, SortedDictionary<string, string> before)
    {
        var after = FaultRun.Hashes(folder);
        foreach (var (file, hash) in before)
        {
            Assert.True(after.TryGetValue(file, out var now) && now == hash, $"{Path.Combine(folder, file)} was changed or deleted.");
        }
    }

    /// <summary>The trace file the last line names holds the full exception; it is deleted after.</summary>
    private static void AssertTraceFile(FaultRun.Outcome outcome, string expected)
    {
        var match = TracePath().Match(outcome.LastLine);
        Assert.True(match.Success, $"The last line names no trace file:\n{outcome.LastLine}");
        var path = match.Groups["path"].Value;
        try
        {
            Assert.StartsWith(Path.GetTempPath(), path, StringComparison.Ordinal);
            var trace = File.ReadAllText(path);
            Assert.Contains(expected, trace, StringComparison.Ordinal);
            Assert.Contains("   at ", trace, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(notebooks, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A notebook of code cells with <paramref name="sources"/>, as VS Code writes one.</summary>
    private static string Notebook(params string[] sources) =>
        new JsonObject
        {
            ["cells"] = new JsonArray([.. sources.Select((source, index) => (JsonNode)new JsonObject
            {
                ["cell_type"] = "code",
                ["execution_count"] = null,
                ["id"] = $"cell-{index}",
                ["metadata"] = new JsonObject(),
                ["outputs"] = new JsonArray(),
                ["source"] = source,
            })]),
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();

    [GeneratedRegex(@"The full trace is in (?<path>\S+); please report it\.")]
    private static partial Regex TracePath();
}
