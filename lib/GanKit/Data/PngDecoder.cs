using System.Buffers.Binary;
using System.IO.Compression;
using GanKit.Display;

namespace GanKit.Data;

/// <summary>A decoded picture as 8-bit gray levels, row by row (0 = black, 255 = white). Introduced in chapter 05.</summary>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
/// <param name="Pixels">The gray levels, <paramref name="Width"/> × <paramref name="Height"/> bytes, row by row.</param>
public sealed record GrayImage(int Width, int Height, byte[] Pixels)
{
    /// <summary>The gray level at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte At(int x, int y) => Pixels[(y * Width) + x];
}

/// <summary>
/// Reads a PNG file into 8-bit gray levels, in managed code only (for the reason <see cref="Display.PngEncoder"/> gives:
/// no second SkiaSharp can load in a notebook). Reads what real-world digit PNGs use: gray (colour type 0, 1/2/4/8 bits),
/// RGB (2, 8 bits), palette (3, 1/2/4/8 bits, with <c>PLTE</c>), gray + alpha (4, 8 bits) and RGBA (6, 8 bits), with all
/// five row filters. Colour becomes luminance with the ITU-R BT.601 weights, round(0.299 R + 0.587 G + 0.114 B).
/// Transparency (an alpha channel, or a <c>tRNS</c> chunk) is composited over black, gray × alpha / 255 rounded, so a
/// fully transparent pixel is background (0, as in MNIST) whatever colour it stores; black ink on a transparent
/// background therefore comes out all black. 16-bit samples and interlaced (Adam7) files are rejected. Every chunk's
/// CRC is checked. Introduced in chapter 05.
/// </summary>
public static class PngDecoder
{
    /// <summary>The largest image data (filter bytes included) the decoder inflates: 256 MiB.</summary>
    private const long MaxImageDataBytes = 256L * 1024 * 1024;

    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Decodes a whole PNG file into gray levels. Introduced in chapter 05.</summary>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a PNG, are truncated or corrupt (bad CRC, bad zlib data, wrong amount of image data), or use
    /// a feature the decoder does not read (16-bit samples, interlacing); the message says which.
    /// </exception>
    public static GrayImage Decode(ReadOnlySpan<byte> png)
    {
        CheckSignature(png);

        Header? header = null;
        byte[]? palette = null;
        byte[]? transparency = null;
        var imageData = new MemoryStream();
        var offset = Signature.Length;
        var ended = false;
        while (!ended)
        {
            if (offset == png.Length)
            {
                throw Truncated($"it ends after {offset} bytes without an IEND chunk");
            }

            if (png.Length - offset < 8)
            {
                throw Truncated($"the chunk header at byte {offset} is cut off");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png[offset..]);
            var typeBytes = png.Slice(offset + 4, 4);
            foreach (var letter in typeBytes)
            {
                if (!char.IsAsciiLetter((char)letter))
                {
                    throw Corrupt($"the chunk at byte {offset} has type bytes {Convert.ToHexString(typeBytes)}, which is not a chunk name");
                }
            }

            var type = System.Text.Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue)
            {
                throw Corrupt($"chunk {type} at byte {offset} claims {length} bytes, more than a PNG chunk may hold");
            }

            if (png.Length - offset - 12L < length)
            {
                throw Truncated($"chunk {type} at byte {offset} claims {length} data bytes, but the file ends {png.Length - offset - 8} bytes after its header (its data and 4-byte CRC do not fit)");
            }

            var data = png.Slice(offset + 8, (int)length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png[(offset + 8 + (int)length)..]);
            var computedCrc = PngChunkCrc.Compute(typeBytes, data);
            if (storedCrc != computedCrc)
            {
                throw new InvalidDataException(
                    $"Bad CRC in chunk {type} at byte {offset} (stored 0x{storedCrc:x8}, computed 0x{computedCrc:x8}): the PNG file is corrupt.");
            }

            if (header is null && type != "IHDR")
            {
                throw Corrupt($"the first chunk is {type}, not IHDR");
            }

            switch (type)
            {
                case "IHDR":
                    if (header is not null)
                    {
                        throw Corrupt($"it has a second IHDR chunk at byte {offset}");
                    }

                    header = ReadHeader(data);
                    break;
                case "PLTE":
                    if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 256 * 3)
                    {
                        throw Corrupt($"its PLTE chunk has {data.Length} bytes, not 3 bytes for each of 1–256 colours");
                    }

                    if (imageData.Length > 0)
                    {
                        throw Corrupt("its PLTE chunk comes after the image data (IDAT)");
                    }

                    palette = data.ToArray();
                    break;
                case "tRNS":
                    transparency = data.ToArray();
                    break;
                case "IDAT":
                    imageData.Write(data);
                    break;
                case "IEND":
                    ended = true;
                    break;
                default:
                    // Ancillary chunks (lower-case first letter: text, gamma, resolution, …) do not change the pixels.
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        throw new InvalidDataException($"The PNG has an unknown critical chunk {type} at byte {offset}, which this decoder cannot read.");
                    }

