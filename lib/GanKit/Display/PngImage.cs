using GanKit.Data;
using Microsoft.DotNet.Interactive.Formatting;
using StbImageWriteSharp;
using TorchSharp;

namespace GanKit.Display;

/// <summary>
/// An encoded PNG picture. In a notebook it shows inline (as <c>image/png</c>, with an HTML <c>&lt;img&gt;</c>
/// fallback); elsewhere <see cref="Save"/> writes it to a file. Introduced in chapter 01.
/// </summary>
/// <remarks>
/// PNGs are written by StbImageWriteSharp, a managed port of stb_image_write: TorchSharp brings SkiaSharp without its
/// Linux natives and a notebook cannot load a second SkiaSharp beside it, so pictures use no native library at all.
/// </remarks>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = ["image/png", "text/html"])]
public sealed class PngImage
{
    /// <summary>Wraps encoded PNG bytes of a <paramref name="width"/>×<paramref name="height"/> picture.</summary>
    public PngImage(byte[] bytes, int width, int height)
    {
        Bytes = bytes;
        Width = width;
        Height = height;
    }

    /// <summary>Encodes 8-bit <paramref name="pixels"/>, row by row, <paramref name="channels"/> bytes per pixel (1 = gray, 3 = RGB).</summary>
    /// <exception cref="ArgumentException">The size is not positive, channels is not 1 or 3, or the pixel count does not match.</exception>
    internal static PngImage Encode(byte[] pixels, int width, int height, int channels)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentException($"A PNG needs a positive size, not {width}×{height}.");
        }

        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"Only gray (1 channel) and RGB (3 channels) are written, not {channels} channels.", nameof(channels));
        }

        if (pixels.Length != (long)width * height * channels)
        {
            throw new ArgumentException($"{width}×{height}×{channels} needs {(long)width * height * channels} bytes, got {pixels.Length}.", nameof(pixels));
        }

        using var png = new MemoryStream();
        new ImageWriter().WritePng(pixels, width, height, channels == 1 ? ColorComponents.Grey : ColorComponents.RedGreenBlue, png);
        return new PngImage(png.ToArray(), width, height);
    }

    /// <summary>Encodes a (height, width, channels) tensor of bytes, as the layouts of <see cref="ImageGrid"/> make.</summary>
    internal static PngImage Encode(torch.Tensor pixels)
    {
        var (height, width, channels) = ((int)pixels.shape[0], (int)pixels.shape[1], (int)pixels.shape[2]);
        return Encode(pixels.contiguous().data<byte>().ToArray(), width, height, channels);
    }

    /// <summary>The PNG file's bytes.</summary>
    public byte[] Bytes { get; }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The picture as base64 text, as notebooks store <c>image/png</c> outputs.</summary>
    public string ToBase64() => Convert.ToBase64String(Bytes);

    /// <summary>An HTML <c>&lt;img&gt;</c> element that shows the picture pixel-sharp.</summary>
    public string ToHtml() =>
        $"<img src=\"data:image/png;base64,{ToBase64()}\" width=\"{Width}\" height=\"{Height}\" style=\"image-rendering: pixelated\" alt=\"image grid\"/>";

    /// <summary>
    /// Writes the picture to <paramref name="path"/>, replacing an earlier picture there, through <see cref="AtomicFile"/>
    /// (so a crash never leaves a half-written picture), creating the folder if needed.
    /// </summary>
    public void Save(string path) => AtomicFile.WriteAllBytes(path, Bytes);

    /// <inheritdoc />
    public override string ToString() => $"PNG image {Width}×{Height} ({Bytes.Length:N0} bytes)";
}
