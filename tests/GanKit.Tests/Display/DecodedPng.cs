using StbImageSharp;

namespace GanKit.Tests.Display;

/// <summary>
/// A PNG read back with StbImageSharp, as the file holds it (no conversion): its size, bits per channel, channel count
/// (1 gray, 3 RGB) and pixels row by row.
/// </summary>
internal sealed record DecodedPng(int Width, int Height, int BitsPerChannel, int Channels, byte[] Pixels)
{
    public static DecodedPng Of(byte[] png)
    {
        using var stream = new MemoryStream(png);
        var bits = ImageInfo.FromStream(stream)?.BitsPerChannel ?? throw new InvalidDataException("stb_image cannot read the PNG's header.");
        var image = ImageResult.FromMemory(png);
        return new DecodedPng(image.Width, image.Height, bits, (int)image.SourceComp, image.Data);
    }

    /// <summary>The channel values of the pixel at column <paramref name="x"/>, row <paramref name="y"/>.</summary>
    public byte[] At(int x, int y) => Pixels.AsSpan(((y * Width) + x) * Channels, Channels).ToArray();
}
