using System.Diagnostics;

namespace NotebookRunner;

/// <summary>Starts a program, collects what it prints (both streams, in order of arrival) and waits, with a time limit.</summary>
internal static class ChildProcess
{
    private static readonly TimeSpan LongestLimit = TimeSpan.FromDays(40);

    /// <summary>Runs <paramref name="program"/>; the exit code is <c>null</c> when it ran past <paramref name="limit"/> and was ended.</summary>
    /// <exception cref="System.ComponentModel.Win32Exception"><paramref name="program"/> is not on the PATH.</exception>
    public static async Task<(int? ExitCode, List<string> Log)> RunAsync(string program, string workingDirectory, IEnumerable<string> arguments, TimeSpan? limit)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program} {string.Join(' ', start.ArgumentList)}.");
        var log = new List<string>();
        var reading = Task.WhenAll(Collect(process.StandardOutput, log), Collect(process.StandardError, log));
        // A timer runs for at most about 49 days; a longer limit (a day per cell, times many cells) is no limit.
        using var cancel = new CancellationTokenSource(limit is { } given && given < LongestLimit ? given : Timeout.InfiniteTimeSpan);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (null, log);
        }

        await reading;
        return (process.ExitCode, log);
    }

    private static async Task Collect(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }
}
