using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Runs a notebook with <c>jupyter nbconvert --to notebook --execute</c> on the <c>.net-csharp</c> kernel (the
/// dotnet-interactive tool registered with Jupyter), as JupyterLab or VS Code's Jupyter extension would run it. nbconvert
/// starts the kernel in the notebook's folder, stops at the first failing cell and enforces the cell time limit itself;
/// it writes the executed copy only when every cell passed.
/// </summary>
internal static class JupyterRoute
{
    public const string KernelName = ".net-csharp";

    // Starting dotnet-interactive takes seconds; on a busy machine many more.
    private static readonly TimeSpan KernelStartLimit = TimeSpan.FromSeconds(120);

    /// <summary>What is missing for this route, as one line that says what to install or run; null when it is ready.</summary>
    public static async Task<string?> ProblemAsync()
    {
        var workingDirectory = Directory.GetCurrentDirectory();
        try
        {
            var (exitCode, _) = await ChildProcess.RunAsync("jupyter", workingDirectory, ["nbconvert", "--version"], TimeSpan.FromMinutes(1));
            if (exitCode != 0)
            {
                return NotInstalled;
            }
        }
        catch (Win32Exception)
        {
            return NotInstalled;
        }

        var (_, kernels) = await ChildProcess.RunAsync("jupyter", workingDirectory, ["kernelspec", "list"], TimeSpan.FromMinutes(1));
        return kernels.Any(line => line.TrimStart().StartsWith(KernelName + " ", StringComparison.Ordinal))
            ? null
            : $"The {KernelName} Jupyter kernel is not registered: run `dotnet tool restore` and then `dotnet dotnet-interactive jupyter install` in the repository.";
    }

    private static string NotInstalled =>
        "The jupyter kernel route needs `jupyter nbconvert` on the PATH. On Debian or Ubuntu: "
        + "sudo apt-get install jupyter-nbconvert python3-nbclient python3-ipykernel jupyter-client; elsewhere, in a virtual "
        + "environment: python3 -m venv .venv && .venv/bin/pip install jupyterlab, then put .venv/bin on the PATH.";

    public static async Task<(int ExitCode, string Line)> RunAsync(string notebook, RunnerOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var output = options.OutputPath(notebook);
        var codeCells = ExecutedNotebook.CodeCellCount(notebook);
        var cellSeconds = (int)Math.Ceiling(options.CellTimeout.TotalSeconds);

        var clock = Stopwatch.StartNew();
        Console.WriteLine($"{name}: running under Jupyter ({KernelName}) …");
        var (exitCode, log) = await ChildProcess.RunAsync(
            "jupyter",
            Path.GetDirectoryName(notebook)!,
            [
                "nbconvert", "--to", "notebook", "--execute",
                $"--ExecutePreprocessor.kernel_name={KernelName}",
                $"--ExecutePreprocessor.timeout={cellSeconds}",
                $"--ExecutePreprocessor.startup_timeout={(int)KernelStartLimit.TotalSeconds}",
                "--output-dir", options.OutputFolder,
                "--output", name,
                notebook,
            ],
            // A backstop: nbconvert enforces the per-cell limit itself.
            limit: KernelStartLimit + (options.CellTimeout * Math.Max(1, codeCells)));
        var logPath = await options.WriteLogAsync(notebook, log);
        var seconds = clock.Elapsed.TotalSeconds;

        if (exitCode is null)
        {
            return (NotebookExecution.CellTimedOut, $"{name}: FAILED under Jupyter: not finished within the time limit; log: {logPath}");
        }

        if (exitCode != 0)
        {
            // nbconvert ends with the exception it raised: the failing cell's source and its error, or the timed-out cell.
            var timedOut = log.Any(line => line.Contains("CellTimeoutError", StringComparison.Ordinal));
            var errorStart = log.FindIndex(line => line.StartsWith("nbclient.exceptions.", StringComparison.Ordinal));
            var details = errorStart >= 0 ? log.Skip(errorStart).Take(60) : log.TakeLast(40);
            var what = timedOut ? $"a cell did not finish within {cellSeconds} s (the per-cell time limit)" : $"exit {exitCode}";
            return (timedOut ? NotebookExecution.CellTimedOut : NotebookExecution.CellFailed,
                $"{name}: FAILED under Jupyter ({what}) after {seconds:F1} s; log: {logPath}\n{string.Join('\n', details)}");
        }

        var executed = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        if (ExecutedNotebook.FirstError(executed) is { } error)
        {
            return (NotebookExecution.CellFailed, $"{name}: FAILED under Jupyter after {seconds:F1} s; executed copy: {output}\n{error}");
        }

        return (0, $"{name}: passed under Jupyter in {seconds:F1} s — {ExecutedNotebook.ResultLine(executed) ?? "(no Result: line)"}");
    }
}
