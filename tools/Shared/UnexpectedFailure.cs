using System.Globalization;

namespace GanKit.Tools;

/// <summary>
/// What the course's commands do with an exception nobody expected: one line on standard error that names it and
/// where its full trace is, the trace in a file in the temporary folder, and exit code 1 — never a bare stack trace.
/// </summary>
internal static class UnexpectedFailure
{
    /// <summary>The exit code after an unexpected exception.</summary>
    public const int ExitCode = 1;

    // One report at a time, should two threads fail at once.
    private static readonly Lock Writing = new();

    /// <summary>Writes the trace file and the one line for <paramref name="exception"/> in <paramref name="tool"/>; returns <see cref="ExitCode"/>.</summary>
    public static int Report(string tool, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var shown = exception is AggregateException { InnerExceptions: [var only] } ? only : exception;
        var what = $"{shown.GetType().FullName}: {OneLine.Of(shown.Message)}";
        var path = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"gankit-{string.Concat(tool.Select(letter => char.IsUpper(letter) ? $"-{char.ToLowerInvariant(letter)}" : $"{letter}")).TrimStart('-')}-{DateTime.Now:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt"));
        string line;
        try
        {
            File.WriteAllText(path, string.Join('\n',
                $"{tool} failed unexpectedly at {DateTime.Now.ToString("O", CultureInfo.InvariantCulture)}.",
                $"Command line: {Environment.CommandLine}",
                $"Working directory: {Environment.CurrentDirectory}",
                $".NET: {Environment.Version}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}",
                "",
                exception.ToString(),
                ""));
            line = $"{tool} failed unexpectedly: {what}. The full trace is in {path}; please report it.";
        }
        catch (Exception writeFailure) when (writeFailure is IOException or UnauthorizedAccessException)
        {
            line = $"{tool} failed unexpectedly: {what}. Its full trace could not be written to {path} ({OneLine.Of(writeFailure.Message)}); please report this line.";
        }

        lock (Writing)
        {
            // A notebook kernel redirects Console while a cell runs, so the line goes straight to the process's standard error.
            using var error = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
            error.WriteLine(line);
        }

        return ExitCode;
    }

    /// <summary>
    /// Reports an exception that ends the process from any thread (one thrown where no <c>catch</c> sees it) the same
    /// way, instead of the runtime's trace.
    /// </summary>
    public static void CatchUnhandled(string tool) =>
        AppDomain.CurrentDomain.UnhandledException += (_, arguments) =>
        {
            var exception = arguments.ExceptionObject as Exception ?? new InvalidOperationException($"A non-exception was thrown: {arguments.ExceptionObject}");
            Environment.Exit(Report(tool, exception));
        };
}
