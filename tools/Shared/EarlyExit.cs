using System.CommandLine;
using System.CommandLine.Invocation;

namespace GanKit.Tools;

/// <summary>What a tool's command line settles before the tool does any work: a mistake, or a request for help.</summary>
internal static class EarlyExit
{
    /// <summary>The exit code of a command-line mistake.</summary>
    public const int UsageError = 2;

    /// <summary>
    /// The exit code to return at once — <see cref="UsageError"/> after a mistake, reported in one line without the help
    /// text, or 0 after <c>--help</c> printed the help — or null when the tool should go on with <paramref name="parsed"/>.
    /// </summary>
    public static int? Of(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Action is ParseErrorAction parseError)
        {
            parseError.ShowHelp = false;
            parsed.Invoke();
            return UsageError;
        }

        return parsed.Action is not null && parsed.Tokens.Any(token => token.Value is "--help" or "-h" or "-?") ? parsed.Invoke() : null;
    }
}
