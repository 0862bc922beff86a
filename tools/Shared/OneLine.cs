using System.Text.RegularExpressions;

namespace GanKit.Tools;

/// <summary>Makes a message from elsewhere (an exception's, a parser's) fit inside one line of the runner's own.</summary>
internal static partial class OneLine
{
    /// <summary>
    /// <paramref name="text"/> with every run of white space (line breaks included) made one space, trimmed, and without
    /// a final full stop, so that it can stand inside parentheses or before the runner's own full stop.
    /// </summary>
    public static string Of(string text) => WhiteSpace().Replace(text, " ").Trim().TrimEnd('.');

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
