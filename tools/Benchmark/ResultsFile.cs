using System.Globalization;
using GanKit.Data;

namespace Benchmark;

/// <summary>
/// The dated markdown file runs are added to (<c>benchmarks/YYYY-MM-DD.md</c> by default). A run is appended: the file
/// is read, the run added at its end and the whole written back through <see cref="AtomicFile"/>, so a failed write
/// leaves the earlier results as they were and nothing ever replaces them.
/// </summary>
internal static class ResultsFile
{
    /// <summary>Today's file (UTC) in the repository's <c>benchmarks/</c> folder.</summary>
    public static string DefaultPath(DateTime todayUtc) =>
        GanKit.Tools.RepositoryRoot.Path(Directory.GetCurrentDirectory(), "benchmarks", string.Create(CultureInfo.InvariantCulture, $"{todayUtc:yyyy-MM-dd}.md"));

    /// <summary>Checks, before any measuring, that <paramref name="path"/>'s folder can be made and written and the file (if any) read.</summary>
    /// <exception cref="IOException">It cannot; the message names the file and what to do.</exception>
    public static void Check(string path)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        try
        {
            Directory.CreateDirectory(folder);
            using var probe = new FileStream(Path.Combine(folder, $".write-check.{Environment.ProcessId}.tmp"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            using var earlier = File.Exists(path) ? File.OpenRead(path) : null;
        }
        catch (Exception exception) when (FileSystemError.Is(exception))
        {
            throw new IOException($"--output {path}: cannot add results there ({FileSystemError.Reason(exception, path)}). {FileSystemError.Advice(exception)}", exception);
        }
    }

    /// <summary>Adds <paramref name="run"/> at the end of <paramref name="path"/>, which starts with <paramref name="title"/> when new.</summary>
    public static void Append(string path, string title, string run)
    {
        var earlier = File.Exists(path) ? File.ReadAllText(path) : $"{title}\n";
        var separator = earlier.EndsWith("\n\n", StringComparison.Ordinal) ? "" : earlier.EndsWith('\n') ? "\n" : "\n\n";
        AtomicFile.WriteAllText(path, earlier + separator + run);
    }
}
