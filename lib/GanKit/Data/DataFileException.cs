namespace GanKit.Data;

/// <summary>
/// A data file is missing, corrupt or not what it claims to be. The message names the file and the fix; the file
/// itself is left exactly as it was found.
/// </summary>
public sealed class DataFileException(string path, string message) : Exception(message)
{
    /// <summary>The file (or folder) the problem is about.</summary>
    public string Path { get; } = path;
}
