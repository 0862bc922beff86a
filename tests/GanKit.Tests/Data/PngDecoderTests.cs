using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using GanKit.Data;
using GanKit.Display;
using GanKit.Tests.Display;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>Decoding PNG files to gray levels: encoder round trips, hand-built files of every kind, and broken files.</summary>
public sealed class PngDecoderTests
{
    [Theory]
    [InlineData(28, 28)]
    [InlineData(1, 1)]
    [InlineData(13, 5)]
    public void GrayPixelsRoundTripThroughTheEncoder(int width, int height)
    {
        var pixels = RandomBytes(width * height, seed: width);

        var image = PngDecoder.Decode(PngEncoder.Encode(width, height, 1, pixels));

        Assert.Equal(width, image.Width);
        Assert.Equal(height, image.Height);
        Assert.Equal(pixels, image.Pixels);
    }

    [Fact]
    public void RgbPixelsRoundTripThroughTheEncoderAsTheirBt601Luminance()
    {
        const int width = 9, height = 7;
        var rgb = RandomBytes(width * height * 3, seed: 5);

        var image = PngDecoder.Decode(PngEncoder.Encode(width, height, 3, rgb));

        Assert.Equal((width, height), (image.Width, image.Height));
        var expected = Enumerable.Range(0, width * height).Select(pixel => Luminance(rgb[3 * pixel], rgb[(3 * pixel) + 1], rgb[(3 * pixel) + 2], 255));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void PrimaryColoursWhiteAndGraysGetTheBt601Levels()
    {
        byte[] rgb = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 77, 77, 77];

        var image = PngDecoder.Decode(PngEncoder.Encode(6, 1, 3, rgb));

        Assert.Equal([76, 150, 29, 255, 0, 77], image.Pixels);
        Assert.Equal(150, image.At(1, 0));
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

        var image = PngDecoder.Decode(png);

        Assert.Equal(ExpectedGray(rows, colourType), image.Pixels);
    }

    [Fact]
    public void RowsWithDifferentFiltersEachDecodeToTheOriginalPixels()
    {
        const int width = 28, height = 10;
        var rows = Enumerable.Range(0, height).Select(row => RandomBytes(width, seed: 100 + row)).ToArray();

        var png = HandBuiltPng.Image(width, height, 8, 0, rows, [1, 2, 3, 4, 0, 4, 3, 2, 1, 4]);

        Assert.Equal(rows.SelectMany(row => row), PngDecoder.Decode(png).Pixels);
    }

    [Fact]
    public void PaletteImagesDecodeToTheGrayOfEachPaletteColour()
    {
        byte[] palette = [0, 0, 0, 255, 255, 255, 255, 0, 0, 10, 20, 30];
        byte[][] rows = [[0, 1, 2, 3], [3, 2, 1, 0]];

        var image = PngDecoder.Decode(HandBuiltPng.Image(4, 2, 8, 3, rows, [0, 1], palette: palette));

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

        var image = PngDecoder.Decode(png);

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

        var image = PngDecoder.Decode(png);

        var expected = indices.SelectMany(row => row).Select(index => Luminance(palette[3 * index], palette[(3 * index) + 1], palette[(3 * index) + 2], 255));
        Assert.Equal(expected, image.Pixels);
    }

    [Fact]
    public void GrayAlphaIsCompositedOverBlack()
    {
        byte[][] rows = [[200, 255, 200, 0, 200, 128, 255, 128, 0, 77]];

        var image = PngDecoder.Decode(HandBuiltPng.Image(5, 1, 8, 4, rows, [0]));

        Assert.Equal([200, 0, 100, 128, 0], image.Pixels);      // 200 × 128 / 255 = 100.4; 255 × 128 / 255 = 128
    }

    [Fact]
    public void RgbaIsCompositedOverBlackSoTransparentPixelsAreBackground()
    {
        byte[][] rows = [[255, 255, 255, 0, 255, 0, 0, 255, 255, 255, 255, 51, 10, 20, 30, 200]];

        var image = PngDecoder.Decode(HandBuiltPng.Image(4, 1, 8, 6, rows, [4]));

        Assert.Equal([0, 76, 51, Luminance(10, 20, 30, 200)], image.Pixels);
    }

    [Fact]
    public void PaletteTransparencyFromTrnsIsCompositedOverBlack()
    {
        byte[] palette = [255, 255, 255, 255, 255, 255, 0, 255, 0];
        byte[][] rows = [[0, 1, 2]];

        var image = PngDecoder.Decode(HandBuiltPng.Image(3, 1, 8, 3, rows, [0], palette: palette, transparency: [0, 102]));

        Assert.Equal([0, 102, 150], image.Pixels);               // entries past the tRNS list stay opaque
    }

