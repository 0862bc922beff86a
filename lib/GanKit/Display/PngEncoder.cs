using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GanKit.Display;

/// <summary>
/// Writes 8-bit grayscale or RGB pixels as a PNG file, in managed code only. TorchSharp brings SkiaSharp 2.88.6 without
/// its Linux natives, and a notebook cannot load a second SkiaSharp version beside it; a PNG needs nothing more than
/// zlib and a CRC, both at hand, so GanKit's pictures work in every kernel. Introduced in chapter 01.
/// </summary>
public static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a];

    /// <summary>Encodes <paramref name="pixels"/>, row by row, <paramref name="channels"/> bytes per pixel (1 = gray, 3 = RGB).</summary>
    /// <exception cref="ArgumentException">The sizes do not match the pixel count, or channels is not 1 or 3.</exception>
    public static byte[] Encode(int width, int height, int channels, ReadOnlySpan<byte> pixels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"A PNG needs a positive size, not {width}×{height}.");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"Only gray (1 channel) and RGB (3 channels) are written, not {channels} channels.", nameof(channels));
        }

        var rowLength = width * channels;
        if (pixels.Length != rowLength * height)
        {
            throw new ArgumentException($"{width}×{height}×{channels} needs {rowLength * height} bytes, got {pixels.Length}.", nameof(pixels));
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;                                  // bits per channel
        header[9] = (byte)(channels == 1 ? 0 : 2);      // colour type: gray or RGB
        WriteChunk(output, "IHDR", header);             // compression, filter and interlace methods stay 0

        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var row = 0; row < height; row++)
                {
                    zlib.WriteByte(0);                  // filter type 0: the row as it is
                    zlib.Write(pixels.Slice(row * rowLength, rowLength));
                }
            }

            WriteChunk(output, "IDAT", compressed.ToArray());
        }

        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = PngChunkCrc.Compute(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        output.Write(number);
    }
}
