using System.Text;
using GanKit.Data;
using GanKit.Display;
using GanKit.Runtime;
using GanKit.Tests.Display;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>
/// Digits as a folder of 28×28 PNGs plus labels.csv: a round trip of MNIST test digits, what the loader accepts, one
/// test per kind of bad input (each checking that no file in the folder changed), and Save's refusal to overwrite.
/// </summary>
public sealed class PngFolderDatasetTests : IDisposable
{
    private const string Csv = PngFolderDataset.DefaultCsvFileName;

    private readonly DirectoryInfo root;

    public PngFolderDatasetTests()
    {
        TorchSession.Start();
        root = Directory.CreateTempSubdirectory("gankit-png-folder-test-");
        Folder = Path.Combine(root.FullName, "digits");
    }

    /// <summary>The dataset folder (not created until a test writes it).</summary>
    private string Folder { get; }

    public void Dispose() => root.Delete(recursive: true);

    [Fact]
    public void TwoHundredSavedMnistTestDigitsLoadBackExactly()
    {
        using var scope = torch.NewDisposeScope();
        using var original = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 200);

        PngFolderDataset.Save(original, Folder);
        using var loaded = PngFolderDataset.Load(Folder);

        Assert.Equal(200, loaded.Count);
        Assert.Equal([200L, 1L, 28L, 28L], loaded.Images.shape);
        Assert.Equal(torch.ScalarType.Float32, loaded.Images.dtype);
        Assert.Equal(torch.ScalarType.Int64, loaded.Labels.dtype);
        Assert.Equal(original.Images.data<float>().ToArray(), loaded.Images.data<float>().ToArray());
        Assert.Equal(Bytes(original.Images), Bytes(loaded.Images));
        Assert.Equal(original.Labels.data<long>().ToArray(), loaded.Labels.data<long>().ToArray());
    }

    [Fact]
    public void SaveWritesNumberedGrayPngsAndAHeadedCsvAndNothingElse()
    {
        using var original = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 12);

        PngFolderDataset.Save(original, Folder);

        var expectedNames = Enumerable.Range(0, 12).Select(index => $"{index:D5}.png").Append(Csv).Order(StringComparer.Ordinal);
        Assert.Equal(expectedNames, Directory.GetFiles(Folder).Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal));
        var labels = original.Labels.data<long>().ToArray();
        var expectedCsv = "file,label\n" + string.Concat(labels.Select((label, index) => $"{index:D5}.png,{label}\n"));
        Assert.Equal(expectedCsv, File.ReadAllText(Path.Combine(Folder, Csv)));
        Assert.StartsWith("file,label\n00000.png,7\n00001.png,2\n", expectedCsv, StringComparison.Ordinal);
        var png = DecodedPng.Of(File.ReadAllBytes(Path.Combine(Folder, "00003.png")));
        Assert.Equal((28, 28, 8, 1), (png.Width, png.Height, png.BitsPerChannel, png.Channels));
        Assert.Equal(Bytes(original.Images).AsSpan(3 * 784, 784).ToArray(), png.Pixels);
    }

    [Fact]
    public void ACountKeepsOnlyTheFirstDigits()
    {
        using var original = SaveDigits(12);

        using var firstFive = PngFolderDataset.Load(Folder, count: 5);
        using var none = PngFolderDataset.Load(Folder, count: 0);
        using var all = PngFolderDataset.Load(Folder, count: 1_000);

        Assert.Equal([5L, 1L, 28L, 28L], firstFive.Images.shape);
        Assert.Equal(original.Labels.data<long>().ToArray()[..5], firstFive.Labels.data<long>().ToArray());
        Assert.Equal(original.Images.data<float>().ToArray()[..(5 * 784)], firstFive.Images.data<float>().ToArray());
        Assert.Equal([0L, 1L, 28L, 28L], none.Images.shape);
        Assert.Equal(12, all.Count);
    }

    [Fact]
    public void ANegativeCountIsRejected()
    {
        using var original = SaveDigits(2);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => PngFolderDataset.Load(Folder, count: -1));

        Assert.Equal("count", exception.ParamName);
    }

    [Fact]
    public void ACsvWithoutHeaderWithBomCrlfBlankLinesAndSpacesIsReadInItsOwnOrder()
    {
        using var original = SaveDigits(4);
        WriteCsv("\uFEFF00002.png,3\r\n\r\n  00000.png , 9 \r\n   \r\n00003.png,0\r\n00001.png,5");

        using var loaded = PngFolderDataset.Load(Folder);

        Assert.Equal([3L, 9L, 0L, 5L], loaded.Labels.data<long>().ToArray());
        var images = original.Images.data<float>().ToArray();
        int[] csvOrder = [2, 0, 3, 1];
        var expected = csvOrder.SelectMany(index => images[(index * 784)..((index + 1) * 784)]);
        Assert.Equal(expected, loaded.Images.data<float>().ToArray());
    }

    [Fact]
    public void AnyHeaderWhoseLabelFieldIsNotANumberIsSkipped()
    {
        using var original = SaveDigits(2);
        WriteCsv("image,digit\n00001.png,1\n");

        using var loaded = PngFolderDataset.Load(Folder);

        Assert.Equal([1L], loaded.Labels.data<long>().ToArray());
    }

    [Fact]
    public void AnotherCsvNameAndImagesInSubfoldersAreRead()
    {
        using var original = SaveDigits(2, csvFileName: "train.csv");
        Directory.CreateDirectory(Path.Combine(Folder, "sevens"));
        File.Move(Path.Combine(Folder, "00000.png"), Path.Combine(Folder, "sevens", "first.png"));
        File.WriteAllText(Path.Combine(Folder, "train.csv"), "file,label\nsevens/first.png,7\n00001.png,2\n");

        using var loaded = PngFolderDataset.Load(Folder, csvFileName: "train.csv");

        Assert.Equal([7L, 2L], loaded.Labels.data<long>().ToArray());
        Assert.Equal(original.Images.data<float>().ToArray(), loaded.Images.data<float>().ToArray());
    }

    [Fact]
    public void RgbAndRgbaPngsAreLoadedAsGrayWithTransparencyOverBlack()
    {
        using var original = SaveDigits(2);
        var digit = Bytes(original.Images)[..784];
        var rgb = digit.SelectMany(level => new[] { level, level, level }).ToArray();
        var rgba = digit.SelectMany(level => new[] { (byte)255, (byte)255, (byte)255, level }).ToArray();
        File.WriteAllBytes(Path.Combine(Folder, "00000.png"), PngImage.Encode(rgb, 28, 28, 3).Bytes);
        File.WriteAllBytes(Path.Combine(Folder, "00001.png"), HandBuiltPng.Image(28, 28, 8, 6, rgba.Chunk(28 * 4).ToArray(), new int[28]));

        using var loaded = PngFolderDataset.Load(Folder);

        var expected = digit.Select(level => level / 255f).ToArray();
        Assert.Equal(expected, loaded.Images[0].data<float>().ToArray());
        Assert.Equal(expected, loaded.Images[1].data<float>().ToArray());
    }

    [Fact]
    public void DarkDigitsOnWhiteAreTakenAsTheyAreNotInverted()
    {
        using var original = SaveDigits(1);
        var inverted = Bytes(original.Images).Select(level => (byte)(255 - level)).ToArray();
        File.WriteAllBytes(Path.Combine(Folder, "00000.png"), PngImage.Encode(inverted, 28, 28, 1).Bytes);

        using var loaded = PngFolderDataset.Load(Folder);

        Assert.Equal(inverted.Select(level => level / 255f), loaded.Images.data<float>().ToArray());
        Assert.Equal(1f, loaded.Images[0, 0, 0, 0].item<float>());
    }

    [Fact]
    public void AMissingFolderIsReportedAndNotCreated()
    {
        var exception = Assert.Throws<DataFileException>(() => PngFolderDataset.Load(Folder));

        Assert.Equal(Folder, exception.Path);
        Assert.Contains($"The folder {Folder} does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Check the path", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder));
    }

    [Fact]
    public void AnEmptyFolderIsReportedAndLeftEmpty()
    {
        Directory.CreateDirectory(Folder);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"The folder {Folder} is empty, so labels.csv is missing", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PngFolderDataset.Save", exception.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Folder));
    }

    [Fact]
    public void AFolderOfPngsWithoutTheCsvIsReportedAndTheCsvNotCreated()
    {
        using var original = SaveDigits(3);
        File.Delete(CsvPath);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} is missing", exception.Message, StringComparison.Ordinal);
        Assert.Contains("'file,label' header", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(CsvPath));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("\n  \n\r\n", "is empty")]
    [InlineData("file,label\n", "has a header but no rows")]
    [InlineData("\uFEFFfile,label\r\n\r\n", "has a header but no rows")]
    public void ACsvWithoutRowsIsReported(string csv, string problem)
    {
        using var original = SaveDigits(2);
        WriteCsv(csv);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} {problem}: it lists no images", exception.Message, StringComparison.Ordinal);
        Assert.Contains("add one 'name.png,digit' line per image", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARowNamingAMissingFileIsReportedWithItsLineNumber()
    {
        using var original = SaveDigits(3);
        WriteCsv("file,label\n00000.png,7\n\n00009.png,2\n00001.png,2\n");

        var exception = LoadFailsWithoutChangingAnything();

        var missing = Path.Combine(Folder, "00009.png");
        Assert.Equal(missing, exception.Path);
        Assert.Contains($"{CsvPath} line 4 names 00009.png, but {missing} does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fix or remove that line", exception.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Theory]
    [InlineData("00001.png", "has 1 field(s), not 2 (file,label)")]
    [InlineData("00001.png;2", "has 1 field(s), not 2 (file,label)")]
    [InlineData("00001.png,2,extra", "has 3 field(s), not 2 (file,label)")]
    [InlineData("\"00001.png\",\"2,0\"", "has 3 field(s), not 2 (file,label)")]
    [InlineData(" ,2", "has no file name")]
    public void AMalformedRowIsReportedWithItsLineNumber(string row, string problem)
    {
        using var original = SaveDigits(3);
        WriteCsv($"file,label\n00000.png,7\n{row}\n00002.png,1\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} line 3 {problem}: \"{row}\"", exception.Message, StringComparison.Ordinal);
        Assert.Contains("fix that line", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("seven")]
    [InlineData("12")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData("7.5")]
    [InlineData("0x7")]
    public void AMalformedLabelIsReportedWithItsLineNumber(string label)
    {
        using var original = SaveDigits(3);
        WriteCsv($"file,label\n00000.png,7\n00001.png,{label}\n00002.png,1\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} line 3 has the label \"{label}\", which is not a digit 0–9: \"00001.png,{label}\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFirstRowWithABadLabelIsReportedNotSkippedAsAHeader()
    {
        using var original = SaveDigits(2);
        WriteCsv("00000.png,seven\n00001.png,2\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Contains($"{CsvPath} line 1 has the label \"seven\"", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(27, 28)]
    [InlineData(28, 29)]
    [InlineData(56, 56)]
    public void APngOfTheWrongSizeIsReportedWithTheSizeFound(int width, int height)
    {
        using var original = SaveDigits(3);
        var png = Path.Combine(Folder, "00001.png");
        WriteFile("00001.png", PngImage.Encode(new byte[width * height], width, height, 1).Bytes);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(png, exception.Path);
        Assert.Contains($"{png} (listed on line 3 of labels.csv) is {width}×{height} pixels, not 28×28", exception.Message, StringComparison.Ordinal);
        Assert.Contains("resize it to 28×28, or remove its line", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNotAnImageIsReportedWithTheDecodersReason()
    {
        using var original = SaveDigits(3);
        var png = Path.Combine(Folder, "00001.png");
        WriteFile("00001.png", Encoding.UTF8.GetBytes("this is a text file, not a picture"));

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(png, exception.Path);
        Assert.Contains($"{png} (listed on line 3 of labels.csv) is not a PNG image GanKit can read", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Not a PNG file: it does not start with the PNG signature", exception.Message, StringComparison.Ordinal);
        Assert.Contains("It was not changed", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATruncatedPngIsReportedAsTruncated()
    {
        using var original = SaveDigits(3);
        var png = Path.Combine(Folder, "00002.png");
        WriteFile("00002.png", File.ReadAllBytes(png)[..100]);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(png, exception.Path);
        Assert.Contains($"{png} (listed on line 4 of labels.csv)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("The PNG file is truncated", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00001.png")]
    [InlineData("./00001.png")]
    public void AFileListedTwiceIsRejectedWithBothLineNumbers(string again)
    {
        using var original = SaveDigits(3);
        WriteCsv($"file,label\n00001.png,2\n00000.png,7\n{again},2\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} line 4 names {again} again; it is already on line 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("remove one of the two lines", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameOutsideTheFolderIsRejected()
    {
        using var original = SaveDigits(2);
        var outside = Path.Combine(root.FullName, "outside.png");
        File.Copy(Path.Combine(Folder, "00000.png"), outside);
        WriteCsv("file,label\n00000.png,7\n../outside.png,7\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Contains($"{CsvPath} line 3 names \"../outside.png\", which is not a file inside {Folder}", exception.Message, StringComparison.Ordinal);

        WriteCsv($"file,label\n{outside},7\n");
        var absolute = LoadFailsWithoutChangingAnything();

        Assert.Contains($"line 2 names \"{outside}\", which is not a file inside", absolute.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACsvThatIsNotUtf8IsReported()
    {
        using var original = SaveDigits(2);
        WriteFile(Csv, [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("file,label\n00000.png,7\n")]);

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(CsvPath, exception.Path);
        Assert.Contains($"{CsvPath} is not UTF-8 text", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstBadLineIsReported()
    {
        using var original = SaveDigits(3);
        WriteCsv("file,label\n00000.png,7\n00001.png,x\n00002.png,1,1\n00009.png,3\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Contains("line 3 has the label \"x\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWholeCsvIsCheckedBeforeAnyImageIsDecoded()
    {
        using var original = SaveDigits(3);
        WriteFile("00000.png", Encoding.UTF8.GetBytes("not a picture"));
        WriteCsv("file,label\n00000.png,7\n00001.png,2\n00002.png,1\n00009.png,3\n");

        var exception = LoadFailsWithoutChangingAnything();

        Assert.Equal(Path.Combine(Folder, "00009.png"), exception.Path);
        Assert.Contains("line 5 names 00009.png", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RowsBeyondTheCountAreStillChecked()
    {
        using var original = SaveDigits(3);
        WriteCsv("file,label\n00000.png,7\n00001.png,2\n00002.png,12\n");

        var exception = LoadFailsWithoutChangingAnything(count: 1);

        Assert.Contains("line 4 has the label \"12\"", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SaveRefusesToOverwriteAnExistingCsvAndLeavesTheFolderUnchanged()
    {
        using var original = SaveDigits(3);
        using var others = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: 5);
        var before = StateOfAll();

        var exception = Assert.Throws<IOException>(() => PngFolderDataset.Save(others, Folder));

        Assert.Contains($"{CsvPath} already exists, and PngFolderDataset.Save never overwrites files", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was written", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, StateOfAll());
    }

    [Fact]
    public void SaveRefusesToOverwriteAnExistingPngAndWritesNothing()
    {
        Directory.CreateDirectory(Folder);
        WriteFile("00002.png", Encoding.UTF8.GetBytes("someone's own picture"));
        WriteFile("notes.txt", Encoding.UTF8.GetBytes("keep me"));
        using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 5);
        var before = StateOfAll();

        var exception = Assert.Throws<IOException>(() => PngFolderDataset.Save(digits, Folder));

        Assert.Contains($"{Path.Combine(Folder, "00002.png")} already exists", exception.Message, StringComparison.Ordinal);
        Assert.Equal(before, StateOfAll());
        Assert.Equal(2, Directory.GetFiles(Folder).Length);
    }

    [Fact]
    public void SaveRejectsValuesOutsideZeroToOneAndWrongShapesWithoutCreatingTheFolder()
    {
        using var tanhLike = new MnistDigits(torch.full([2, 1, 28, 28], -1f), torch.tensor(new long[] { 1, 2 }));
        using var wrongSize = new MnistDigits(torch.zeros([2, 1, 32, 32]), torch.tensor(new long[] { 1, 2 }));
        using var badLabel = new MnistDigits(torch.zeros([2, 1, 28, 28]), torch.tensor(new long[] { 1, 10 }));

        Assert.Contains("must lie in [0, 1]", Assert.Throws<ArgumentException>(() => PngFolderDataset.Save(tanhLike, Folder)).Message, StringComparison.Ordinal);
        Assert.Contains("(N, 1, 28, 28), not [2, 1, 32, 32]", Assert.Throws<ArgumentException>(() => PngFolderDataset.Save(wrongSize, Folder)).Message, StringComparison.Ordinal);
        Assert.Contains("Labels must be digits 0–9", Assert.Throws<ArgumentException>(() => PngFolderDataset.Save(badLabel, Folder)).Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Folder));
    }

    private string CsvPath => Path.Combine(Folder, Csv);

    /// <summary>Saves the first <paramref name="count"/> MNIST test digits to <see cref="Folder"/> and ages every file.</summary>
    private MnistDigits SaveDigits(int count, string csvFileName = Csv)
    {
        var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: count);
        PngFolderDataset.Save(digits, Folder, csvFileName);
        foreach (var file in Directory.GetFiles(Folder))
        {
            File.SetLastWriteTimeUtc(file, DataFolderCopy.OldWriteTime);
        }

        return digits;
    }

    private void WriteCsv(string text) => WriteFile(Csv, Encoding.UTF8.GetBytes(text));

    /// <summary>Writes a file in the folder and sets its last-write time back, so a later rewrite would show.</summary>
    private void WriteFile(string name, byte[] bytes)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, DataFolderCopy.OldWriteTime);
    }

    /// <summary>Loads the folder expecting a <see cref="DataFileException"/>, and checks no file or folder changed or appeared.</summary>
    private DataFileException LoadFailsWithoutChangingAnything(int? count = null)
    {
        var before = StateOfAll();

        var exception = Assert.Throws<DataFileException>(() => PngFolderDataset.Load(Folder, count: count));

        Assert.Equal(before, StateOfAll());
        return exception;
    }

    /// <summary>Every file and folder under the temporary root (so files written beside the folder show too).</summary>
    private Dictionary<string, FileState> StateOfAll() =>
        Directory.GetFileSystemEntries(root.FullName, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(path => path, path => Directory.Exists(path) ? new FileState(true, "folder", DateTime.MinValue) : DataFolderCopy.StateOf(path), StringComparer.Ordinal);

    /// <summary>Images as the bytes they came from: round(value × 255).</summary>
    private static byte[] Bytes(torch.Tensor images)
    {
        using var scope = torch.NewDisposeScope();
        return images.mul(255f).round().to(torch.uint8).data<byte>().ToArray();
    }
}
