using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GanKit.Tests.Data;

/// <summary>
/// The tests' own PNG writer, independent of GanKit and of stb: any IHDR, any filter per row, palette, tRNS, Adam7
/// interlacing and any chunk order, with correct CRCs (from System.IO.Hashing; stb ignores them, but other programs do not).
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
    /// by <paramref name="filters"/> (or, with <paramref name="interlace"/> 1, in Adam7's seven passes, unfiltered), IEND.
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

        chunks.Add(Chunk("IDAT", Zlib(interlace == 1 ? Adam7Scanlines(rows, step) : Scanlines(rows, filters, step))));
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
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(chunk.AsSpan(4, 4 + data.Length)));
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

    /// <summary>
    /// The seven Adam7 passes of 8-bit (or wider) pixels of <paramref name="step"/> bytes, each sub-image row with filter 0;
    /// a pass with no pixels is left out, as the specification says.
    /// </summary>
    public static byte[] Adam7Scanlines(byte[][] rows, int step)
    {
        (int X, int Y, int StepX, int StepY)[] passes = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];
        var width = rows[0].Length / step;
        var output = new List<byte>();
        foreach (var (startX, startY, stepX, stepY) in passes.Where(pass => pass.X < width))
        {
            for (var y = startY; y < rows.Length; y += stepY)
            {
                output.Add(0);
                for (var x = startX; x < width; x += stepX)
                {
                    output.AddRange(rows[y].AsSpan(x * step, step));
                }
            }
        }

        return [.. output];
    }

    /// <summary>CRC-32 (ISO 3309, as PNG uses it).</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);

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
