using System.Diagnostics;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Runs a notebook through the dotnet-repl tool (the dotnet-interactive C# kernel), checks its outputs and rewrites the
/// copy it wrote as valid nbformat. dotnet-repl has no cell time limit and keeps going after a failing cell, so the whole
/// run gets the cell limit times the number of code cells.
/// </summary>
internal static class DotnetReplRoute
{
    public static async Task<(int ExitCode, string Line)> RunAsync(string notebook, RunnerOptions options)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var output = options.OutputPath(notebook);
        var codeCells = ExecutedNotebook.CodeCellCount(notebook);
        var limit = options.CellTimeout * Math.Max(1, codeCells);

        // dotnet-repl resolves relative paths against the folder it starts in, so start it in the notebook's folder.
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"{name}: running under dotnet-repl …");
        var (exitCode, log) = await ChildProcess.RunAsync("dotnet", Path.GetDirectoryName(notebook)!, ["repl", "--run", notebook, "--exit-after-run", "--output-path", output], limit);
        var logPath = await options.WriteLogAsync(notebook, log);
        if (exitCode is null)
        {
            return (NotebookExecution.CellTimedOut, $"{name}: FAILED under dotnet-repl: not finished within {limit.TotalSeconds:F0} s; log: {logPath}");
        }

        var seconds = clock.Elapsed.TotalSeconds;
        if (!File.Exists(output))
        {
            return (exitCode.Value == 0 ? 1 : exitCode.Value, $"{name}: FAILED under dotnet-repl (exit {exitCode.Value}), no executed copy written; log: {logPath}\n{string.Join('\n', log.TakeLast(40))}");
        }

        ExecutedNotebook.RewriteDotnetReplCopy(output, notebook);
        var executed = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
        var firstError = ExecutedNotebook.FirstError(executed);
        if (exitCode.Value != 0 || firstError is not null)
        {
            return (exitCode.Value == 0 ? 1 : exitCode.Value, $"{name}: FAILED under dotnet-repl (exit {exitCode.Value}) after {seconds:F1} s; executed copy: {output}\n{firstError ?? string.Join('\n', log.TakeLast(40))}");
        }

        return (0, $"{name}: passed under dotnet-repl in {seconds:F1} s — {ExecutedNotebook.ResultLine(executed) ?? "(no Result: line)"}");
    }
}
