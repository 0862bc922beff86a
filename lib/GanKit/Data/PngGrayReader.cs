using System.Buffers.Binary;
using System.Text;
using StbImageSharp;

namespace GanKit.Data;

/// <summary>
/// Reads a PNG file into 8-bit gray levels, row by row (0 = black). StbImageSharp, a managed port of stb_image, decodes
/// every standard PNG (any colour type and bit depth, palette, interlaced; 16-bit samples keep their high byte). GanKit
/// adds what stb does not check: that the file is a PNG (stb would try other formats, and a cut-off JPEG can hang it) and
/// that its chunks run complete to IEND (stb decodes some cut-off files); it also drops empty IDAT chunks, which the PNG
/// specification allows but StbImageSharp fails on. Colour becomes ITU-R BT.601 luminance, round(0.299 R + 0.587 G +
/// 0.114 B), and transparency is composited over black, so a fully transparent pixel is background (0, as in MNIST).
/// Checksums are not verified (stb ignores them): a file damaged only inside its data is read as it decodes.
/// </summary>
internal static class PngGrayReader
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>stb reports a failure through one static field, so decodes are taken one at a time.</summary>
    private static readonly Lock Decoding = new();

    /// <summary>Decodes a whole PNG file into gray levels.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a PNG, are truncated, or stb cannot decode them; the message says which.</exception>
    public static (int Width, int Height, byte[] Pixels) Read(byte[] png)
    {
        CheckSignature(png);
        var chunks = ChunksUpToIend(png);
        ImageResult image;
        lock (Decoding)
        {
            try
            {
                image = ImageResult.FromMemory(chunks, ColorComponents.RedGreenBlueAlpha);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                throw new InvalidDataException($"The PNG file is corrupt: the decoder stopped with \"{exception.Message.Trim(' ', '\0')}\".");
            }
        }

        var gray = new byte[image.Width * image.Height];
        var rgba = image.Data;
        for (var pixel = 0; pixel < gray.Length; pixel++)
        {
            int red = rgba[4 * pixel], green = rgba[(4 * pixel) + 1], blue = rgba[(4 * pixel) + 2], alpha = rgba[(4 * pixel) + 3];
            // round((0.299 R + 0.587 G + 0.114 B) × alpha / 255) in integers, so gray (v, v, v, 255) gives exactly v.
            gray[pixel] = (byte)(((((299 * red) + (587 * green) + (114 * blue)) * alpha) + 127_500) / 255_000);
        }

        return (image.Width, image.Height, gray);
    }

    private static void CheckSignature(ReadOnlySpan<byte> png)
    {
        if (png.StartsWith(Signature))
        {
            return;
        }

        if (png.Length == 0)
        {
            throw new InvalidDataException("Not a PNG file: it is empty (0 bytes).");
        }

        if (Signature.AsSpan().StartsWith(png))
        {
            throw Truncated($"it ends after {png.Length} bytes, inside the 8-byte signature");
        }

        var guess = png switch
        {
            [0xff, 0xd8, 0xff, ..] => " (it looks like a JPEG)",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => " (it looks like a GIF)",
            [(byte)'B', (byte)'M', ..] => " (it looks like a BMP)",
            _ => "",
        };
        throw new InvalidDataException(
            $"Not a PNG file: it does not start with the PNG signature 89504E470D0A1A0A but with {Convert.ToHexString(png[..Math.Min(8, png.Length)])}{guess}.");
    }

    /// <summary>
    /// Walks the chunks by their lengths (not their contents) and fails unless a whole IEND chunk is reached; returns the
    /// file up to IEND without empty IDAT chunks.
    /// </summary>
    private static byte[] ChunksUpToIend(byte[] png)
    {
        using var kept = new MemoryStream(png.Length);
        kept.Write(Signature);
        var offset = Signature.Length;
        while (true)
        {
            if (offset == png.Length)
            {
                throw Truncated($"it ends after {offset} bytes without an IEND chunk");
            }

            if (png.Length - offset < 8)
            {
                throw Truncated($"the chunk header at byte {offset} is cut off");
            }

            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.Latin1.GetString(png, offset + 4, 4);
            var following = png.Length - offset - 8L;
            if (following < length + 4L)
            {
                throw Truncated($"chunk {type} at byte {offset} claims {length} data bytes, but only {following} bytes follow its header (its data and 4-byte checksum do not fit)");
            }

            if (type != "IDAT" || length > 0)
            {
                kept.Write(png, offset, 12 + (int)length);
            }

            if (type == "IEND")
            {
                return kept.ToArray();
            }

            offset += 12 + (int)length;
        }
    }

    private static InvalidDataException Truncated(string detail) => new($"The PNG file is truncated: {detail}.");
}
