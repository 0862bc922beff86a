using System.Globalization;
using System.Text;
using GanKit.Display;
using TorchSharp;

namespace GanKit.Data;

/// <summary>
/// Digits in the article's own format: a folder of 28×28 PNG files plus a CSV of file names and labels
/// (<c>file,label</c>, then <c>00000.png,7</c> …). Loads into the same <see cref="MnistDigits"/> as
/// <see cref="Mnist.Load"/>, and writes such a folder from tensors. Introduced in chapter 05.
/// </summary>
public static class PngFolderDataset
{
    /// <summary>The CSV's default file name. Introduced in chapter 05.</summary>
    public const string DefaultCsvFileName = "labels.csv";

    /// <summary>The CSV header <see cref="Save"/> writes. Introduced in chapter 05.</summary>
    public const string CsvHeader = "file,label";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Loads the digits a CSV in <paramref name="folder"/> lists, in the CSV's order, the first <paramref name="count"/>
    /// (default all), onto <paramref name="device"/> (default the CPU). Introduced in chapter 05.
    /// <para>
    /// The CSV (UTF-8, LF or CRLF) has one <c>name.png,label</c> line per image, the name relative to the folder and the
    /// label a digit 0–9; blank lines are skipped, quoting is not supported, a file may be listed once, and a first line
    /// that names no file and has no integer label is a header. Pixels are value / 255, light digits on a dark
    /// background as in MNIST (nothing is inverted); colour becomes luminance, transparency is composited over black.
    /// </para>
    /// <para>
    /// The whole CSV is checked before any image is decoded (rows after <paramref name="count"/> too); the first problem
    /// is one <see cref="DataFileException"/> naming the file, the CSV line and what to do. Nothing is skipped or written.
    /// </para>
    /// </summary>
    /// <exception cref="DataFileException">The folder, CSV or an image is missing or not what it should be.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public static MnistDigits Load(string folder, string csvFileName = DefaultCsvFileName, int? count = null, torch.Device? device = null)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "The number of digits to load cannot be negative.");
        }

        var fullFolder = Path.GetFullPath(folder);
        if (!Directory.Exists(fullFolder))
        {
            throw new DataFileException(fullFolder,
                $"The folder {fullFolder} does not exist. Check the path (notebooks run in notebooks/, so a folder beside them is ../name).");
        }

        var csvPath = Path.Combine(fullFolder, csvFileName);
        if (!File.Exists(csvPath))
        {
            var empty = !Directory.EnumerateFileSystemEntries(fullFolder).Any();
            throw new DataFileException(csvPath, empty
                ? $"The folder {fullFolder} is empty, so {csvFileName} is missing. The folder should hold the PNG files and {csvFileName} (lines '{CsvHeader}', then 'name.png,digit'); check the path, or write such a folder with PngFolderDataset.Save."
                : $"{csvPath} is missing. The folder needs a CSV with a '{CsvHeader}' header and one 'name.png,digit' line per image; add it, or pass its name as csvFileName.");
        }

        var rows = ReadRows(fullFolder, csvPath);
        var kept = Math.Min(count ?? rows.Count, rows.Count);
        const int pixelsPerImage = Mnist.ImageSize * Mnist.ImageSize;
        var pixels = new byte[kept * pixelsPerImage];
        var labels = new long[kept];
        for (var index = 0; index < kept; index++)
        {
            ReadImage(rows[index], csvPath).CopyTo(pixels, index * pixelsPerImage);
            labels[index] = rows[index].Label;
        }

        var target = device ?? torch.CPU;
        using var scope = torch.NewDisposeScope();
        // The bytes are in host memory, so they start on the CPU explicitly; they travel as bytes (a quarter of the floats).
        var pixelTensor = torch.tensor(pixels, [kept, 1, Mnist.ImageSize, Mnist.ImageSize], torch.uint8, device: torch.CPU);
        var imageTensor = pixelTensor.to(target).to(torch.float32).div_(255f);
        var labelTensor = torch.tensor(labels, [kept], torch.int64, device: torch.CPU).to(target);
        return new MnistDigits(imageTensor.MoveToOuterDisposeScope(), labelTensor.MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Writes <paramref name="digits"/> (images (N, 1, 28, 28) in [0, 1], labels 0–9) as a folder <see cref="Load"/> reads: 8-bit gray PNGs <c>00000.png</c> … (pixel =
    /// round(value × 255)) and the CSV, last, each through <see cref="AtomicFile"/>. Never overwrites: if any file it would
    /// write exists, it throws before writing anything. Introduced in chapter 05.
    /// </summary>
    /// <exception cref="ArgumentException">The tensors have the wrong shape, values outside [0, 1], or labels outside 0–9.</exception>
    /// <exception cref="IOException">A file it would write already exists (the message names it); nothing was written.</exception>
    public static void Save(MnistDigits digits, string folder, string csvFileName = DefaultCsvFileName)
    {
        ArgumentNullException.ThrowIfNull(digits);
        var (pixels, labels) = ToBytes(digits);
        var count = labels.Length;
        var fullFolder = Path.GetFullPath(folder);
        var csvPath = Path.Combine(fullFolder, csvFileName);
        var digitsInName = Math.Max(5, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
        var names = Enumerable.Range(0, count)
            .Select(index => index.ToString($"D{digitsInName}", CultureInfo.InvariantCulture) + ".png")
            .ToArray();

        foreach (var path in names.Select(name => Path.Combine(fullFolder, name)).Prepend(csvPath))
        {
            if (File.Exists(path) || Directory.Exists(path))
            {
                throw new IOException(
                    $"{path} already exists, and PngFolderDataset.Save never overwrites files. Nothing was written; choose a new folder, or delete the old files first if you no longer need them.");
            }
        }

        const int pixelsPerImage = Mnist.ImageSize * Mnist.ImageSize;
        var csv = new StringBuilder().Append(CsvHeader).Append('\n');
        for (var index = 0; index < count; index++)
        {
            var png = PngImage.Encode(pixels[(index * pixelsPerImage)..((index + 1) * pixelsPerImage)], Mnist.ImageSize, Mnist.ImageSize, 1);
            AtomicFile.WriteAllBytes(Path.Combine(fullFolder, names[index]), png.Bytes, overwrite: false);
            csv.Append(names[index]).Append(',').Append(labels[index].ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        AtomicFile.WriteAllText(csvPath, csv.ToString(), overwrite: false);
    }

    private static (byte[] Pixels, long[] Labels) ToBytes(MnistDigits digits)
    {
        var images = digits.Images;
        var size = Mnist.ImageSize;
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[2] != size || images.shape[3] != size)
        {
            throw new ArgumentException($"Images must be (N, 1, {size}, {size}), not [{string.Join(", ", images.shape)}].", nameof(digits));
        }

        if (digits.Labels.dim() != 1 || digits.Labels.shape[0] != images.shape[0])
        {
            throw new ArgumentException($"Labels must be (N) with N = {images.shape[0]}, not [{string.Join(", ", digits.Labels.shape)}].", nameof(digits));
        }

        if (images.shape[0] == 0)
        {
            throw new ArgumentException("There are no digits to save (N = 0).", nameof(digits));
        }

        using var scope = torch.NewDisposeScope();
        var values = images.detach().cpu().to(torch.float32);
        if (!values.isfinite().all().item<bool>() || values.min().item<float>() < 0f || values.max().item<float>() > 1f)
        {
            throw new ArgumentException(
                "Image values must lie in [0, 1] (0 = background); rescale them first (a tanh generator's output x becomes (x + 1) / 2).", nameof(digits));
        }

        var labels = digits.Labels.detach().cpu().to(torch.int64).data<long>().ToArray();
        if (labels.Any(label => label is < 0 or > 9))
        {
            throw new ArgumentException("Labels must be digits 0–9.", nameof(digits));
        }

        var pixels = values.mul(255f).round().to(torch.uint8).contiguous().data<byte>().ToArray();
        return (pixels, labels);
    }

    /// <summary>Parses and checks every row of the CSV; throws for the first bad line.</summary>
    private static List<Row> ReadRows(string folder, string csvPath)
    {
        var bytes = File.ReadAllBytes(csvPath);
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new DataFileException(csvPath, $"{csvPath} is not UTF-8 text. It was not changed; save it as UTF-8 CSV ('{CsvHeader}', then 'name.png,digit' lines).");
        }

        var rows = new List<Row>();
        var firstLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.TrimStart('\uFEFF').Split('\n');
        var headerPossible = true;
        for (var index = 0; index < lines.Length; index++)
        {
            var lineNumber = index + 1;
            var line = lines[index].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var at = $"{csvPath} line {lineNumber}";
            var fix = "It was not changed; fix that line (each line is 'name.png,digit', e.g. '00000.png,7').";
            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                throw new DataFileException(csvPath, $"{at} has {fields.Length} field(s), not 2 (file,label): \"{line}\". {fix}");
            }

            var name = fields[0].Trim();
            var labelText = fields[1].Trim();
            var isInteger = int.TryParse(labelText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var label);
            if (headerPossible)
            {
                headerPossible = false;
                if (!isInteger && !File.Exists(Path.Combine(folder, name)))
                {
                    continue;
                }
            }

            if (name.Length == 0)
            {
                throw new DataFileException(csvPath, $"{at} has no file name: \"{line}\". {fix}");
            }

            if (!isInteger || label is < 0 or > 9)
            {
                throw new DataFileException(csvPath, $"{at} has the label \"{labelText}\", which is not a digit 0–9: \"{line}\". {fix}");
            }

            var path = Path.GetFullPath(Path.Combine(folder, name));
            var relative = Path.GetRelativePath(folder, path);
            if (Path.IsPathRooted(name) || Path.IsPathRooted(relative) || relative == ".." || relative.StartsWith($"..{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                throw new DataFileException(csvPath, $"{at} names \"{name}\", which is not a file inside {folder}. Names are relative to the CSV's folder. {fix}");
            }

            if (firstLines.TryGetValue(path, out var firstLine))
            {
                throw new DataFileException(csvPath,
                    $"{at} names {name} again; it is already on line {firstLine}. Each image may be listed once. It was not changed; remove one of the two lines.");
            }

            firstLines[path] = lineNumber;
            if (!File.Exists(path))
            {
                throw new DataFileException(path,
                    $"{at} names {name}, but {path} does not exist. Nothing was changed; add the image, or fix or remove that line.");
            }

            rows.Add(new Row(path, lineNumber, label));
        }

        if (rows.Count == 0)
        {
            var what = string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF')) ? "is empty" : "has a header but no rows";
            throw new DataFileException(csvPath,
                $"{csvPath} {what}: it lists no images. It was not changed; add one 'name.png,digit' line per image after the '{CsvHeader}' header.");
        }

        return rows;
    }

    /// <summary>Decodes one listed PNG and checks it is 28×28; returns its gray levels.</summary>
    private static byte[] ReadImage(Row row, string csvPath)
    {
        var listed = $"listed on line {row.LineNumber} of {Path.GetFileName(csvPath)}";
        (int Width, int Height, byte[] Pixels) image;
        try
        {
            image = PngGrayReader.Read(File.ReadAllBytes(row.Path));
        }
        catch (InvalidDataException exception)
        {
            throw new DataFileException(row.Path,
                $"{row.Path} ({listed}) is not a PNG image GanKit can read: {exception.Message} It was not changed; replace it with a 28×28 PNG, or remove its line.");
        }

        if (image.Width != Mnist.ImageSize || image.Height != Mnist.ImageSize)
        {
            throw new DataFileException(row.Path,
                $"{row.Path} ({listed}) is {image.Width}×{image.Height} pixels, not {Mnist.ImageSize}×{Mnist.ImageSize}. It was not changed; resize it to {Mnist.ImageSize}×{Mnist.ImageSize}, or remove its line.");
        }

        return image.Pixels;
    }

    private sealed record Row(string Path, int LineNumber, int Label);
}
