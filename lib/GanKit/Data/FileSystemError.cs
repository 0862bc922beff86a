namespace GanKit.Data;

/// <summary>
/// What the operating system said when a file could not be read or written, in a learner's words: the disk is full,
/// the folder is read-only, a part of the path is a file, … — for one-line messages that name the path and what to do.
/// </summary>
public static class FileSystemError
{
    // errno values .NET reports as an IOException's HResult on Linux and macOS.
    private const int FileExists = 17;          // EEXIST: making a folder where a file is
    private const int NotAFolder = 20;          // ENOTDIR
    private const int FileTooLarge = 27;        // EFBIG
    private const int NoSpace = 28;             // ENOSPC
    private const int ReadOnlyFileSystem = 30;  // EROFS
    private const int QuotaExceeded = 122;      // EDQUOT (Linux)

    /// <summary>Whether <paramref name="exception"/> is the file system refusing (rather than a bug).</summary>
    public static bool Is(Exception exception) => exception is IOException or UnauthorizedAccessException;

    /// <summary>
    /// The reason in a few words, without a final full stop: "the disk is full", "the file system is read-only",
    /// "/home/me/notes.txt is a file, not a folder" (when <paramref name="path"/> is given and a folder above it is a file), ….
    /// </summary>
    public static string Reason(Exception exception, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.InnerException is { } inner && Is(inner))
        {
            return Reason(inner, path);   // a message GanKit wrapped around what the system said
        }

        if (path is not null && FileAbove(path) is { } file)
        {
            return $"{file} is a file, not a folder";
        }

        var message = exception.Message;
        return exception switch
        {
            UnauthorizedAccessException => "permission denied",
            DirectoryNotFoundException => "a folder on the path is missing or is a file",
            FileNotFoundException => "the file is missing",
            PathTooLongException => "the path is too long",
            IOException when exception.HResult is NoSpace or QuotaExceeded || message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => "the disk is full",
            IOException when exception.HResult == FileTooLarge || message.Contains("File too large", StringComparison.OrdinalIgnoreCase) => "the file is larger than this process may write",
            IOException when exception.HResult == ReadOnlyFileSystem || message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "the file system is read-only",
            IOException when exception.HResult is FileExists or NotAFolder || message.Contains("Not a directory", StringComparison.OrdinalIgnoreCase) => "a part of the path is a file, not a folder",
            _ => message.Split(" : '")[0].TrimEnd('.'),   // .NET's text without the path it appends
        };
    }

    // The nearest existing path above path, if it is a file rather than a folder.
    private static string? FileAbove(string path)
    {
        for (var above = Path.GetDirectoryName(Path.GetFullPath(path)); !string.IsNullOrEmpty(above); above = Path.GetDirectoryName(above))
        {
            if (File.Exists(above))
            {
                return above;
            }

            if (Directory.Exists(above))
            {
                return null;
            }
        }

        return null;
    }

    /// <summary>What to do about <paramref name="exception"/> when writing: free space, choose another folder, ….</summary>
    public static string Advice(Exception exception) => Reason(exception) switch
    {
        "the disk is full" => "Free some space on that disk, or write somewhere else.",
        _ => "Choose a folder you can write to.",
    };
}
