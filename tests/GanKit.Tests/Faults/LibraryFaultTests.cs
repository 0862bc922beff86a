using GanKit.Data;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Faults;

/// <summary>
/// The fault suite's notebook cases: what a learner's cell meets when it calls GanKit with a wrong path, a damaged
/// file or a setting that cannot work. Each is one exception whose message is one line naming the path or setting and
/// what to do; the files involved are byte-identical afterwards, and so is the real <c>data/</c>.
/// </summary>
public sealed class LibraryFaultTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-library-fault-").FullName;
    private readonly SortedDictionary<string, string> dataAtStart = FaultRun.DataAtStart;

    public LibraryFaultTests() => TorchSession.Start();

    public void Dispose()
    {
        Directory.Delete(folder, recursive: true);
        FaultRun.Unchanged(FaultRun.DataFolder, dataAtStart);
    }

    [Fact]
    public void A_data_path_from_the_wrong_folder_says_where_notebooks_run()
    {
        var message = OneLine<DataFileException>(() => Mnist.Load(Path.Combine(folder, "data", "mnist"), MnistSplit.Test));
        Assert.Contains("does not exist. Check the path (notebooks run in notebooks/, so the course data is ../data/...)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_folder_that_does_not_exist_is_named()
    {
        var message = OneLine<DataFileException>(() => PngFolderDataset.Load(Path.Combine(folder, "my-digits")));
        Assert.Contains($"The folder {Path.Combine(folder, "my-digits")} does not exist. Check the path", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_folder_without_its_csv_is_named_and_unchanged()
    {
        var digits = SavedDigits();
        File.Delete(Path.Combine(digits, PngFolderDataset.DefaultCsvFileName));
        var before = FaultRun.Hashes(digits);
        var message = OneLine<DataFileException>(() => PngFolderDataset.Load(digits));
        Assert.Contains($"{Path.Combine(digits, "labels.csv")} is missing. The folder needs a CSV with a 'file,label' header", message, StringComparison.Ordinal);
        FaultRun.Unchanged(digits, before);
    }

    [Fact]
    public void A_csv_line_with_a_label_that_is_not_a_digit_is_named_by_its_line()
    {
        var digits = SavedDigits();
        var csv = Path.Combine(digits, PngFolderDataset.DefaultCsvFileName);
        File.WriteAllText(csv, File.ReadAllText(csv).Replace(".png,", ".png,eleven", StringComparison.Ordinal));
        var before = FaultRun.Hashes(digits);
        var message = OneLine<DataFileException>(() => PngFolderDataset.Load(digits));
        Assert.Contains("line 2", message, StringComparison.Ordinal);
        Assert.Contains("which is not a digit 0–9", message, StringComparison.Ordinal);
        FaultRun.Unchanged(digits, before);
    }

    [Fact]
    public void A_csv_line_naming_a_missing_image_is_named()
    {
        var digits = SavedDigits();
        var image = Directory.GetFiles(digits, "*.png").Order(StringComparer.Ordinal).First();
        File.Delete(image);
        var before = FaultRun.Hashes(digits);
        var message = OneLine<DataFileException>(() => PngFolderDataset.Load(digits));
        Assert.Contains($"but {image} does not exist. Nothing was changed; add the image, or fix or remove that line.", message, StringComparison.Ordinal);
        FaultRun.Unchanged(digits, before);
    }

    [Fact]
    public void A_truncated_png_is_named_and_unchanged()
    {
        var digits = SavedDigits();
        var image = Directory.GetFiles(digits, "*.png").Order(StringComparer.Ordinal).Last();
        File.WriteAllBytes(image, File.ReadAllBytes(image)[..30]);
        var before = FaultRun.Hashes(digits);
        var message = OneLine<DataFileException>(() => PngFolderDataset.Load(digits));
        Assert.Contains($"{image} (", message, StringComparison.Ordinal);
        Assert.Contains("is not a PNG image GanKit can read", message, StringComparison.Ordinal);
        FaultRun.Unchanged(digits, before);
    }

    [Fact]
    public void A_damaged_shipped_generator_is_named_with_how_to_restore_it()
    {
        var copy = Path.Combine(folder, "generator");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(RepositoryPaths.Generator))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        var weights = Path.Combine(copy, DigitGan.PretrainedFileName);
        var bytes = File.ReadAllBytes(weights);
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        var before = FaultRun.Hashes(copy);
        var message = OneLine<DataFileException>(() => DigitGan.LoadPretrained(copy));
        Assert.Contains($"{weights} does not match its line in SHA256SUMS", message, StringComparison.Ordinal);
        FaultRun.Unchanged(copy, before);
    }

    [Theory]
    [InlineData(DigitGanModel.Dcgan, 0, "DigitGanRecipe.Width must be at least 1 for the DCGAN (its recipe has 32), not 0.")]
    [InlineData(DigitGanModel.Dcgan, -4, "DigitGanRecipe.Width must be at least 1 for the DCGAN (its recipe has 32), not -4.")]
    [InlineData(DigitGanModel.Mlp, 32, "DigitGanRecipe.Width must be 0 for the fully-connected GAN, whose layers are fixed, not 32")]
    public void A_recipe_width_that_cannot_work_is_refused_by_name(DigitGanModel model, int width, string expected)
    {
        var recipe = DigitGan.Recipe(model) with { Width = width };
        Assert.Contains(expected, OneLine<ArgumentException>(() => DigitGan.CreateTrainer(recipe)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BatchSize", "GanTrainerOptions.BatchSize must be at least 1, not 0.")]
    [InlineData("AverageDecay", "DigitGanRecipe.AverageDecay must be at least 0 (no average) and below 1, not 1.")]
    [InlineData("NoiseSize", "DigitGanRecipe.NoiseSize must be at least 1, not 0.")]
    [InlineData("DiscriminatorWidth", "DigitGanRecipe.DiscriminatorWidth must be null (the generator's width) or, for the DCGAN only, at least 1, not 0.")]
    public void A_recipe_setting_that_cannot_work_is_refused_by_name_before_any_network_is_built(string setting, string expected)
    {
        var recipe = DigitGan.Recipe(DigitGanModel.Dcgan);
        recipe = setting switch
        {
            "BatchSize" => recipe with { Options = recipe.Options with { BatchSize = 0 } },
            "AverageDecay" => recipe with { AverageDecay = 1 },
            "DiscriminatorWidth" => recipe with { DiscriminatorWidth = 0 },
            _ => recipe with { NoiseSize = 0 },
        };
        Assert.Contains(expected, OneLine<ArgumentException>(() => DigitGan.Build(recipe)), StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_through_a_regular_file_is_one_line_and_leaves_nothing_behind()
    {
        var file = Path.Combine(folder, "notes.txt");
        File.WriteAllText(file, "a learner's notes");
        var target = Path.Combine(file, "grid.png");
        var message = OneLine<IOException>(() => AtomicFile.WriteAllBytes(target, [1, 2, 3]));
        Assert.Equal($"Cannot write {target}: {file} is a file, not a folder. Choose a folder you can write to. Nothing else was changed.", message);
        Assert.Equal(["notes.txt"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    [Fact]
    public void An_existing_file_is_never_overwritten_when_told_not_to()
    {
        var file = Path.Combine(folder, "generator.bin");
        File.WriteAllText(file, "the learner's generator");
        var message = OneLine<IOException>(() => AtomicFile.WriteAllText(file, "new", overwrite: false));
        Assert.Contains($"{file} exists already and is never overwritten", message, StringComparison.Ordinal);
        Assert.Equal("the learner's generator", File.ReadAllText(file));
        Assert.Single(Directory.GetFiles(folder));
    }

    // The exception of type T the action throws, checked to be one line; its message.
    private static string OneLine<T>(Action action)
        where T : Exception
    {
        var exception = Assert.ThrowsAny<T>(action);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.DoesNotContain("(Parameter '", exception.Message, StringComparison.Ordinal);
        FaultRun.Record(exception.GetType().Name, exception.Message);
        return exception.Message;
    }

    // Twelve test digits saved as a PNG folder with its CSV; the folder's path.
    private string SavedDigits()
    {
        var digits = Path.Combine(folder, "digits");
        using var twelve = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 12);
        PngFolderDataset.Save(twelve, digits);
        return digits;
    }
}
