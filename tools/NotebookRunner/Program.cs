using System.CommandLine;
using System.CommandLine.Invocation;
using System.Diagnostics;
using System.Globalization;
using GanKit.Runtime;
using GanKit.Tools;

namespace NotebookRunner;

/// <summary>
/// Runs the course notebooks headless and writes their executed copies.
/// <code>
/// dotnet run --project tools/NotebookRunner -- notebooks                 # every chapter, one process each
/// dotnet run --project tools/NotebookRunner -- --kernel jupyter notebooks/01-what-is-a-gan.ipynb
/// </code>
/// GANKIT_SMOKE=1 selects the smoke size; the notebooks read it themselves.
/// </summary>
internal static class Program
{
    /// <summary>The exit code of a command line that cannot be run: wrong options, or a kernel that is not installed.</summary>
    public const int UsageError = 2;

    public static async Task<int> Main(string[] args)
    {
        UnexpectedFailure.CatchUnhandled("NotebookRunner");
        try
        {
            var command = RunnerCommand.Create(RunAsync);
            if (args.Length == 0)
            {
                command.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = Console.Error });
                return UsageError;
            }

            var parseResult = command.Parse(args);
            if (parseResult.Action is ParseErrorAction parseError)
            {
                parseError.ShowHelp = false;
                parseResult.Invoke();
                return UsageError;
            }

            // Not System.CommandLine's handler, which prints the bare trace: CrashReport's one line instead.
            return await parseResult.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception exception)
        {
            return UnexpectedFailure.Report("NotebookRunner", exception);
        }
    }

    private static async Task<int> RunAsync(RunnerOptions options)
    {
        if (options.Single)
        {
            return await NotebookExecution.RunAsync(options.Notebooks[0], options.OutputPath(options.Notebooks[0]), options.CellTimeout, options.Twice, options.Grade);
        }

        if (options.Kernel == KernelRoute.Jupyter && await JupyterRoute.ProblemAsync() is { } problem)
        {
            Console.Error.WriteLine(problem);
            return UsageError;
        }

        var size = options.Smoke ? $"size: smoke ({Settings.Smoke}={Settings.Read(Settings.Smoke)})" : "size: full";
        Console.WriteLine($"Notebooks: {options.Notebooks.Count} · kernel: {RunnerCommand.Name(options.Kernel)}{(options.Twice ? " · each run twice" : "")}{(options.Grade ? " · grading" : "")} · {size} · executed copies: {options.OutputFolder}");
        Directory.CreateDirectory(options.OutputFolder);
        var reasons = new List<string>();
        var worstExitCode = 0;
        foreach (var notebook in options.Notebooks)
        {
            // A copy left by an earlier run must not pass for this run's.
            File.Delete(options.OutputPath(notebook));
            File.Delete(NotebookExecution.GradesPath(options.OutputPath(notebook)));
            var (exitCode, line, reason) = options.Kernel switch
            {
                KernelRoute.DotnetRepl => WithFirstLine(await DotnetReplRoute.RunAsync(notebook, options)),
                KernelRoute.Jupyter => WithFirstLine(await JupyterRoute.RunAsync(notebook, options)),
                _ => await RunChildAsync(notebook, options),
            };
            Console.WriteLine(line);
            if (exitCode != 0)
            {
                reasons.Add(reason);
                worstExitCode = Math.Max(worstExitCode, exitCode);
            }
        }

        // The last line says why a run failed, in one line, after the details above it.
        Console.WriteLine($"{options.Notebooks.Count - reasons.Count} passed, {reasons.Count} failed{(reasons.Count > 0 ? ". " + string.Join(" · ", reasons) : "")}");
        return worstExitCode;
    }

    /// <summary>A route's result with its first line (the notebook's name, FAILED and why) as the reason for the closing line.</summary>
    private static (int ExitCode, string Line, string Reason) WithFirstLine((int ExitCode, string Line) result) =>
        (result.ExitCode, result.Line, result.Line.Split('\n')[0]);

    /// <summary>The in-process kernel: this program again with <c>--single</c>, one process per notebook.</summary>
    /// <remarks>
    /// The reason for the closing line is the child's own closing line (<see cref="NotebookExecution.StoppedAt"/>, or its
    /// one-line refusal or crash report), else the last line it printed.
    /// </remarks>
    private static async Task<(int ExitCode, string Line, string Reason)> RunChildAsync(string notebook, RunnerOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"{name}: running …");
        var (exitCode, log) = await ChildProcess.RunAsync(
            "dotnet",
            Path.GetDirectoryName(notebook)!,
            [typeof(Program).Assembly.Location, "--single", .. (options.Twice ? ["--twice"] : Array.Empty<string>()), .. (options.Grade ? ["--grade"] : Array.Empty<string>()), "--output", options.OutputFolder, "--cell-timeout", options.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), notebook],
            limit: null);
        var logPath = await options.WriteLogAsync(notebook, log);

        var seconds = clock.Elapsed.TotalSeconds;
        var result = log.LastOrDefault(line => line.StartsWith("Result:", StringComparison.Ordinal))?["Result:".Length..].Trim();
        if (exitCode == 0 && options.Grade)
        {
            var grades = log.SkipWhile(line => !line.StartsWith("Exercises of ", StringComparison.Ordinal)).Skip(1).TakeWhile(line => line.StartsWith("  exercise ", StringComparison.Ordinal));
            var summary = log.LastOrDefault(line => line.StartsWith("Grades:", StringComparison.Ordinal)) ?? "Grades: (none reported)";
            return (0, $"{name}: graded in {seconds:F1} s — {summary["Grades:".Length..].Trim()}\n{string.Join('\n', grades)}", "");
        }

        if (exitCode == 0)
        {
            return (0, $"{name}: passed in {seconds:F1} s — {result ?? "(the notebook printed no Result: line)"}", "");
        }

        var failureStart = log.FindLastIndex(line => line.StartsWith("FAILED:", StringComparison.Ordinal));
        var details = failureStart >= 0 ? log.Skip(failureStart) : log.TakeLast(40);
        var reason = log.LastOrDefault(line => line.StartsWith(NotebookExecution.StoppedAt, StringComparison.Ordinal))
            ?? log.LastOrDefault(line => line.Trim().Length > 0)
            ?? $"{notebook}: the run printed nothing";
        return (exitCode ?? 1, $"{name}: FAILED (exit {exitCode}) after {seconds:F1} s; log: {logPath}\n{string.Join('\n', details)}", $"{reason} Log: {logPath}");
    }
}