    [Fact]
    public void GrayAndRgbTrnsMakeTheirColourFullyTransparent()
    {
        var gray = PngDecoder.Decode(HandBuiltPng.Image(3, 1, 8, 0, [[255, 200, 255]], [0], transparency: [0, 255]));
        var rgb = PngDecoder.Decode(HandBuiltPng.Image(2, 1, 8, 2, [[1, 2, 3, 1, 2, 4]], [0], transparency: [0, 1, 0, 2, 0, 3]));

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
            HandBuiltPng.Chunk("IDAT", []),
            HandBuiltPng.Chunk("IDAT", compressed[(2 * third)..]),
            HandBuiltPng.Chunk("tIME", [0x07, 0xe9, 1, 2, 3, 4, 5]),
            HandBuiltPng.Chunk("IEND", []));

        Assert.Equal(rows.SelectMany(row => row), PngDecoder.Decode(png).Pixels);
    }

    [Theory]
    [InlineData("", "it is empty")]
    [InlineData("file,label\n00000.png,7\n", "but with 66696C652C6C6162")]
    [InlineData("\u00ff\u00d8\u00ff\u00e0 JFIF", "it looks like a JPEG")]
    [InlineData("GIF89a....", "it looks like a GIF")]
    public void BytesThatAreNotAPngAreRejected(string content, string detail)
    {
        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(Encoding.Latin1.GetBytes(content)));

        Assert.StartsWith("Not a PNG file", exception.Message, StringComparison.Ordinal);
        Assert.Contains(detail, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("IHDR", 16)]
    [InlineData("IHDR", 30)]
    [InlineData("IDAT", 45)]
    [InlineData("IEND", -2)]
    public void AFlippedBitFailsTheCrcOfItsChunk(string chunk, int position)
    {
        var png = PngEncoder.Encode(28, 28, 1, RandomBytes(28 * 28, seed: 1));
        png[position < 0 ? png.Length + position : position] ^= 0x04;

        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains($"Bad CRC in chunk {chunk}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", exception.Message, StringComparison.Ordinal);
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
        var png = PngEncoder.Encode(28, 28, 1, RandomBytes(28 * 28, seed: 2));
        var cut = png[..(keep < 0 ? png.Length + keep : keep)];

        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(cut));

        Assert.StartsWith("The PNG file is truncated", exception.Message, StringComparison.Ordinal);
        Assert.Contains(detail, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InterlacedImagesAreRejectedWithAClearMessage()
    {
        var png = HandBuiltPng.Image(2, 2, 8, 0, [[1, 2], [3, 4]], [0, 0], interlace: 1);

        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Equal("Interlaced (Adam7) PNGs are not supported: re-save the image without interlacing.", exception.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(6)]
    public void SixteenBitImagesAreRejectedWithAClearMessage(int colourType)
    {
        var channels = HandBuiltPng.Channels(colourType);
        var png = HandBuiltPng.Image(2, 1, 16, colourType, [new byte[2 * 2 * channels]], [0]);

        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains("16-bit PNGs are not supported", exception.Message, StringComparison.Ordinal);
        Assert.Contains($"colour type {colourType}", exception.Message, StringComparison.Ordinal);
        Assert.Contains("re-save the image with 8 bits per channel", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("colour type 5", "Unsupported colour type 5")]
    [InlineData("colour type 1", "Unsupported colour type 1")]
    [InlineData("RGB at 4 bits", "bit depth 4 is not allowed with colour type 2")]
    [InlineData("gray at 3 bits", "bit depth 3 is not allowed with colour type 0")]
    [InlineData("palette without PLTE", "palette image (colour type 3) without a PLTE chunk")]
    [InlineData("palette index past PLTE", "uses palette index 2, but the PLTE chunk has only 2 colours")]
    [InlineData("filter type 5", "row 1 uses filter type 5")]
    [InlineData("too little image data", "truncated: its image data inflates to 8 bytes, but 3×3 pixels need 12")]
    [InlineData("too much image data", "inflates to more than the 12 bytes 3×3 pixels need")]
    [InlineData("IDAT not zlib", "its image data (IDAT) is not valid zlib data")]
    [InlineData("no IDAT", "it has no IDAT chunk")]
    [InlineData("IDAT before IHDR", "the first chunk is IDAT, not IHDR")]
    [InlineData("unknown critical chunk", "unknown critical chunk ABCD")]
    [InlineData("zero width", "its IHDR gives the size 0×3")]
    [InlineData("short IHDR", "its IHDR chunk has 12 bytes, not 13")]
    [InlineData("compression method 1", "compression method 1")]
    [InlineData("bad chunk name", "which is not a chunk name")]
    [InlineData("tRNS with alpha channel", "tRNS chunk, which colour type 6")]
    public void OtherMalformedFilesAreRejectedWithAMessageSayingWhatIsWrong(string problem, string message)
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
            "palette index past PLTE" => HandBuiltPng.Image(3, 3, 8, 3, [[0, 1, 0], [0, 0, 2], [0, 0, 0]], [0, 0, 0], palette: [0, 0, 0, 9, 9, 9]),
            "filter type 5" => HandBuiltPng.File(header, HandBuiltPng.Chunk("IDAT", HandBuiltPng.Zlib([0, 1, 2, 3, 5, 4, 5, 6, 0, 7, 8, 9])), end),
            "too little image data" => HandBuiltPng.File(header, Data(threeRows[..2], [0, 0]), end),
            "too much image data" => HandBuiltPng.File(header, Data([.. threeRows, [10, 11, 12]], [0, 0, 0, 0]), end),
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

        var exception = Assert.Throws<InvalidDataException>(() => PngDecoder.Decode(png));

        Assert.Contains(message, exception.Message, StringComparison.Ordinal);
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

    private static byte[] RandomBytes(int count, int seed)
    {
        var bytes = new byte[count];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}

/// <summary>
/// The tests' own PNG writer, independent of GanKit's encoder and decoder: any IHDR, any filter per row, palette, tRNS,
/// interlace flag and chunk order, with CRCs from <see cref="PngTestReader.Crc32"/>.
/// </summary>
internal static class HandBuiltPng
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    public static int Channels(int colourType) => colourType switch
    {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };

    /// <summary>
    /// A whole file: IHDR, PLTE and tRNS if given, one IDAT with <paramref name="rows"/> (raw bytes, unfiltered) filtered
    /// by <paramref name="filters"/>, IEND.
    /// </summary>
    public static byte[] Image(int width, int height, int bitDepth, int colourType, byte[][] rows, int[] filters,
        byte[]? palette = null, byte[]? transparency = null, int interlace = 0)
    {
        var step = Math.Max(1, Channels(colourType) * bitDepth / 8);
        var chunks = new List<byte[]> { Chunk("IHDR", Header(width, height, bitDepth, colourType, interlace)) };
        if (palette is not null)
        {
            chunks.Add(Chunk("PLTE", palette));
        }

        if (transparency is not null)
        {
            chunks.Add(Chunk("tRNS", transparency));
        }

        chunks.Add(Chunk("IDAT", Zlib(Scanlines(rows, filters, step))));
        chunks.Add(Chunk("IEND", []));
        return File([.. chunks]);
    }

    public static byte[] Header(int width, int height, int bitDepth, int colourType, int interlace = 0)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colourType;
        header[12] = (byte)interlace;
        return header;
    }

    public static byte[] Chunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), PngTestReader.Crc32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(chunk => chunk)];

    public static byte[] Zlib(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>Each row preceded by its filter byte and filtered as the PNG specification says; <paramref name="step"/> is the bytes per pixel (at least 1).</summary>
    public static byte[] Scanlines(byte[][] rows, int[] filters, int step)
    {
        var output = new List<byte>();
        var previous = new byte[rows[0].Length];
        for (var index = 0; index < rows.Length; index++)
        {
            var row = rows[index];
            output.Add((byte)filters[index]);
            for (var at = 0; at < row.Length; at++)
            {
                int left = at >= step ? row[at - step] : 0, up = previous[at], upLeft = at >= step ? previous[at - step] : 0;
                var predictor = filters[index] switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => 0,
                };
                output.Add((byte)(row[at] - predictor));
            }

            previous = row;
        }

        return [.. output];
    }

    /// <summary>Packs samples of <paramref name="bitDepth"/> bits (1, 2 or 4) into bytes, high bits first, the last byte padded with zeros.</summary>
    public static byte[] Pack(int[] samples, int bitDepth)
    {
        var bytes = new byte[((samples.Length * bitDepth) + 7) / 8];
        for (var index = 0; index < samples.Length; index++)
        {
            var bit = index * bitDepth;
            bytes[bit / 8] |= (byte)(samples[index] << (8 - bitDepth - (bit % 8)));
        }

        return bytes;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left), toUp = Math.Abs(estimate - up), toUpLeft = Math.Abs(estimate - upLeft);
        if (toLeft <= toUp && toLeft <= toUpLeft)
        {
            return left;
        }

        return toUp <= toUpLeft ? up : upLeft;
    }
}
