using System.Buffers.Binary;
using System.Text;
using GanKit.Display;
using GanKit.Tests.Data;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>PngImage's encoding (read back with StbImageSharp), its file's structure and checksums, and its Save.</summary>
public sealed class PngImageTests
{
    [Fact]
    public void TheTestsCrcGivesTheStandardCheckValue()
    {
        // The published check value of CRC-32/ISO-HDLC, so the checksum test below means something.
        Assert.Equal(0xcbf43926u, HandBuiltPng.Crc32(Encoding.ASCII.GetBytes("123456789")));
    }

    [Theory]
    [InlineData(5, 3, 1)]
    [InlineData(7, 5, 3)]
    [InlineData(257, 131, 3)]
    [InlineData(1, 1, 1)]
    public void PixelsDecodeToTheSameValues(int width, int height, int channels)
    {
        var pixels = new byte[width * height * channels];
        new Random(width).NextBytes(pixels);

        var image = PngImage.Encode(pixels, width, height, channels);
        var decoded = DecodedPng.Of(image.Bytes);

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal((width, height, 8, channels), (decoded.Width, decoded.Height, decoded.BitsPerChannel, decoded.Channels));
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void TheFileIsSignatureHeaderImageDataAndTheStandardEndWithCorrectChecksums()
    {
        // stb_image ignores checksums, but browsers and image viewers do not: check every chunk's here.
        var png = PngImage.Encode(Enumerable.Range(0, 3 * 2 * 3).Select(index => (byte)(index * 37)).ToArray(), 3, 2, 3).Bytes;

        Assert.Equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], png[..8]);
        var types = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            types.Add(Encoding.ASCII.GetString(png, at + 4, 4));
            Assert.Equal(HandBuiltPng.Crc32(png.AsSpan(at + 4, 4 + length)), BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length)));
            at += 12 + length;
        }

        Assert.Equal("IHDR", types[0]);
        Assert.All(types[1..^1], type => Assert.Equal("IDAT", type));
        // Every PNG ends with the same IEND chunk: length 0, "IEND", CRC AE 42 60 82.
        Assert.Equal([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], png[^12..]);
    }

    [Fact]
    public void SaveWritesTheBytesReplacingAnEarlierPictureAndLeavesNoTemporaryFile()
    {
        var folder = Directory.CreateTempSubdirectory("gankit-png-image-test-");
        try
        {
            var path = Path.Combine(folder.FullName, "grids", "grid.png");
            PngImage.Encode([1, 2, 3, 4], 2, 2, 1).Save(path);
            var second = PngImage.Encode([9, 8, 7, 6], 2, 2, 1);

            second.Save(path);

            Assert.Equal(second.Bytes, File.ReadAllBytes(path));
            Assert.Equal([path], Directory.GetFiles(Path.GetDirectoryName(path)!));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(-2, 3)]
    [InlineData(3, -2)]
    public void ANonPositiveSizeIsRejected(int width, int height)
    {
        var exception = Assert.Throws<ArgumentException>(() => PngImage.Encode([], width, height, 1));

        Assert.Contains("positive size", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{width}×{height}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void ChannelCountsOtherThanOneOrThreeAreRejected(int channels)
    {
        var exception = Assert.Throws<ArgumentException>(() => PngImage.Encode(new byte[2 * 2 * Math.Max(channels, 1)], 2, 2, channels));

        Assert.Equal("channels", exception.ParamName);
        Assert.Contains($"not {channels} channels", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 14)]
    [InlineData(1, 16)]
    [InlineData(3, 44)]
    [InlineData(3, 0)]
    public void APixelCountThatDoesNotMatchTheSizeIsRejected(int channels, int length)
    {
        var exception = Assert.Throws<ArgumentException>(() => PngImage.Encode(new byte[length], 5, 3, channels));

        Assert.Equal("pixels", exception.ParamName);
        Assert.Contains($"needs {5 * 3 * channels} bytes, got {length}", exception.Message, StringComparison.Ordinal);
    }
}