                    break;
            }

            offset += 12 + (int)length;
        }

        var image = header!;
        if (imageData.Length == 0)
        {
            throw Corrupt("it has no IDAT chunk (no image data)");
        }

        var colours = image.ColourType == 3 ? PaletteGrays(palette, transparency) : null;
        var transparentSample = TransparentSample(image, transparency);
        var samples = Unfilter(image, Inflate(image, imageData));
        return ToGray(image, samples, colours, transparentSample);
    }

    private static void CheckSignature(ReadOnlySpan<byte> png)
    {
        if (png.Length >= Signature.Length && png[..Signature.Length].SequenceEqual(Signature))
        {
            return;
        }

        if (png.Length == 0)
        {
            throw new InvalidDataException("Not a PNG file: it is empty (0 bytes).");
        }

        if (png.Length < Signature.Length && png.SequenceEqual(Signature.AsSpan(0, png.Length)))
        {
            throw Truncated($"it ends after {png.Length} bytes, inside the 8-byte signature");
        }

        var start = Convert.ToHexString(png[..Math.Min(8, png.Length)]);
        var guess = png switch
        {
            [0xff, 0xd8, 0xff, ..] => " (it looks like a JPEG)",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => " (it looks like a GIF)",
            [(byte)'B', (byte)'M', ..] => " (it looks like a BMP)",
            _ => "",
        };
        throw new InvalidDataException($"Not a PNG file: it does not start with the PNG signature 89504E470D0A1A0A but with {start}{guess}.");
    }

    private static Header ReadHeader(ReadOnlySpan<byte> data)
    {
        if (data.Length != 13)
        {
            throw Corrupt($"its IHDR chunk has {data.Length} bytes, not 13");
        }

        var width = BinaryPrimitives.ReadUInt32BigEndian(data);
        var height = BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        int bitDepth = data[8], colourType = data[9], compression = data[10], filter = data[11], interlace = data[12];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            throw Corrupt($"its IHDR gives the size {width}×{height}");
        }

        int channels;
        int[] depths;
        switch (colourType)
        {
            case 0:
                (channels, depths) = (1, [1, 2, 4, 8, 16]);
                break;
            case 2:
                (channels, depths) = (3, [8, 16]);
                break;
            case 3:
                (channels, depths) = (1, [1, 2, 4, 8]);
                break;
            case 4:
                (channels, depths) = (2, [8, 16]);
                break;
            case 6:
                (channels, depths) = (4, [8, 16]);
                break;
            default:
                throw new InvalidDataException(
                    $"Unsupported colour type {colourType}: PNG defines only 0 (gray), 2 (RGB), 3 (palette), 4 (gray + alpha) and 6 (RGBA), so the file is corrupt or not a standard PNG.");
        }

        if (!depths.Contains(bitDepth))
        {
            throw Corrupt($"bit depth {bitDepth} is not allowed with colour type {colourType} (allowed: {string.Join(", ", depths)})");
        }

        if (bitDepth == 16)
        {
            throw new InvalidDataException(
                $"16-bit PNGs are not supported (this one has 16 bits per sample, colour type {colourType}): re-save the image with 8 bits per channel.");
        }

        if (compression != 0 || filter != 0)
        {
            throw Corrupt($"its IHDR names compression method {compression} and filter method {filter}; PNG defines only 0 for both");
        }

        if (interlace == 1)
        {
            throw new InvalidDataException("Interlaced (Adam7) PNGs are not supported: re-save the image without interlacing.");
        }

        if (interlace != 0)
        {
            throw Corrupt($"its IHDR names interlace method {interlace}; PNG defines only 0 (none) and 1 (Adam7)");
        }

        var rowBytes = (((long)width * channels * bitDepth) + 7) / 8;
        if (height * (rowBytes + 1) > MaxImageDataBytes || (long)width * height > int.MaxValue)
        {
            throw new InvalidDataException($"The PNG is {width}×{height} pixels, too large to decode here.");
        }

        return new Header((int)width, (int)height, bitDepth, colourType, channels, (int)rowBytes);
    }

    /// <summary>The gray level (alpha composited over black) of each palette entry.</summary>
    private static byte[] PaletteGrays(byte[]? palette, byte[]? transparency)
    {
        if (palette is null)
        {
            throw Corrupt("it is a palette image (colour type 3) without a PLTE chunk");
        }

        var count = palette.Length / 3;
        if (transparency is not null && transparency.Length > count)
        {
            throw Corrupt($"its tRNS chunk has {transparency.Length} alpha values for {count} palette colours");
        }

        var grays = new byte[count];
        for (var index = 0; index < count; index++)
        {
            var alpha = transparency is not null && index < transparency.Length ? transparency[index] : 255;
            grays[index] = Gray(palette[3 * index], palette[(3 * index) + 1], palette[(3 * index) + 2], alpha);
        }

        return grays;
    }

    /// <summary>The gray sample or RGB triple a <c>tRNS</c> chunk makes fully transparent, or null.</summary>
    private static int[]? TransparentSample(Header header, byte[]? transparency)
    {
        if (transparency is null || header.ColourType == 3)
        {
            return null;
        }

        var expected = header.ColourType switch
        {
            0 => 2,
            2 => 6,
            _ => throw Corrupt($"it has a tRNS chunk, which colour type {header.ColourType} (with an alpha channel) does not allow"),
        };
        if (transparency.Length != expected)
        {
            throw Corrupt($"its tRNS chunk has {transparency.Length} bytes; colour type {header.ColourType} needs {expected}");
        }

        return Enumerable.Range(0, expected / 2).Select(index => (int)BinaryPrimitives.ReadUInt16BigEndian(transparency.AsSpan(2 * index))).ToArray();
    }

    private static byte[] Inflate(Header header, MemoryStream imageData)
    {
        var expected = (int)(header.Height * (header.RowBytes + 1L));
        var inflated = new byte[expected];
        int read;
        bool extra;
        imageData.Position = 0;
        try
        {
            using var zlib = new ZLibStream(imageData, CompressionMode.Decompress);
            read = zlib.ReadAtLeast(inflated, expected, throwOnEndOfStream: false);
            extra = read == expected && zlib.ReadByte() != -1;
        }
        catch (InvalidDataException exception)
        {
            throw Corrupt($"its image data (IDAT) is not valid zlib data ({exception.Message})");
        }

        if (read < expected)
        {
            throw Truncated($"its image data inflates to {read} bytes, but {header.Width}×{header.Height} pixels need {expected}");
        }

        if (extra)
        {
            throw Corrupt($"its image data inflates to more than the {expected} bytes {header.Width}×{header.Height} pixels need");
        }

        return inflated;
    }

    /// <summary>Undoes each row's filter in place; returns the rows without their filter bytes.</summary>
    private static byte[] Unfilter(Header header, byte[] inflated)
    {
        var rowBytes = header.RowBytes;
        var step = Math.Max(1, header.Channels * header.BitDepth / 8);
        var samples = new byte[header.Height * rowBytes];
        var zeros = new byte[rowBytes];
        for (var row = 0; row < header.Height; row++)
        {
            var filterType = inflated[row * (rowBytes + 1)];
            var current = samples.AsSpan(row * rowBytes, rowBytes);
            ReadOnlySpan<byte> previous = row == 0 ? zeros : samples.AsSpan((row - 1) * rowBytes, rowBytes);
            inflated.AsSpan((row * (rowBytes + 1)) + 1, rowBytes).CopyTo(current);
            switch (filterType)
            {
                case 0:
                    break;
                case 1:
                    for (var index = step; index < rowBytes; index++)
                    {
                        current[index] += current[index - step];
                    }

                    break;
                case 2:
                    for (var index = 0; index < rowBytes; index++)
                    {
                        current[index] += previous[index];
                    }

                    break;
                case 3:
                    for (var index = 0; index < rowBytes; index++)
                    {
                        var left = index >= step ? current[index - step] : 0;
                        current[index] += (byte)((left + previous[index]) / 2);
                    }

                    break;
                case 4:
                    for (var index = 0; index < rowBytes; index++)
                    {
                        var left = index >= step ? current[index - step] : 0;
                        var upLeft = index >= step ? previous[index - step] : 0;
                        current[index] += Paeth(left, previous[index], upLeft);
                    }

                    break;
                default:
                    throw Corrupt($"row {row} uses filter type {filterType}; PNG defines only 0 (None), 1 (Sub), 2 (Up), 3 (Average) and 4 (Paeth)");
            }
        }

        return samples;
    }

    private static byte Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return (byte)(toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft);
    }

    private static GrayImage ToGray(Header header, byte[] samples, byte[]? paletteGrays, int[]? transparent)
    {
        var (width, height, depth) = (header.Width, header.Height, header.BitDepth);
        var gray = new byte[width * height];
        var scale = 255 / ((1 << depth) - 1);           // 1 bit: ×255, 2 bits: ×85, 4 bits: ×17, 8 bits: ×1
        for (var y = 0; y < height; y++)
        {
            var row = samples.AsSpan(y * header.RowBytes, header.RowBytes);
            var output = gray.AsSpan(y * width, width);
            for (var x = 0; x < width; x++)
            {
                switch (header.ColourType)
                {
                    case 0:
                        var sample = Sample(row, x, depth);
                        output[x] = transparent is not null && sample == transparent[0] ? (byte)0 : (byte)(sample * scale);
                        break;
                    case 2:
                        int r = row[3 * x], g = row[(3 * x) + 1], b = row[(3 * x) + 2];
                        var clear = transparent is not null && r == transparent[0] && g == transparent[1] && b == transparent[2];
                        output[x] = clear ? (byte)0 : Gray(r, g, b, 255);
                        break;
                    case 3:
                        var index = Sample(row, x, depth);
                        if (index >= paletteGrays!.Length)
                        {
                            throw Corrupt($"pixel ({x}, {y}) uses palette index {index}, but the PLTE chunk has only {paletteGrays.Length} colours");
                        }

                        output[x] = paletteGrays[index];
                        break;
                    case 4:
                        output[x] = Gray(row[2 * x], row[2 * x], row[2 * x], row[(2 * x) + 1]);
                        break;
                    default:
                        output[x] = Gray(row[4 * x], row[(4 * x) + 1], row[(4 * x) + 2], row[(4 * x) + 3]);
                        break;
                }
            }
        }

        return new GrayImage(width, height, gray);
    }

    /// <summary>The <paramref name="depth"/>-bit sample number <paramref name="x"/> of a row (samples fill bytes from the high bit).</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int depth)
    {
        if (depth == 8)
        {
            return row[x];
        }

        var bit = x * depth;
        return (row[bit / 8] >> (8 - depth - (bit % 8))) & ((1 << depth) - 1);
    }

    /// <summary>round((0.299 R + 0.587 G + 0.114 B) × alpha / 255), in integers so gray (v, v, v, 255) gives exactly v.</summary>
    private static byte Gray(int red, int green, int blue, int alpha) =>
        (byte)(((((299 * red) + (587 * green) + (114 * blue)) * alpha) + 127_500) / 255_000);

    private static InvalidDataException Truncated(string detail) => new($"The PNG file is truncated: {detail}.");

    private static InvalidDataException Corrupt(string detail) => new($"The PNG file is corrupt: {detail}.");

    /// <summary>The IHDR fields the decoder uses; <c>RowBytes</c> excludes the filter byte.</summary>
    private sealed record Header(int Width, int Height, int BitDepth, int ColourType, int Channels, int RowBytes);
}
