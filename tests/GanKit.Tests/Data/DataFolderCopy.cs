using System.Security.Cryptography;

namespace GanKit.Tests.Data;

/// <summary>
/// A throw-away copy of <c>data/mnist</c> laid out like the repository (<c>&lt;temp&gt;/.git</c> and
/// <c>&lt;temp&gt;/data/mnist/</c>), so tests can damage files without touching the real ones.
/// </summary>
internal sealed class DataFolderCopy : IDisposable
{
    /// <summary>The last-write time every copied file gets, so a rewrite of a file shows.</summary>
    public static readonly DateTime OldWriteTime = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);

    private readonly DirectoryInfo root;

    public DataFolderCopy()
    {
        root = Directory.CreateTempSubdirectory("gankit-data-test-");
        Directory.CreateDirectory(Path.Combine(root.FullName, ".git"));
        Folder = Path.Combine(root.FullName, "data", "mnist");
        Directory.CreateDirectory(Folder);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Mnist))
        {
            var copy = PathOf(Path.GetFileName(file));
            File.Copy(file, copy);
            File.SetLastWriteTimeUtc(copy, OldWriteTime);
        }
    }

    /// <summary>The copied data/mnist folder.</summary>
    public string Folder { get; }

    public string PathOf(string fileName) => Path.Combine(Folder, fileName);

    /// <summary>Replaces a file's bytes and sets its last-write time back to <see cref="OldWriteTime"/>.</summary>
    public void Write(string fileName, byte[] bytes)
    {
        File.WriteAllBytes(PathOf(fileName), bytes);
        File.SetLastWriteTimeUtc(PathOf(fileName), OldWriteTime);
    }

    /// <summary>Replaces <paramref name="fileName"/> and updates its line of the copy's SHA256SUMS to match.</summary>
    public void WriteAndList(string fileName, byte[] bytes)
    {
        Write(fileName, bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var lines = File.ReadAllLines(PathOf("SHA256SUMS"))
            .Select(line => line.EndsWith($"  {fileName}", StringComparison.Ordinal) ? $"{hash}  {fileName}" : line)
            .ToArray();
        Write("SHA256SUMS", System.Text.Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));
    }

    /// <summary>What a test needs to tell whether a file was changed: whether it exists, its SHA-256 and last-write time.</summary>
    public static FileState StateOf(string path) => File.Exists(path)
        ? new FileState(true, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))), File.GetLastWriteTimeUtc(path))
        : new FileState(false, "", DateTime.MinValue);

    /// <summary>The state of every file in the copied folder (and whether the folder exists).</summary>
    public IReadOnlyDictionary<string, FileState> StateOfAll() => Directory.Exists(Folder)
        ? Directory.GetFiles(Folder).Order(StringComparer.Ordinal).ToDictionary(path => path, StateOf, StringComparer.Ordinal)
        : new Dictionary<string, FileState>(StringComparer.Ordinal);

    public void Dispose() => root.Delete(recursive: true);
}

/// <summary>A file's existence, SHA-256 and last-write time.</summary>
internal sealed record FileState(bool Exists, string Sha256, DateTime LastWriteUtc);
