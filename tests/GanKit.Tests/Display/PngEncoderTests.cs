using System.Text;
using GanKit.Display;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>PngEncoder's output, decoded by the test's own reader.</summary>
public sealed class PngEncoderTests
{
    [Fact]
    public void TheTestsCrcGivesTheStandardCheckValue()
    {
        // The published check value of CRC-32/ISO-HDLC, so the reader's CRC check means something.
        Assert.Equal(0xcbf43926u, PngTestReader.Crc32(Encoding.ASCII.GetBytes("123456789")));
    }

    [Fact]
    public void TheTestsReaderRejectsAPngWithOneByteChanged()
    {
        var png = PngEncoder.Encode(5, 3, 1, Pattern(5 * 3, seed: 1));
        png[png.Length - 20] ^= 0x01;

        var exception = Assert.Throws<InvalidDataException>(() => PngTestReader.Decode(png));

        Assert.Contains("CRC of chunk IDAT", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AGrayImageOfOddSizeDecodesToTheSamePixels()
    {
        var pixels = Pattern(5 * 3, seed: 1);

        var decoded = PngTestReader.Decode(PngEncoder.Encode(5, 3, 1, pixels));

        Assert.Equal(5, decoded.Width);
        Assert.Equal(3, decoded.Height);
        Assert.Equal(8, decoded.BitDepth);
        Assert.Equal(0, decoded.ColourType);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void AnRgbImageOfOddSizeDecodesToTheSamePixels()
    {
        var pixels = Pattern(7 * 5 * 3, seed: 2);

        var decoded = PngTestReader.Decode(PngEncoder.Encode(7, 5, 3, pixels));

        Assert.Equal(7, decoded.Width);
        Assert.Equal(5, decoded.Height);
        Assert.Equal(8, decoded.BitDepth);
        Assert.Equal(2, decoded.ColourType);
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void ALargerNoisyRgbImageDecodesToTheSamePixels()
    {
        var pixels = new byte[257 * 131 * 3];
        new Random(3).NextBytes(pixels);

        var decoded = PngTestReader.Decode(PngEncoder.Encode(257, 131, 3, pixels));

        Assert.Equal((257, 131), (decoded.Width, decoded.Height));
        Assert.Equal(pixels, decoded.Pixels);
    }

    [Fact]
    public void ASinglePixelImageDecodes()
    {
        var decoded = PngTestReader.Decode(PngEncoder.Encode(1, 1, 1, [200]));

        Assert.Equal((1, 1), (decoded.Width, decoded.Height));
        Assert.Equal([200], decoded.Pixels);
    }

    [Fact]
    public void TheFileIsSignatureHeaderImageDataAndTheStandardEnd()
    {
        var png = PngEncoder.Encode(3, 2, 3, Pattern(3 * 2 * 3, seed: 4));

        Assert.Equal(["IHDR", "IDAT", "IEND"], PngTestReader.Decode(png).ChunkTypes);
        // Every PNG ends with the same IEND chunk: length 0, "IEND", CRC AE 42 60 82.
        Assert.Equal([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82], png[^12..]);
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(3, 0)]
    [InlineData(-2, 3)]
    [InlineData(3, -2)]
    public void ANonPositiveSizeIsRejected(int width, int height)
    {
        var exception = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(width, height, 1, []));

        Assert.Contains("positive size", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"{width}×{height}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    public void ChannelCountsOtherThanOneOrThreeAreRejected(int channels)
    {
        var exception = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(2, 2, channels, new byte[2 * 2 * Math.Max(channels, 1)]));

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
        var exception = Assert.Throws<ArgumentException>(() => PngEncoder.Encode(5, 3, channels, new byte[length]));

        Assert.Equal("pixels", exception.ParamName);
        Assert.Contains($"needs {5 * 3 * channels} bytes, got {length}", exception.Message, StringComparison.Ordinal);
    }

    private static byte[] Pattern(int length, int seed) =>
        Enumerable.Range(0, length).Select(index => (byte)(((index * 37) + (seed * 101)) % 256)).ToArray();
}
