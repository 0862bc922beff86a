using System.Globalization;

namespace GanKit.Tools;

/// <summary>
/// The commands' last resort: an exception nobody expected is one line on the error stream naming a file that holds
/// the full trace, never only a trace.
/// </summary>
internal static class UnexpectedFailure
{
    /// <summary>Writes <paramref name="exception"/>'s trace to a file in the temporary folder, prints one line, and returns exit code 1.</summary>
    public static int Report(string tool, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var message = $"{tool} failed unexpectedly: {exception.GetType().Name}: {exception.Message.ReplaceLineEndings(" ").TrimEnd('.')}.";
        var trace = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture,
            $"gankit-{tool.ToLowerInvariant()}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.txt"));
        try
        {
            File.WriteAllText(trace, exception.ToString());
            Console.Error.WriteLine($"{message} The full trace is in {trace}; please report it with the command you ran.");
        }
        catch (Exception writeFailure) when (writeFailure is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{message} (The full trace could not be written to {trace} either: {writeFailure.Message.ReplaceLineEndings(" ")})");
        }

        return 1;
    }
}
