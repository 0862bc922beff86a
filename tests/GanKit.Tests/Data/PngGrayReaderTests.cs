using System.Text;
using GanKit.Data;
using GanKit.Display;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>
/// Reading PNG files as gray levels (stb_image decodes, GanKit adds its checks and colour policy): round trips through
/// GanKit's own writer, hand-built files of every kind, and broken files.
/// </summary>
public sealed class PngGrayReaderTests
{
    [Theory]
    [InlineData(28, 28)]
    [InlineData(1, 1)]
    [InlineData(13, 5)]
    public void GrayPixelsRoundTripThroughGanKitsWriter(int width, int height)
    {
        var pixels = RandomBytes(width * height, seed: width);

        var image = PngGrayReader.Read(Written(width, height, 1, pixels));

        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void RgbPixelsRoundTripThroughGanKitsWriterAsTheirBt601Luminance()
    {
        const int width = 9, height = 7;
        var rgb = RandomBytes(width * height * 3, seed: 5);

        var image = PngGrayReader.Read(Written(width, height, 3, rgb));

        Assert.Equal((width, height), (image.Width, image.Height));
        var expected = Enumerable.Range(0, width * height).Select(pixel => Luminance(rgb[3 * pixel], rgb[(3 * pixel) + 1], rgb[(3 * pixel) + 2], 255));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void PrimaryColoursWhiteAndGraysGetTheBt601Levels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 77, 77, 77];

        var image = PngGrayReader.Read(Written(6, 1, 3, rgb));

        Assert.Equal([76, 150, 29, 255, 0, 77], image.Pixels);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    [InlineData(3, 0)]
    [InlineData(4, 0)]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 4)]
    [InlineData(1, 6)]
    [InlineData(3, 6)]
    [InlineData(4, 6)]
    public void EveryRowFilterDecodesToTheOriginalPixels(int filter, int colourType)
    {
        const int width = 6, height = 5;
        var channels = HandBuiltPng.Channels(colourType);
        var rows = Enumerable.Range(0, height).Select(row => RandomBytes(width * channels, seed: (10 * row) + filter)).ToArray();
        if (colourType is 4 or 6)
        {
            foreach (var row in rows)
            {
                for (var alpha = channels - 1; alpha < row.Length; alpha += channels)
                {
                    row[alpha] = 255;                   // opaque, so the colours show unchanged
                }
            }
        }

        var png = HandBuiltPng.Image(width, height, 8, colourType, rows, Enumerable.Repeat(filter, height).ToArray());

        var image = PngGrayReader.Read(png);

        Assert.Equal(ExpectedGray(rows, colourType), image.Pixels);
    }

    [Fact]
    public void RowsWithDifferentFiltersEachDecodeToTheOriginalPixels()
    {
        const int width = 28, height = 10;
        var rows = Enumerable.Range(0, height).Select(row => RandomBytes(width, seed: 100 + row)).ToArray();

        var png = HandBuiltPng.Image(width, height, 8, 0, rows, [1, 2, 3, 4, 0, 4, 3, 2, 1, 4]);

        Assert.Equal(rows.SelectMany(row => row), PngGrayReader.Read(png).Pixels);
    }

    [Fact]
    public void PaletteImagesDecodeToTheGrayOfEachPaletteColour()
    {
        byte[] palette = [0, 0, 0, 255, 255, 255, 255, 0, 0, 10, 20, 30];
        byte[][] rows = [[0, 1, 2, 3], [3, 2, 1, 0]];

        var image = PngGrayReader.Read(HandBuiltPng.Image(4, 2, 8, 3, rows, [0, 1], palette: palette));

        var grays = new byte[] { 0, 255, 76, Luminance(10, 20, 30, 255) };
        Assert.Equal(rows.SelectMany(row => row).Select(index => grays[index]), image.Pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void LowBitDepthGraySamplesAreScaledTo255(int bitDepth)
    {
        const int width = 11, height = 3;           // 11 samples do not fill whole bytes at any of these depths
        var maximum = (1 << bitDepth) - 1;
        var random = new Random(bitDepth);
        var samples = Enumerable.Range(0, height).Select(_ => Enumerable.Range(0, width).Select(_ => random.Next(maximum + 1)).ToArray()).ToArray();

        var png = HandBuiltPng.Image(width, height, bitDepth, 0, samples.Select(row => HandBuiltPng.Pack(row, bitDepth)).ToArray(), [1, 2, 4]);

        var image = PngGrayReader.Read(png);

        Assert.Equal(samples.SelectMany(row => row).Select(sample => (byte)(sample * 255 / maximum)), image.Pixels);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void LowBitDepthPaletteIndicesSelectTheirColours(int bitDepth)
    {
        const int width = 9, height = 2;
        var colours = 1 << bitDepth;
        var palette = Enumerable.Range(0, colours).SelectMany(index => new[] { (byte)(index * 7), (byte)(index * 13), (byte)(255 - index) }).ToArray();
        var random = new Random(30 + bitDepth);
        var indices = Enumerable.Range(0, height).Select(_ => Enumerable.Range(0, width).Select(_ => random.Next(colours)).ToArray()).ToArray();

        var png = HandBuiltPng.Image(width, height, bitDepth, 3, indices.Select(row => HandBuiltPng.Pack(row, bitDepth)).ToArray(), [0, 3], palette: palette);

        var image = PngGrayReader.Read(png);

        var expected = indices.SelectMany(row => row).Select(index => Luminance(palette[3 * index], palette[(3 * index) + 1], palette[(3 * index) + 2], 255));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void GrayAlphaIsCompositedOverBlack()
    {
        byte[][] rows = [[200, 255, 200, 0, 200, 128, 255, 128, 0, 77]];

        var image = PngGrayReader.Read(HandBuiltPng.Image(5, 1, 8, 4, rows, [0]));

        Assert.Equal([200, 0, 100, 128, 0], image.Pixels);      // 200 × 128 / 255 = 100.4; 255 × 128 / 255 = 128
    }

    [Fact]
    public void RgbaIsCompositedOverBlackSoTransparentPixelsAreBackground()
    {
        byte[][] rows = [[255, 255, 255, 0, 255, 0, 0, 255, 255, 255, 255, 51, 10, 20, 30, 200]];

        var image = PngGrayReader.Read(HandBuiltPng.Image(4, 1, 8, 6, rows, [4]));

        Assert.Equal([0, 76, 51, Luminance(10, 20, 30, 200)], image.Pixels);
    }

    [Fact]
    public void PaletteTransparencyFromTrnsIsCompositedOverBlack()
    {
        byte[] palette = [255, 255, 255, 255, 255, 255, 0, 255, 0];
        byte[][] rows = [[0, 1, 2]];

        var image = PngGrayReader.Read(HandBuiltPng.Image(3, 1, 8, 3, rows, [0], palette: palette, transparency: [0, 102]));

        Assert.Equal([0, 102, 150], image.Pixels);               // entries past the tRNS list stay opaque
    }

    [Fact]
    public void GrayAndRgbTrnsMakeTheirColourFullyTransparent()
    {
        var gray = PngGrayReader.Read(HandBuiltPng.Image(3, 1, 8, 0, [[255, 200, 255]], [0], transparency: [0, 255]));
        var rgb = PngGrayReader.Read(HandBuiltPng.Image(2, 1, 8, 2, [[1, 2, 3, 1, 2, 4]], [0], transparency: [0, 1, 0, 2, 0, 3]));

        Assert.Equal([0, 200, 0], gray.Pixels);
        Assert.Equal([0, Luminance(1, 2, 4, 255)], rgb.Pixels);
    }

    [Fact]
    public void ImageDataSplitOverSeveralIdatChunksAndAncillaryChunksAreRead()
    {
        const int width = 28, height = 28;
        var rows = Enumerable.Range(0, height).Select(row => RandomBytes(width, seed: 200 + row)).ToArray();
        var compressed = HandBuiltPng.Zlib(HandBuiltPng.Scanlines(rows, Enumerable.Repeat(4, height).ToArray(), 1));
        var third = compressed.Length / 3;

        var png = HandBuiltPng.File(
            HandBuiltPng.Chunk("IHDR", HandBuiltPng.Header(width, height, 8, 0)),
            HandBuiltPng.Chunk("tEXt", Encoding.Latin1.GetBytes("Comment\0a hand-made digit")),
            HandBuiltPng.Chunk("gAMA", [0, 0, 0xb1, 0x8f]),
            HandBuiltPng.Chunk("IDAT", compressed[..third]),
            HandBuiltPng.Chunk("IDAT", compressed[third..(2 * third)]),
            HandBuiltPng.Chunk("IDAT", []),            // allowed; StbImageSharp alone fails on it
            HandBuiltPng.Chunk("IDAT", compressed[(2 * third)..]),
            HandBuiltPng.Chunk("tIME", [0x07, 0xe9, 1, 2, 3, 4, 5]),
            HandBuiltPng.Chunk("IEND", []));

        Assert.Equal(rows.SelectMany(row => row), PngGrayReader.Read(png).Pixels);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("file,label\n00000.png,7\n", "but with 66696C652C6C6162")]
    [InlineData("\u00ff\u00d8\u00ff\u00e0 JFIF", "it looks like a JPEG")]
    [InlineData("GIF89a....", "it looks like a GIF")]
    public void BytesThatAreNotAPngAreRejected(string content, string detail)
    {
        // Passed to stb, the cut-off JPEG would keep it decoding for ever: the signature check must come first.
        var exception = Assert.Throws<InvalidDataException>(() => PngGrayReader.Read(Encoding.Latin1.GetBytes(content)));

        Assert.StartsWith("Not a PNG file", exception.Message, StringComparison.Ordinal);
        Assert.Contains(detail, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(-14)]
    [InlineData(-2)]
    public void AChangedChecksumAloneIsNotAnError(int position)
    {
        // Bytes 29–32 are IHDR's checksum, the 4 bytes before the last 12 IDAT's, the last 4 IEND's. stb ignores
        // checksums; a file whose pixels still decode is not the learner's problem.
        var pixels = RandomBytes(28 * 28, seed: 1);
        var png = Written(28, 28, 1, pixels);
        png[position < 0 ? png.Length + position : position] ^= 0x04;

        Assert.Equal(pixels, PngGrayReader.Read(png).Pixels);
    }

    [Theory]
    [InlineData(16, "too large")]
    [InlineData(41, "bad zlib header")]
    public void AFlippedBitThatBreaksDecodingIsReportedAsCorrupt(int position, string reason)
    {
        // Byte 16 is the top byte of IHDR's width, byte 41 the first byte of the image data's zlib stream.
        var png = Written(28, 28, 1, RandomBytes(28 * 28, seed: 1));
        png[position] ^= 0x04;

        var exception = Assert.Throws<InvalidDataException>(() => PngGrayReader.Read(png));

        Assert.Equal($"The PNG file is corrupt: the decoder stopped with \"{reason}\".", exception.Message);
    }

    [Theory]
    [InlineData(5, "inside the 8-byte signature")]
    [InlineData(12, "chunk header at byte 8 is cut off")]
    [InlineData(20, "chunk IHDR at byte 8 claims 13 data bytes")]
    [InlineData(60, "chunk IDAT at byte 33 claims")]
    [InlineData(-1, "chunk IEND")]
    [InlineData(-12, "without an IEND chunk")]
    public void ATruncatedFileIsReportedAsTruncated(int keep, string detail)
    {
        var png = Written(28, 28, 1, RandomBytes(28 * 28, seed: 2));
        var cut = png[..(keep < 0 ? png.Length + keep : keep)];

        var exception = Assert.Throws<InvalidDataException>(() => PngGrayReader.Read(cut));

        Assert.StartsWith("The PNG file is truncated", exception.Message, StringComparison.Ordinal);
        Assert.Contains(detail, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(28, 28, 0)]
    [InlineData(13, 11, 0)]
    [InlineData(13, 11, 2)]
    [InlineData(5, 3, 6)]
    [InlineData(1, 1, 4)]
    public void InterlacedImagesAreRead(int width, int height, int colourType)
    {
        var channels = HandBuiltPng.Channels(colourType);
        var rows = Enumerable.Range(0, height).Select(row => RandomBytes(width * channels, seed: 300 + row)).ToArray();

        var image = PngGrayReader.Read(HandBuiltPng.Image(width, height, 8, colourType, rows, new int[height], interlace: 1));

        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(ExpectedGray(rows, colourType), image.Pixels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(6)]
    public void SixteenBitSamplesAreReadByTheirHighByte(int colourType)
    {
        var channels = HandBuiltPng.Channels(colourType);
        var samples = RandomBytes(3 * 2 * channels, seed: 40 + colourType);     // big-endian: each high byte comes first

        var image = PngGrayReader.Read(HandBuiltPng.Image(3, 1, 16, colourType, [samples], [0]));

        var highBytes = samples.Where((_, index) => index % 2 == 0).ToArray();
        Assert.Equal(ExpectedGray([highBytes], colourType), image.Pixels);
    }

    [Theory]
    [InlineData("colour type 5", "bad ctype")]
    [InlineData("colour type 1", "bad ctype")]
    [InlineData("RGB at 4 bits", "not enough pixels")]
    [InlineData("gray at 3 bits", "1/2/4/8/16-bit only")]
    [InlineData("palette without PLTE", "no PLTE")]
    [InlineData("filter type 5", "invalid filter")]
    [InlineData("too little image data", "not enough pixels")]
    [InlineData("IDAT not zlib", "bad zlib header")]
    [InlineData("no IDAT", "no IDAT")]
    [InlineData("IDAT before IHDR", "first not IHDR")]
    [InlineData("unknown critical chunk", "ABCD")]
    [InlineData("zero width", "0-pixel image")]
    [InlineData("short IHDR", "bad IHDR len")]
    [InlineData("compression method 1", "bad comp method")]
    [InlineData("bad chunk name", "ID@T")]
    [InlineData("tRNS with alpha channel", "tRNS with alpha")]
    public void OtherMalformedFilesAreRejectedWithTheDecodersReason(string problem, string reason)
    {
        byte[][] threeRows = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
        var header = HandBuiltPng.Chunk("IHDR", HandBuiltPng.Header(3, 3, 8, 0));
        var end = HandBuiltPng.Chunk("IEND", []);
        byte[] Data(byte[][] rows, int[] filters) => HandBuiltPng.Chunk("IDAT", HandBuiltPng.Zlib(HandBuiltPng.Scanlines(rows, filters, 1)));
        var png = problem switch
        {
            "colour type 5" => HandBuiltPng.Image(3, 3, 8, 5, threeRows, [0, 0, 0]),
            "colour type 1" => HandBuiltPng.Image(3, 3, 8, 1, threeRows, [0, 0, 0]),
            "RGB at 4 bits" => HandBuiltPng.Image(3, 3, 4, 2, threeRows, [0, 0, 0]),
            "gray at 3 bits" => HandBuiltPng.Image(3, 3, 3, 0, threeRows, [0, 0, 0]),
            "palette without PLTE" => HandBuiltPng.Image(3, 3, 8, 3, [[0, 0, 0], [0, 0, 0], [0, 0, 0]], [0, 0, 0]),
            "filter type 5" => HandBuiltPng.File(header, HandBuiltPng.Chunk("IDAT", HandBuiltPng.Zlib([0, 1, 2, 3, 5, 4, 5, 6, 0, 7, 8, 9])), end),
            "too little image data" => HandBuiltPng.File(header, Data(threeRows[..2], [0, 0]), end),
            "IDAT not zlib" => HandBuiltPng.File(header, HandBuiltPng.Chunk("IDAT", Encoding.ASCII.GetBytes("no deflate stream here")), end),
            "no IDAT" => HandBuiltPng.File(header, end),
            "IDAT before IHDR" => HandBuiltPng.File(Data(threeRows, [0, 0, 0]), header, end),
            "unknown critical chunk" => HandBuiltPng.File(header, HandBuiltPng.Chunk("ABCD", [1]), Data(threeRows, [0, 0, 0]), end),
            "zero width" => HandBuiltPng.File(HandBuiltPng.Chunk("IHDR", HandBuiltPng.Header(0, 3, 8, 0)), Data(threeRows, [0, 0, 0]), end),
            "short IHDR" => HandBuiltPng.File(HandBuiltPng.Chunk("IHDR", HandBuiltPng.Header(3, 3, 8, 0)[..12]), Data(threeRows, [0, 0, 0]), end),
            "compression method 1" => HandBuiltPng.File(HandBuiltPng.Chunk("IHDR", [.. HandBuiltPng.Header(3, 3, 8, 0)[..10], 1, 0, 0]), Data(threeRows, [0, 0, 0]), end),
            "bad chunk name" => HandBuiltPng.File(header, HandBuiltPng.Chunk("ID@T", [1]), Data(threeRows, [0, 0, 0]), end),
            "tRNS with alpha channel" => HandBuiltPng.Image(1, 1, 8, 6, [[1, 2, 3, 4]], [0], transparency: [0, 1]),
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "unknown case"),
        };

        var exception = Assert.Throws<InvalidDataException>(() => PngGrayReader.Read(png));

        Assert.Equal($"The PNG file is corrupt: the decoder stopped with \"{reason}\".", exception.Message);
    }

    [Fact]
    public void OutOfSpecFilesThatStillDecodeAreRead()
    {
        // stb reads a palette index past the PLTE chunk as black and ignores image data past the last row.
        byte[][] threeRows = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
        var header = HandBuiltPng.Chunk("IHDR", HandBuiltPng.Header(3, 3, 8, 0));
        var tooMuchData = HandBuiltPng.Chunk("IDAT", HandBuiltPng.Zlib(HandBuiltPng.Scanlines([.. threeRows, [10, 11, 12]], [0, 0, 0, 0], 1)));
        var pastThePalette = HandBuiltPng.Image(3, 3, 8, 3, [[0, 1, 0], [0, 0, 2], [0, 0, 0]], [0, 0, 0], palette: [0, 0, 0, 9, 9, 9]);

        Assert.Equal(threeRows.SelectMany(row => row), PngGrayReader.Read(HandBuiltPng.File(header, tooMuchData, HandBuiltPng.Chunk("IEND", []))).Pixels);
        Assert.Equal([0, 9, 0, 0, 0, 0, 0, 0, 0], PngGrayReader.Read(pastThePalette).Pixels);
    }

    private static byte[] ExpectedGray(byte[][] rows, int colourType) => colourType switch
    {
        0 => rows.SelectMany(row => row).ToArray(),
        2 => rows.SelectMany(row => row.Chunk(3).Select(pixel => Luminance(pixel[0], pixel[1], pixel[2], 255))).ToArray(),
        4 => rows.SelectMany(row => row.Chunk(2).Select(pixel => Luminance(pixel[0], pixel[0], pixel[0], pixel[1]))).ToArray(),
        6 => rows.SelectMany(row => row.Chunk(4).Select(pixel => Luminance(pixel[0], pixel[1], pixel[2], pixel[3]))).ToArray(),
        _ => throw new ArgumentOutOfRangeException(nameof(colourType)),
    };

    /// <summary>round((0.299 R + 0.587 G + 0.114 B) × A / 255), in exact decimal arithmetic with halves rounded up.</summary>
    private static byte Luminance(int red, int green, int blue, int alpha) =>
        (byte)Math.Round(((0.299m * red) + (0.587m * green) + (0.114m * blue)) * alpha / 255m, MidpointRounding.AwayFromZero);

    private static byte[] Written(int width, int height, int channels, byte[] pixels) => PngImage.Encode(pixels, width, height, channels).Bytes;

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