/// <summary>Which kernel runs the notebooks.</summary>
internal enum KernelRoute
{
    /// <summary>.NET Interactive's C# kernel inside a child process of the runner.</summary>
    InProcess,

    /// <summary>The dotnet-interactive C# kernel through the dotnet-repl tool.</summary>
    DotnetRepl,

    /// <summary>The <c>.net-csharp</c> Jupyter kernel through <c>jupyter nbconvert --execute</c>.</summary>
    Jupyter,
}

/// <summary>A checked command line.</summary>
internal sealed record RunnerOptions(IReadOnlyList<string> Notebooks, string OutputFolder, TimeSpan CellTimeout, KernelRoute Kernel, bool Single, bool Smoke, bool Twice = false, bool Grade = false)
{
    /// <summary>Where the executed copy of <paramref name="notebook"/> goes.</summary>
    public string OutputPath(string notebook) => Path.Combine(OutputFolder, Path.GetFileName(notebook));

    /// <summary>Keeps a run's output in <c>logs/</c> beside the executed copies; returns the log's path.</summary>
    public async Task<string> WriteLogAsync(string notebook, IEnumerable<string> log)
    {
        var path = Path.Combine(OutputFolder, OutputFolderCheck.LogsFolder, $"{Path.GetFileNameWithoutExtension(notebook)}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllLinesAsync(path, log);
        return path;
    }

    /// <summary>
    /// The default output folder: artifacts/notebooks of the repository around the first notebook, smoke/ below it for
    /// the smoke size, and a subfolder named for the kernel unless it is the in-process one.
    /// </summary>
    public static string DefaultOutputFolder(string firstNotebook, KernelRoute kernel, bool smoke)
    {
        var root = RepositoryRoot.Find(Path.GetDirectoryName(firstNotebook)) ?? Directory.GetCurrentDirectory();
        var output = Path.Combine(root, "artifacts", "notebooks");
        if (smoke)
        {
            output = Path.Combine(output, "smoke");
        }

        return kernel == KernelRoute.InProcess ? output : Path.Combine(output, RunnerCommand.Name(kernel));
    }
}
