using Xunit;

namespace GanKit.Tests.Faults;

/// <summary>
/// The fault suite's case for a disk that fills while a file is written (rather than before a run, which train-gan
/// checks): <c>tools/Homework</c> writes a chapter's student copy onto a 16 KiB tmpfs. The write fails in one line, the
/// temporary file is gone, and the chapter is unchanged.
/// </summary>
public sealed class HomeworkFaultTests : IDisposable
{
    private static readonly string Dll = Path.Combine(RepositoryPaths.Root, "artifacts", "homework", "Homework.dll");
    private readonly FaultRepository repository = new();
    private readonly SortedDictionary<string, string> dataAtStart = FaultRun.DataAtStart;

    public void Dispose()
    {
        repository.Dispose();
        FaultRun.Unchanged(FaultRun.DataFolder, dataAtStart);
    }

    [SkippableFact]
    public void A_disk_that_fills_during_a_write_is_one_line_and_leaves_no_temporary_file()
    {
        Skip.If(FaultRun.MountNamespaceProblem is not null, FaultRun.MountNamespaceProblem);
        var notebooks = repository.PathOf("notebooks");
        Directory.CreateDirectory(notebooks);
        var chapter = Path.Combine(notebooks, "01-what-is-a-gan.ipynb");
        File.Copy(Path.Combine(RepositoryPaths.Root, "notebooks", "01-what-is-a-gan.ipynb"), chapter);
        var before = FaultRun.Hashes(notebooks);
        var copies = Directory.CreateDirectory(repository.PathOf("student-copies")).FullName;

        var outcome = FaultRun.Run(repository.Root, new Dictionary<string, string?>(), "unshare",
            "-m", "sh", "-c", "d=\"$1\"; shift; mount -t tmpfs -o size=16k tmpfs \"$d\" || exit 99; dotnet \"$@\"; code=$?; ls -A \"$d\"; exit $code",
            "sh", copies, Dll, "--output", copies, chapter);

        FaultRun.IsOneClearLine(outcome, $"Cannot write {Path.Combine(copies, "01-what-is-a-gan.ipynb")}: the disk is full. Free some space on that disk, or write somewhere else.");
        Assert.DoesNotContain(".tmp", outcome.All, StringComparison.Ordinal);   // ls of the tmpfs after the failure: empty
        FaultRun.Unchanged(notebooks, before);
    }
}
