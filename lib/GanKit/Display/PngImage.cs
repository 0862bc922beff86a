namespace GanKit.Display;

/// <summary>
/// An encoded PNG picture. In a notebook it shows inline (as <c>image/png</c>, with an HTML <c>&lt;img&gt;</c>
/// fallback); elsewhere <see cref="Save"/> writes it to a file. Introduced in chapter 01.
/// </summary>
public sealed class PngImage
{
    /// <summary>Wraps encoded PNG bytes of a <paramref name="width"/>×<paramref name="height"/> picture.</summary>
    public PngImage(byte[] bytes, int width, int height)
    {
        Bytes = bytes;
        Width = width;
        Height = height;
        NotebookFormatters.EnsureRegistered();
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
    /// Writes the picture to <paramref name="path"/> (through a temporary file and a rename, so a crash never leaves a
    /// half-written picture), creating the folder if needed.
    /// </summary>
    public void Save(string path)
    {
        var fullPath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(fullPath)!);
        var temporary = $"{fullPath}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, Bytes);
        File.Move(temporary, fullPath, overwrite: true);
    }

    /// <inheritdoc />
    public override string ToString() => $"PNG image {Width}×{Height} ({Bytes.Length:N0} bytes)";
}
