using System.IO.Compression;
using GanKit.Data;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>Loading MNIST from data/mnist, and what a damaged copy of it gives.</summary>
public sealed class MnistTests
{
    private const string TestImages = "t10k-images-idx3-ubyte.gz";
    private const string TestLabels = "t10k-labels-idx1-ubyte.gz";

    public MnistTests() => TorchSession.Start();

    [Fact]
    public void TheTestSplitHasTenThousandImagesInZeroToOneAndLabelsOfAllTenDigits()
    {
        using var scope = torch.NewDisposeScope();
        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test);

        Assert.Equal(10_000, digits.Count);
        Assert.Equal([10_000L, 1L, 28L, 28L], digits.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, digits.Images.dtype);
        Assert.Equal(0f, digits.Images.min().item<float>());
        Assert.Equal(1f, digits.Images.max().item<float>());
        Assert.Equal([10_000L], digits.Labels.shape);
        Assert.Equal(torch.ScalarType.Int64, digits.Labels.dtype);
        Assert.Equal(0L, digits.Labels.min().item<long>());
        Assert.Equal(9L, digits.Labels.max().item<long>());
        var perDigit = torch.bincount(digits.Labels).data<long>().ToArray();
        Assert.Equal(10, perDigit.Length);
        Assert.All(perDigit, count => Assert.InRange(count, 800L, 1_200L));
        Assert.Equal(10_000L, perDigit.Sum());
    }

    [Fact]
    public void TheFirstHundredTestDigitsAreTheFilesBytesDividedBy255()
    {
        var pixels = Decompress(Path.Combine(RepositoryPaths.Mnist, TestImages)).AsSpan(16, 100 * 28 * 28).ToArray();
        var labels = Decompress(Path.Combine(RepositoryPaths.Mnist, TestLabels)).AsSpan(8, 100).ToArray();

        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 100);

        Assert.Equal(100, digits.Count);
        Assert.Equal([100L, 1L, 28L, 28L], digits.Images.shape);
        Assert.Equal(pixels.Select(pixel => pixel / 255f), digits.Images.data<float>().ToArray());
        Assert.Equal(labels.Select(label => (long)label), digits.Labels.data<long>().ToArray());
        Assert.Equal(7L, digits.Labels[0].item<long>());
    }

    [Fact]
    public void TheTrainSplitHasSixtyThousandDigits()
    {
        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train);

        Assert.Equal(60_000, digits.Count);
        Assert.Equal([60_000L, 1L, 28L, 28L], digits.Images.shape);
        Assert.Equal([60_000L], digits.Labels.shape);
        Assert.Equal(5L, digits.Labels[0].item<long>());
    }

    [Fact]
    public void ACountAboveTheSplitsSizeKeepsTheWholeSplit()
    {
        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 20_000);

        Assert.Equal(10_000, digits.Count);
    }

    [Fact]
    public void ACountOfZeroGivesNoDigits()
    {
        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 0);

        Assert.Equal(0, digits.Count);
        Assert.Equal([0L, 1L, 28L, 28L], digits.Images.shape);
    }

    [Fact]
    public void ANegativeCountIsRejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: -1));

        Assert.Equal("count", exception.ParamName);
    }

    [Fact]
    public void ACorruptImagesFileIsReportedAndLeftAsItWas()
    {
        using var copy = new DataFolderCopy();
        var bytes = File.ReadAllBytes(copy.PathOf(TestImages));
        bytes[bytes.Length / 2] ^= 0xff;
        copy.Write(TestImages, bytes);

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestImages), exception.Path);
        Assert.Contains(copy.PathOf(TestImages), exception.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", exception.Message, StringComparison.Ordinal);
        Assert.Contains("1a1a05eab793", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not changed", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"git checkout -- data/mnist/{TestImages}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedImagesFileIsReportedAndLeftAsItWas()
    {
        using var copy = new DataFolderCopy();
        var bytes = File.ReadAllBytes(copy.PathOf(TestImages));
        copy.Write(TestImages, bytes[..(bytes.Length / 2)]);

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestImages), exception.Path);
        Assert.Contains(copy.PathOf(TestImages), exception.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not changed", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"git checkout -- data/mnist/{TestImages}", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingLabelsFileIsReportedAndNotCreated()
    {
        using var copy = new DataFolderCopy();
        File.Delete(copy.PathOf(TestLabels));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestLabels), exception.Path);
        Assert.Contains($"{copy.PathOf(TestLabels)} is missing", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"git checkout -- data/mnist/{TestLabels}", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(copy.PathOf(TestLabels)));
    }

    [Fact]
    public void AMissingChecksumFileIsReportedAndNotCreated()
    {
        using var copy = new DataFolderCopy();
        File.Delete(copy.PathOf(ChecksumManifest.FileName));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(ChecksumManifest.FileName), exception.Path);
        Assert.Contains($"{copy.PathOf(ChecksumManifest.FileName)} is missing", exception.Message, StringComparison.Ordinal);
        Assert.Contains("git checkout -- data/mnist/SHA256SUMS", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(copy.PathOf(ChecksumManifest.FileName)));
    }

    [Fact]
    public void AMissingFolderIsReportedAndNotCreated()
    {
        using var copy = new DataFolderCopy();
        Directory.Delete(copy.Folder, recursive: true);

        var exception = Assert.Throws<DataFileException>(() => Mnist.Load(copy.Folder, MnistSplit.Test));

        Assert.Equal(copy.Folder, exception.Path);
        Assert.Contains($"{copy.Folder} does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Check the path", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(copy.Folder));
    }

    [Fact]
    public void AMalformedChecksumLineIsReportedWithItsNumberAndLeftAsItWas()
    {
        using var copy = new DataFolderCopy();
        var lines = File.ReadAllLines(copy.PathOf(ChecksumManifest.FileName));
        lines[1] = $"not-a-sha256  {TestLabels}";
        copy.Write(ChecksumManifest.FileName, System.Text.Encoding.ASCII.GetBytes(string.Join('\n', lines) + "\n"));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(ChecksumManifest.FileName), exception.Path);
        Assert.Contains($"{copy.PathOf(ChecksumManifest.FileName)} line 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"\"not-a-sha256  {TestLabels}\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWithTheListedChecksumButTheWrongMagicNumberIsNotTakenForImages()
    {
        using var copy = new DataFolderCopy();
        copy.WriteAndList(TestImages, File.ReadAllBytes(copy.PathOf(TestLabels)));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestImages), exception.Path);
        Assert.Contains($"{copy.PathOf(TestImages)} starts with magic number 2049, not 2051", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not an MNIST IDX file", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not changed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGzipOfGarbageWithTheListedChecksumIsNotAnIdxFile()
    {
        using var copy = new DataFolderCopy();
        var garbage = new byte[5_000];
        new Random(20).NextBytes(garbage);
        copy.WriteAndList(TestImages, Compress(garbage));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestImages), exception.Path);
        Assert.Contains("starts with magic number", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not an MNIST IDX file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BytesThatAreNotGzipWithTheListedChecksumAreNotAnIdxFile()
    {
        using var copy = new DataFolderCopy();
        copy.WriteAndList(TestLabels, System.Text.Encoding.ASCII.GetBytes("these are not the labels you are looking for"));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestLabels), exception.Path);
        Assert.Contains("is not valid gzip data", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not an MNIST IDX file", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelsThatDoNotMatchTheImageCountAreRejected()
    {
        using var copy = new DataFolderCopy();
        copy.WriteAndList(TestLabels, File.ReadAllBytes(copy.PathOf("train-labels-idx1-ubyte.gz")));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestLabels), exception.Path);
        Assert.Contains("labels for", exception.Message, StringComparison.Ordinal);
        Assert.Contains(TestImages, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImagesFileShorterThanItsHeaderPromisesIsRejected()
    {
        using var copy = new DataFolderCopy();
        var uncompressed = Decompress(copy.PathOf(TestImages));
        copy.WriteAndList(TestImages, Compress(uncompressed[..^784]));

        var exception = LoadFailsWithoutChangingAnything(copy);

        Assert.Equal(copy.PathOf(TestImages), exception.Path);
        Assert.Contains("pixel bytes where its header promises", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not an MNIST IDX file", exception.Message, StringComparison.Ordinal);
    }

    /// <summary>Loads the copy's test split, expecting a <see cref="DataFileException"/>, and checks no file changed.</summary>
    private static DataFileException LoadFailsWithoutChangingAnything(DataFolderCopy copy)
    {
        var before = copy.StateOfAll();

        var exception = Assert.Throws<DataFileException>(() => Mnist.Load(copy.Folder, MnistSplit.Test));

        Assert.Equal(before, copy.StateOfAll());
        return exception;
    }

    private static byte[] Decompress(string path)
    {
        using var input = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(bytes);
        }

        return output.ToArray();
    }
}
