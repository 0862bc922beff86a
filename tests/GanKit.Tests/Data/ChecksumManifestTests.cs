using System.Security.Cryptography;
using System.Text;
using GanKit.Data;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>SHA256SUMS: the committed one is right, and GanKit reads the format sha256sum writes.</summary>
public sealed class ChecksumManifestTests
{
    private static readonly string[] MnistFiles =
    [
        "t10k-images-idx3-ubyte.gz",
        "t10k-labels-idx1-ubyte.gz",
        "train-images-idx3-ubyte.gz",
        "train-labels-idx1-ubyte.gz",
    ];

    [Fact]
    public void TheCommittedManifestListsEachMnistFileWithItsSha256()
    {
        // What `sha256sum -c SHA256SUMS` checks, done without GanKit.
        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(Path.Combine(RepositoryPaths.Mnist, "SHA256SUMS")).Where(line => line.Length > 0))
        {
            var separator = line.IndexOf("  ", StringComparison.Ordinal);
            Assert.True(separator == 64, $"Not a sha256sum line: \"{line}\"");
            listed.Add(line[(separator + 2)..], line[..separator]);
        }

        Assert.Equal(MnistFiles, listed.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, hash) in listed)
        {
            var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(RepositoryPaths.Mnist, name))));
            Assert.True(actual == hash, $"{name}: SHA-256 {actual}, but SHA256SUMS lists {hash}.");
        }
    }

    [Fact]
    public void ReadVerifiedReturnsTheBytesOfEachCommittedFile()
    {
        var manifest = ChecksumManifest.Read(RepositoryPaths.Mnist);

        Assert.Equal(Path.GetFullPath(RepositoryPaths.Mnist), manifest.Folder);
        foreach (var name in MnistFiles)
        {
            var verified = manifest.ReadVerified(name);
            Assert.True(verified.AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(RepositoryPaths.Mnist, name))), $"{name} came back different.");
        }
    }

    [Fact]
    public void ARelativeFolderIsResolvedToAFullPath()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, RepositoryPaths.Mnist);
        Assert.False(Path.IsPathRooted(relative));

        var manifest = ChecksumManifest.Read(relative);

        Assert.Equal(Path.GetFullPath(RepositoryPaths.Mnist), manifest.Folder);
    }

    [Fact]
    public void BinaryModeMarkersUppercaseHashesAndBlankLinesAreAccepted()
    {
        var folder = Directory.CreateTempSubdirectory("gankit-manifest-test-");
        try
        {
            var first = Encoding.ASCII.GetBytes("first file");
            var second = Encoding.ASCII.GetBytes("second file");
            File.WriteAllBytes(Path.Combine(folder.FullName, "first.bin"), first);
            File.WriteAllBytes(Path.Combine(folder.FullName, "second.bin"), second);
            File.WriteAllText(
                Path.Combine(folder.FullName, "SHA256SUMS"),
                $"{Convert.ToHexString(SHA256.HashData(first))} *first.bin\r\n\r\n{Convert.ToHexStringLower(SHA256.HashData(second))}  second.bin\r\n");

            var manifest = ChecksumManifest.Read(folder.FullName);

            Assert.Equal(first, manifest.ReadVerified("first.bin"));
            Assert.Equal(second, manifest.ReadVerified("second.bin"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void AFileTheManifestDoesNotListIsRefused()
    {
        using var copy = new DataFolderCopy();
        var manifest = ChecksumManifest.Read(copy.Folder);

        var exception = Assert.Throws<DataFileException>(() => manifest.ReadVerified("README.md"));

        Assert.Equal(copy.PathOf("README.md"), exception.Path);
        Assert.StartsWith($"README.md is not listed in {copy.PathOf("SHA256SUMS")}, so it cannot be verified.", exception.Message, StringComparison.Ordinal);
        Assert.Contains("sha256sum README.md >> SHA256SUMS", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be")]
    [InlineData("1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20  t10k-images-idx3-ubyte.gz")]
    [InlineData("1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20zz  t10k-images-idx3-ubyte.gz")]
    [InlineData("t10k-images-idx3-ubyte.gz  1a1a05eab793c14bb050b398624a11b0ffd1a2953baed553b1b9bd079e2a20be")]
    public void AMalformedLineIsReportedWithTheManifestsPathAndTheLine(string line)
    {
        using var copy = new DataFolderCopy();
        var manifestPath = copy.PathOf("SHA256SUMS");
        var lines = File.ReadAllLines(manifestPath);
        lines[2] = line;
        copy.Write("SHA256SUMS", Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));
        var before = DataFolderCopy.StateOf(manifestPath);

        var exception = Assert.Throws<DataFileException>(() => ChecksumManifest.Read(copy.Folder));

        Assert.Equal(manifestPath, exception.Path);
        Assert.Contains($"{manifestPath} line 3 ", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{line}\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("git checkout -- data/mnist/SHA256SUMS", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, DataFolderCopy.StateOf(manifestPath));
    }
}
