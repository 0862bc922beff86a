using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace GanKit.Tests.Display;

/// <summary>
/// The test's own minimal PNG reader, independent of GanKit's encoder: checks the signature, every chunk's CRC-32
/// (computed bit by bit), the chunk order, the IHDR fields and the filter byte of every row, and returns the pixels.
/// Reads exactly what GanKit promises to write (8-bit gray or RGB, no interlace, filter 0) and rejects anything else.
/// </summary>
internal static class PngTestReader
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    public static DecodedPng Decode(byte[] png)
    {
        if (png.Length < Signature.Length || !png.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("The PNG signature is wrong.");
        }

        var chunks = new List<(string Type, byte[] Data)>();
        var at = Signature.Length;
        while (at < png.Length)
        {
            if (at + 12 > png.Length)
            {
                throw new InvalidDataException($"A chunk header at {at} runs past the end.");
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at, 4));
            if (length < 0 || at + 12L + length > png.Length)
            {
                throw new InvalidDataException($"The chunk at {at} claims {length} bytes, past the end.");
            }

            var typeAndData = png.AsSpan(at + 4, 4 + length);
            var storedCrc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length, 4));
            var type = Encoding.ASCII.GetString(typeAndData[..4]);
            if (Crc32(typeAndData) != storedCrc)
            {
                throw new InvalidDataException($"The CRC of chunk {type} at {at} is wrong.");
            }

            chunks.Add((type, typeAndData[4..].ToArray()));
            at += 12 + length;
        }

        var types = chunks.Select(chunk => chunk.Type).ToList();
        if (types.Count < 3 || types[0] != "IHDR" || types[^1] != "IEND" || types.Skip(1).SkipLast(1).Any(type => type != "IDAT"))
        {
            throw new InvalidDataException($"Unexpected chunk order: {string.Join(", ", types)}.");
        }

        if (chunks[^1].Data.Length != 0)
        {
            throw new InvalidDataException("IEND has data.");
        }

        var header = chunks[0].Data;
        if (header.Length != 13)
        {
            throw new InvalidDataException($"IHDR has {header.Length} bytes, not 13.");
        }

        var width = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(0, 4));
        var height = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4, 4));
        int bitDepth = header[8], colourType = header[9];
        if (header[10] != 0 || header[11] != 0 || header[12] != 0)
        {
            throw new InvalidDataException("Compression, filter and interlace methods must be 0.");
        }

        var channels = colourType switch
        {
            0 => 1,
            2 => 3,
            _ => throw new InvalidDataException($"Colour type {colourType} is neither gray (0) nor RGB (2)."),
        };
        if (bitDepth != 8)
        {
            throw new InvalidDataException($"Bit depth {bitDepth}, not 8.");
        }

        var compressed = chunks.Where(chunk => chunk.Type == "IDAT").SelectMany(chunk => chunk.Data).ToArray();
        byte[] filtered;
        using (var zlib = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress))
        using (var output = new MemoryStream())
        {
            zlib.CopyTo(output);
            filtered = output.ToArray();
        }

        var rowLength = width * channels;
        if (filtered.Length != height * (rowLength + 1))
        {
            throw new InvalidDataException($"The image data has {filtered.Length} bytes, not {height * (rowLength + 1)}.");
        }

        var pixels = new byte[height * rowLength];
        for (var row = 0; row < height; row++)
        {
            var rowStart = row * (rowLength + 1);
            if (filtered[rowStart] != 0)
            {
                throw new InvalidDataException($"Row {row} uses filter {filtered[rowStart]}, not 0.");
            }

            filtered.AsSpan(rowStart + 1, rowLength).CopyTo(pixels.AsSpan(row * rowLength));
        }

        return new DecodedPng(width, height, bitDepth, colourType, pixels, types);
    }

    /// <summary>CRC-32 (ISO 3309, as PNG uses it), one bit at a time.</summary>
    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xffffffffu;
        foreach (var value in bytes)
        {
            crc ^= value;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xedb88320u : crc >> 1;
            }
        }

        return crc ^ 0xffffffffu;
    }
}

/// <summary>A decoded PNG: its IHDR fields, its pixels row by row (1 or 3 bytes each) and its chunk types in order.</summary>
internal sealed record DecodedPng(int Width, int Height, int BitDepth, int ColourType, byte[] Pixels, IReadOnlyList<string> ChunkTypes)
{
    public int Channels => ColourType == 0 ? 1 : 3;

    /// <summary>The channel values of the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte[] At(int x, int y) => Pixels.AsSpan(((y * Width) + x) * Channels, Channels).ToArray();
}
