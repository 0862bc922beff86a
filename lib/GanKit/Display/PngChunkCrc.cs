namespace GanKit.Display;

/// <summary>The CRC-32 every PNG chunk ends with (over the chunk's type and data), shared by <see cref="PngEncoder"/> and <see cref="Data.PngDecoder"/>.</summary>
internal static class PngChunkCrc
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC of a chunk with <paramref name="type"/> and <paramref name="data"/>, as stored after the data.</summary>
    public static uint Compute(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data) => Update(Update(0xffffffffu, type), data) ^ 0xffffffffu;

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var value in bytes)
        {
            crc = Table[(crc ^ value) & 0xff] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint index = 0; index < 256; index++)
        {
            var value = index;
            for (var bit = 0; bit < 8; bit++)
            {
                value = (value & 1) != 0 ? 0xedb88320u ^ (value >> 1) : value >> 1;
            }

            table[index] = value;
        }

        return table;
    }
}
