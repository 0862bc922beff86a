using GanKit.Data;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>AtomicFile: whole files or none, never a user's file replaced by accident, no temporary file left behind.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-atomic-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_file_is_written_whole_into_a_new_folder_and_replaced_only_when_asked()
    {
        var path = Path.Combine(folder, "sub", "a.txt");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second");
        var refused = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "third", overwrite: false));

        Assert.Equal("second", File.ReadAllText(path));
        Assert.Contains("never overwritten", refused.Message, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void A_failed_write_leaves_the_old_file_and_no_temporary_file()
    {
        var path = Path.Combine(folder, "b.bin");
        File.WriteAllText(path, "a user's file");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, file =>
        {
            file.Write(new byte[100]);
            throw new InvalidOperationException("the disk is full");
        }));

        Assert.Equal("a user's file", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(folder));
    }

    [Fact]
    public void A_file_that_happens_to_have_the_temporary_name_is_left_alone()
    {
        var path = Path.Combine(folder, "c.txt");
        var temporaryName = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporaryName, "not ours");

        Assert.Throws<IOException>(() => AtomicFile.WriteAllText(path, "new"));

        Assert.Equal("not ours", File.ReadAllText(temporaryName));
        Assert.False(File.Exists(path));
    }
}
