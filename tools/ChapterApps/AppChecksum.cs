using System.Security.Cryptography;
using System.Text;

namespace ChapterApps;

/// <summary>
/// The last line of every app the tool writes: the SHA-256 of the lines above it. An app whose lines still match was
/// written by the tool and not changed since, so writing it again loses nothing; the tool leaves any other file as it is
/// (a learner's answers typed into an app, a file of one's own).
/// </summary>
internal static class AppChecksum
{
    private const string Mark = "// Written by tools/ChapterApps; the SHA-256 of the lines above: ";

    /// <summary><paramref name="text"/> with its checksum line added.</summary>
    public static string Seal(string text) => $"{text}{Mark}{Of(text)}\n";

    /// <summary>Whether <paramref name="fileText"/> ends with a checksum line.</summary>
    public static bool IsWrittenByTheTool(string fileText) => LastLine(fileText).StartsWith(Mark, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="fileText"/> ends with a checksum line that matches the lines above it.</summary>
    public static bool IsUnchanged(string fileText)
    {
        fileText = WithUnixLineEnds(fileText);   // a checkout with CRLF line ends (Git for Windows' default) changes nothing
        var lineStart = fileText.TrimEnd('\n').LastIndexOf('\n') + 1;   // where the last line starts
        var last = LastLine(fileText);
        return lineStart > 0 && last.StartsWith(Mark, StringComparison.Ordinal) && last[Mark.Length..] == Of(fileText[..lineStart]);
    }

    /// <summary><paramref name="text"/> with CRLF line ends made LF, as the tool writes them.</summary>
    public static string WithUnixLineEnds(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1].TrimEnd('\r');

    private static string Of(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
