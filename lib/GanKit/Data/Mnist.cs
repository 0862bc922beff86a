using System.Buffers.Binary;
using System.IO.Compression;
using TorchSharp;

namespace GanKit.Data;

/// <summary>Which half of MNIST to load.</summary>
public enum MnistSplit
{
    /// <summary>The 60,000 training digits.</summary>
    Train,

    /// <summary>The 10,000 test digits.</summary>
    Test,
}

/// <summary>Digits as tensors: <c>Images</c> is (N, 1, 28, 28) float32 in [0, 1] (0 = background), <c>Labels</c> is (N) int64.</summary>
public sealed record MnistDigits(torch.Tensor Images, torch.Tensor Labels) : IDisposable
{
    public long Count => Labels.shape[0];

    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}

/// <summary>
/// Loads MNIST from the four gzip-compressed IDX files in <c>data/mnist/</c>, checked against <c>SHA256SUMS</c>, straight
/// into one tensor per split. Introduced in chapter 01; chapter 05 trains on it.
/// </summary>
public static class Mnist
{
    /// <summary>Side length of an MNIST image in pixels.</summary>
    public const int ImageSize = 28;

    private const int ImagesMagic = 2051;
    private const int LabelsMagic = 2049;

    /// <summary>
    /// Loads a split from <paramref name="folder"/> (from a notebook: <c>../data/mnist</c>), keeping the first
    /// <paramref name="count"/> digits if given (the whole files are still verified), on the CPU unless told otherwise.
    /// </summary>
    /// <exception cref="DataFileException">A file is missing, corrupt, truncated or not an MNIST IDX file.</exception>
    public static MnistDigits Load(string folder, MnistSplit split, int? count = null, torch.Device? device = null)
    {
        var manifest = ChecksumManifest.Read(folder);
        var (imagesFile, labelsFile) = FileNames(split);

        var images = Decompress(manifest, imagesFile);
        var labels = Decompress(manifest, labelsFile);
        var imageCount = ReadHeader(images, ImagesMagic, dimensions: 3, manifest, imagesFile, out var imageShape);
        var labelCount = ReadHeader(labels, LabelsMagic, dimensions: 1, manifest, labelsFile, out _);
        if (imageShape[1] != ImageSize || imageShape[2] != ImageSize)
        {
            throw Invalid(manifest, imagesFile, $"holds {imageShape[1]}×{imageShape[2]} images, not {ImageSize}×{ImageSize}");
        }

        if (imageCount != labelCount)
        {
            throw Invalid(manifest, labelsFile, $"has {labelCount} labels for {imageCount} images in {imagesFile}");
        }

        var kept = Math.Min(count ?? imageCount, imageCount);
        if (kept < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The number of digits to load cannot be negative.");
        }

        const int imagesHeader = 16;
        const int labelsHeader = 8;
        var pixelsPerImage = ImageSize * ImageSize;
        if (images.Length != imagesHeader + ((long)imageCount * pixelsPerImage))
        {
            throw Invalid(manifest, imagesFile, $"has {images.Length - imagesHeader} pixel bytes where its header promises {(long)imageCount * pixelsPerImage}");
        }

        if (labels.Length != labelsHeader + labelCount)
        {
            throw Invalid(manifest, labelsFile, $"has {labels.Length - labelsHeader} label bytes where its header promises {labelCount}");
        }

        var labelBytes = labels.AsSpan(labelsHeader, kept).ToArray();
        if (labelBytes.Any(label => label > 9))
        {
            throw Invalid(manifest, labelsFile, "holds a label outside 0–9");
        }

        var target = device ?? torch.CPU;
        using var scope = torch.NewDisposeScope();
        // Made on the CPU, where the bytes are, and moved as bytes: a quarter of the floats.
        var pixelTensor = torch.tensor(images.AsSpan(imagesHeader, kept * pixelsPerImage).ToArray(), [kept, 1, ImageSize, ImageSize], torch.uint8, device: torch.CPU);
        var imageTensor = pixelTensor.to(target).to(torch.float32).div_(255f);
        var labelTensor = torch.tensor(labelBytes, [kept], torch.uint8, device: torch.CPU).to(target).to(torch.int64);
        return new MnistDigits(imageTensor.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Checks that a split's two files are there and intact (their SHA-256 is the one listed) without loading them: for
    /// a run that needs them only at its end, so a damaged file is reported before training rather than after.
    /// </summary>
    /// <exception cref="DataFileException">A file is missing, corrupt or truncated, or the checksum file is.</exception>
    public static void Verify(string folder, MnistSplit split)
    {
        var manifest = ChecksumManifest.Read(folder);
        var (imagesFile, labelsFile) = FileNames(split);
        manifest.ReadVerified(imagesFile);
        manifest.ReadVerified(labelsFile);
    }

    private static (string Images, string Labels) FileNames(MnistSplit split)
    {
        var prefix = split == MnistSplit.Train ? "train" : "t10k";
        return ($"{prefix}-images-idx3-ubyte.gz", $"{prefix}-labels-idx1-ubyte.gz");
    }

    private static byte[] Decompress(ChecksumManifest manifest, string fileName)
    {
        var compressed = manifest.ReadVerified(fileName);
        try
        {
            using var input = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            input.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException exception)
        {
            throw Invalid(manifest, fileName, $"is not valid gzip data ({exception.Message})");
        }
    }

    private static int ReadHeader(byte[] bytes, int magic, int dimensions, ChecksumManifest manifest, string fileName, out int[] shape)
    {
        var headerLength = 4 + (4 * dimensions);
        if (bytes.Length < headerLength)
        {
            throw Invalid(manifest, fileName, "is shorter than an IDX header");
        }

        var foundMagic = BinaryPrimitives.ReadInt32BigEndian(bytes);
        if (foundMagic != magic)
        {
            throw Invalid(manifest, fileName, $"starts with magic number {foundMagic}, not {magic}");
        }

        shape = new int[dimensions];
        for (var index = 0; index < dimensions; index++)
        {
            shape[index] = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * index)));
            if (shape[index] < 0)
            {
                throw Invalid(manifest, fileName, $"has a negative size {shape[index]} in its header");
            }
        }

        return shape[0];
    }

    private static DataFileException Invalid(ChecksumManifest manifest, string fileName, string problem)
    {
        var path = Path.Combine(manifest.Folder, fileName);
        return new DataFileException(path, $"{path} {problem}, so it is not an MNIST IDX file. It was not changed; restore it with 'git checkout -- data/mnist'.");
    }
}
