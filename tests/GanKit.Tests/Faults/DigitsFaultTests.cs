using System.Security.Cryptography;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Faults;

/// <summary>
/// The fault suite's terminal-command cases: <c>tools/Digits</c> run in a copy of the repository against a damaged
/// file, an odd setting or a file system that says no. Each ends in one clear line and a non-zero exit code, before
/// any training where the fault can be seen before it; every earlier file is byte-identical afterwards, and so is the
/// real <c>data/</c> (checked after every case).
/// </summary>
public sealed class DigitsFaultTests : IDisposable
{
    private const string TrainingStarted = "Training the ";
    private readonly FaultRepository repository = new();
    private readonly SortedDictionary<string, string> dataAtStart = FaultRun.DataAtStart;

    public void Dispose()
    {
        repository.Dispose();
        FaultRun.Unchanged(FaultRun.DataFolder, dataAtStart);
    }

    // ---- The file system says no -------------------------------------------------------------------------------

    [Fact]
    public void An_output_folder_through_a_regular_file_is_refused_before_training()
    {
        File.WriteAllText(repository.PathOf("notes.txt"), "a learner's file");
        var outcome = Train("--output", repository.PathOf("notes.txt", "run"));
        FaultRun.IsOneClearLine(outcome, "--output", $"cannot write there ({repository.PathOf("notes.txt")} is a file, not a folder)", "Choose a folder you can write to");
        Assert.Equal("a learner's file", File.ReadAllText(repository.PathOf("notes.txt")));
    }

    [SkippableFact]
    public void A_read_only_output_disk_is_refused_before_training()
    {
        SkipWithoutMounts();

        var mount = repository.PathOf("read-only");
        var outcome = repository.DigitsWithTmpfs(mount, "ro", null, "train-gan", "--steps", "20", "--output", Path.Combine(mount, "run"));
        FaultRun.IsOneClearLine(outcome, "--output", "cannot write there (the file system is read-only)", "Choose a folder you can write to");
        Assert.DoesNotContain(TrainingStarted, outcome.All, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_full_output_disk_is_refused_before_training_and_leaves_no_temporary_file()
    {
        SkipWithoutMounts();

        var mount = repository.PathOf("small-disk");
        var outcome = repository.DigitsWithTmpfs(mount, "size=2m", null, "train-gan", "--steps", "40", "--output", Path.Combine(mount, "run"));
        FaultRun.IsOneClearLine(outcome, "The disk holding", "MiB free, but about", "are needed for the 2 checkpoints this run still saves and its results");
        Assert.DoesNotContain("[#", outcome.All, StringComparison.Ordinal);   // no progress bar: not one step was trained
    }

    [SkippableFact]
    public void A_full_disk_for_the_classifier_is_refused_before_its_training()
    {
        SkipWithoutMounts();

        var mount = repository.PathOf("small-disk");
        var outcome = repository.DigitsWithTmpfs(mount, "size=100k", null, "train-classifier", "--epochs", "1", "--output", Path.Combine(mount, "classifier"));
        FaultRun.IsOneClearLine(outcome, "The disk holding", "are needed for the classifier's weights");
        Assert.DoesNotContain("epoch 1/1", outcome.All, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_cache_folder_that_is_a_regular_file_names_GANKIT_CACHE()
    {
        File.WriteAllText(repository.PathOf("cache.txt"), "not a folder");
        var outcome = TrainWith(new() { ["GANKIT_CACHE"] = repository.PathOf("cache.txt") });
        SkipUnlessCorrectedLibrary(outcome);

        FaultRun.IsOneClearLine(outcome, $"into its cache folder {repository.PathOf("cache.txt")}", $"{repository.PathOf("cache.txt")} is a file, not a folder", "Set GANKIT_CACHE");
        Assert.Equal("not a folder", File.ReadAllText(repository.PathOf("cache.txt")));
    }

    [SkippableFact]
    public void A_read_only_cache_folder_names_GANKIT_CACHE()
    {
        SkipWithoutMounts();

        var mount = repository.PathOf("read-only");
        var outcome = repository.DigitsWithTmpfs(mount, "ro", new Dictionary<string, string?> { ["GANKIT_CACHE"] = Path.Combine(mount, "cache") }, "train-gan", "--steps", "2", "--output", repository.PathOf("run"));
        SkipUnlessCorrectedLibrary(outcome);

        FaultRun.IsOneClearLine(outcome, "the file system is read-only", "Set GANKIT_CACHE to an absolute folder you can write to");
    }

    [SkippableFact]
    public void A_full_cache_disk_names_GANKIT_CACHE_and_leaves_no_temporary_file()
    {
        SkipWithoutMounts();

        var mount = repository.PathOf("small-disk");
        var outcome = repository.DigitsWithTmpfs(mount, "size=1m", new Dictionary<string, string?> { ["GANKIT_CACHE"] = Path.Combine(mount, "cache") }, "train-gan", "--steps", "2", "--output", repository.PathOf("run"));
        SkipUnlessCorrectedLibrary(outcome);

        FaultRun.IsOneClearLine(outcome, "the disk is full", "Set GANKIT_CACHE");
    }

    [Fact]
    public void A_relative_GANKIT_CACHE_is_refused_by_name()
    {
        var outcome = TrainWith(new() { ["GANKIT_CACHE"] = "my-cache" });
        FaultRun.IsOneClearLine(outcome, "GANKIT_CACHE must be an absolute folder path (starting with /), but it is 'my-cache'.");
        Assert.False(Directory.Exists(repository.PathOf("my-cache")));
    }

    [SkippableFact]
    public void A_home_folder_that_does_not_exist_is_named_and_nothing_is_created()
    {
        var home = repository.PathOf("no-such-home");
        var outcome = TrainWith(new() { ["HOME"] = home, ["XDG_CACHE_HOME"] = null, ["GANKIT_CACHE"] = null });
        SkipUnlessCorrectedLibrary(outcome);

        FaultRun.IsOneClearLine(outcome, $"the home folder {home} (HOME) does not exist", "Set GANKIT_CACHE");
        Assert.False(Directory.Exists(home));
        Assert.False(Directory.Exists(repository.PathOf(".cache")));   // not in the working directory either
    }

    [Fact]
    public void A_relative_XDG_CACHE_HOME_is_ignored_rather_than_made_in_the_working_directory()
    {
        var outcome = TrainWith(new() { ["XDG_CACHE_HOME"] = "relative-cache", ["GANKIT_CACHE"] = null }, "--steps", "2");
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.False(Directory.Exists(repository.PathOf("relative-cache")));
    }

    // ---- Odd names in a checkpoint folder --------------------------------------------------------------------

    [Theory]
    [InlineData("train-gan")]
    [InlineData("evaluate-gan")]
    public void A_checkpoint_name_whose_step_does_not_fit_is_named(string command)
    {
        var checkpoints = repository.PathOf("run", "checkpoints");
        Directory.CreateDirectory(checkpoints);
        var odd = Path.Combine(checkpoints, "step-99999999999.gan-checkpoint");
        File.WriteAllText(odd, "odd");
        var outcome = command == "train-gan"
            ? repository.Digits(null, "train-gan", "--resume", "--steps", "20", "--output", repository.PathOf("run"))
            : repository.Digits(null, "evaluate-gan", "--checkpoints", checkpoints);
        FaultRun.IsOneClearLine(outcome, $"{odd} is named like a checkpoint, but its step number is larger than any run can reach", "Move it out of");
        Assert.Equal("odd", File.ReadAllText(odd));
    }

    // ---- Settings that make no sense -------------------------------------------------------------------------

    [Theory]
    [InlineData("GANKIT_MALLOC", "maybe", "GANKIT_MALLOC must be on or off, but it is 'maybe'.")]
    [InlineData("GANKIT_THREADS", "0", "GANKIT_THREADS must be a whole number of at least 1, but it is '0'.")]
    [InlineData("GANKIT_THREADS", "two", "GANKIT_THREADS must be a whole number of at least 1, but it is 'two'.")]
    [InlineData("GANKIT_DEVICE", "tpu", "GANKIT_DEVICE must be auto, cpu or cuda, but it is 'tpu'.")]
    [InlineData("GANKIT_SMOKE", "yes", "GANKIT_SMOKE must be 1, true, 0 or false, but it is 'yes'.")]
    public void An_unknown_setting_value_is_refused_by_name_with_the_allowed_values(string variable, string value, string expected)
    {
        var outcome = TrainWith(new() { [variable] = value });
        FaultRun.IsOneClearLine(outcome, expected, "Unset it for the default");
        Assert.False(Directory.Exists(repository.PathOf("run")));
    }

    [Theory]
    [InlineData(new[] { "--width", "0" }, "--width must be a whole number of at least 1, not '0'.")]
    [InlineData(new[] { "--model", "mlp", "--width", "64" }, "--width applies to --model dcgan only")]
    [InlineData(new[] { "--model", "mlp", "--d-width", "64" }, "--d-width applies to --model dcgan only")]
    [InlineData(new[] { "--batch", "100000" }, "--batch 100000 is more than the 60,000 training digits: choose at most 60000.")]
    [InlineData(new[] { "--average", "1" }, "--average must be at least 0 and below 1, not '1'.")]
    [InlineData(new[] { "--g-lr", "NaN" }, "--g-lr must be a positive number, not 'NaN'.")]
    public void An_option_that_cannot_work_is_named_as_typed(string[] arguments, string expected)
    {
        var outcome = Train(arguments);
        FaultRun.IsOneClearLine(outcome, expected);
        Assert.DoesNotContain(TrainingStarted, outcome.All, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter '", outcome.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_checksum_line_blames_the_checksum_file()
    {
        var sums = repository.PathOf("data", "mnist", "SHA256SUMS");
        File.WriteAllText(sums, "Z" + File.ReadAllText(sums)[1..]);
        var outcome = Train();
        FaultRun.IsOneClearLine(outcome, $"{sums} line 1 is not 'sha256  file-name'", "restore it with 'git checkout --");
    }

    [Fact]
    public void A_changed_checksum_says_the_file_or_its_line_changed_and_how_to_tell()
    {
        var sums = repository.PathOf("data", "mnist", "SHA256SUMS");
        var text = File.ReadAllText(sums);
        File.WriteAllText(sums, (text[0] == '0' ? "1" : "0") + text[1..]);   // the first file's hash, one digit off
        var outcome = Train();
        FaultRun.IsOneClearLine(outcome, "does not match its line in SHA256SUMS", "either the file is corrupt or truncated, or that line was changed", "git diff --");
    }

    // ---- Errors that used to be found late ---------------------------------------------------------------------

    [Theory]
    [InlineData("t10k-images-idx3-ubyte.gz")]
    [InlineData("t10k-labels-idx1-ubyte.gz")]
    public void A_missing_test_file_is_reported_before_training(string fileName)
    {
        File.Delete(repository.PathOf("data", "mnist", fileName));
        var outcome = Train();
        FaultRun.IsOneClearLine(outcome, $"{repository.PathOf("data", "mnist", fileName)} is missing. Restore it with 'git checkout --");
        Assert.DoesNotContain(TrainingStarted, outcome.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_test_image_file_is_reported_before_training()
    {
        Damage(repository.PathOf("data", "mnist", "t10k-images-idx3-ubyte.gz"), 5_000);
        var outcome = Train();
        FaultRun.IsOneClearLine(outcome, "t10k-images-idx3-ubyte.gz does not match its line in SHA256SUMS");
        Assert.DoesNotContain(TrainingStarted, outcome.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_classifier_is_reported_before_training()
    {
        var classifier = repository.PathOf("data", "classifier", "digit-classifier.bin");
        File.WriteAllBytes(classifier, File.ReadAllBytes(classifier)[..1_000]);
        var outcome = Train();
        FaultRun.IsOneClearLine(outcome, $"{classifier} does not match its line in SHA256SUMS (1,000 bytes");
        Assert.DoesNotContain(TrainingStarted, outcome.All, StringComparison.Ordinal);
    }

    [Fact]
    public void A_damaged_later_checkpoint_stops_evaluation_before_the_first_is_measured()
    {
        Assert.Equal(0, Train("--steps", "40").ExitCode);
        var checkpoints = new CheckpointFolder(repository.PathOf("run", "checkpoints"), 20);
        var last = checkpoints.PathFor(40);
        Damage(last, 2_000);
        var before = FaultRun.Hashes(checkpoints.Folder);
        var outcome = repository.Digits(null, "evaluate-gan", "--checkpoints", checkpoints.Folder);
        FaultRun.IsOneClearLine(outcome, $"{last} is truncated or corrupt: its contents do not match the SHA-256 written at its end");
        Assert.DoesNotContain("step,digit_fid", outcome.All, StringComparison.Ordinal);
        FaultRun.Unchanged(checkpoints.Folder, before);
    }

    // ---- Earlier classes: data, weights, checkpoints, NaN losses, CUDA -------------------------------------------

    [Fact]
    public void A_missing_training_image_file_is_named_with_how_to_restore_it()
    {
        File.Delete(repository.PathOf("data", "mnist", "train-images-idx3-ubyte.gz"));
        FaultRun.IsOneClearLine(Train(), "train-images-idx3-ubyte.gz is missing. Restore it with 'git checkout -- data/mnist/train-images-idx3-ubyte.gz'");
    }

    [Fact]
    public void A_missing_checksum_file_is_named()
    {
        File.Delete(repository.PathOf("data", "mnist", "SHA256SUMS"));
        FaultRun.IsOneClearLine(Train(), "SHA256SUMS is missing, so the data files cannot be verified");
    }

    [Fact]
    public void A_truncated_labels_file_listed_with_its_new_checksum_is_still_caught_by_its_header()
    {
        var labels = repository.PathOf("data", "mnist", "train-labels-idx1-ubyte.gz");
        var bytes = Recompressed(labels, keep: 8 + 100);   // the header and 100 of the 60,000 labels
        File.WriteAllBytes(labels, bytes);
        var sums = repository.PathOf("data", "mnist", "SHA256SUMS");
        File.WriteAllLines(sums, File.ReadAllLines(sums).Select(line => line.EndsWith("  train-labels-idx1-ubyte.gz", StringComparison.Ordinal)
            ? $"{Convert.ToHexStringLower(SHA256.HashData(bytes))}  train-labels-idx1-ubyte.gz"
            : line));
        FaultRun.IsOneClearLine(Train(), "train-labels-idx1-ubyte.gz", "has 100 label bytes where its header promises 60000");
    }

    [Fact]
    public void A_truncated_checkpoint_is_not_resumed_and_not_changed()
    {
        Assert.Equal(0, Train("--steps", "20").ExitCode);
        var checkpoint = new CheckpointFolder(repository.PathOf("run", "checkpoints"), 20).PathFor(20);
        File.WriteAllBytes(checkpoint, File.ReadAllBytes(checkpoint)[..3_000]);
        var before = FaultRun.Hashes(repository.PathOf("run"));
        var outcome = Train("--resume", "--steps", "40");
        FaultRun.IsOneClearLine(outcome, $"{checkpoint} is truncated or corrupt", "move this one aside");
        FaultRun.Unchanged(repository.PathOf("run"), before);
    }

    [Fact]
    public void A_foreign_file_named_as_a_checkpoint_is_not_resumed_and_not_changed()
    {
        var checkpoint = new CheckpointFolder(repository.PathOf("run", "checkpoints"), 20).PathFor(20);
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        File.WriteAllBytes(checkpoint, RandomNumberGenerator.GetBytes(5_000));
        var before = FaultRun.Hashes(repository.PathOf("run"));
        FaultRun.IsOneClearLine(Train("--resume", "--steps", "40"), $"{checkpoint} is not a GanKit GAN checkpoint");
        FaultRun.Unchanged(repository.PathOf("run"), before);
    }

    [Fact]
    public void A_checkpoint_of_the_other_model_is_not_resumed_and_not_changed()
    {
        Assert.Equal(0, Train("--model", "mlp", "--steps", "20").ExitCode);
        var before = FaultRun.Hashes(repository.PathOf("run"));
        var outcome = Train("--resume", "--steps", "40");
        FaultRun.IsOneClearLine(outcome, "was written for a MlpGenerator and a MlpDiscriminator, not for this run's DcganGenerator and DcganDiscriminator");
        FaultRun.Unchanged(repository.PathOf("run"), before);
    }

    [Fact]
    public void A_killed_save_leaves_a_temporary_file_that_resuming_ignores_and_keeps()
    {
        Assert.Equal(0, Train("--steps", "20").ExitCode);
        var folder = new CheckpointFolder(repository.PathOf("run", "checkpoints"), 20);
        var leftover = folder.PathFor(40) + ".12345.tmp";   // what a save killed halfway leaves
        File.WriteAllBytes(leftover, File.ReadAllBytes(folder.PathFor(20))[..4_000]);
        var before = FaultRun.Hashes(folder.Folder);
        var outcome = Train("--resume", "--steps", "40");
        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Contains($"Resumed from {folder.PathFor(20)}: step 20 of 40.", outcome.All, StringComparison.Ordinal);
        Assert.All(before, entry => Assert.Equal(entry.Value, FaultRun.Hashes(folder.Folder)[entry.Key]));   // nothing earlier changed
    }

    [Fact]
    public void Losses_that_become_NaN_stop_the_run_with_the_rates_to_lower_and_save_nothing()
    {
        var outcome = Train("--steps", "40", "--g-lr", "1e30", "--d-lr", "1e30");
        FaultRun.IsOneClearLine(outcome, "became NaN at step", "training diverged. Lower the learning rates (now G 1E+30, D 1E+30)");
        Assert.Empty(new CheckpointFolder(repository.PathOf("run", "checkpoints"), 20).List());
    }

    [SkippableFact]
    public void CUDA_requested_without_CUDA_says_so_in_one_line_and_falls_back_to_the_CPU()
    {
        var outcome = TrainWith(new() { ["GANKIT_DEVICE"] = "cuda" }, "--steps", "2");
        FaultRun.HasNoStackTrace(outcome);
        Skip.IfNot(outcome.All.Contains("this GanKit build has the CPU natives only", StringComparison.Ordinal),
            "This GanKit build has the CUDA natives; the fallback is for a CPU-only build.");

        Assert.True(outcome.ExitCode == 0, outcome.All);
        Assert.Single(outcome.All.Split('\n'), line => line.Contains("CUDA was requested (GANKIT_DEVICE=cuda)", StringComparison.Ordinal) && line.Contains("Falling back to the CPU", StringComparison.Ordinal));
    }

    // ---- Helpers ---------------------------------------------------------------------------------------------

    private FaultRun.Outcome Train(params string[] arguments) => TrainWith(null, arguments);

    // train-gan with the arguments given, and 20 steps, a checkpoint every 20 and the output run/ unless they say otherwise.
    private FaultRun.Outcome TrainWith(Dictionary<string, string?>? environment, params string[] arguments)
    {
        var defaults = new[] { ("--steps", "20"), ("--checkpoint-every", "20"), ("--output", repository.PathOf("run")) };
        return repository.Digits(environment, ["train-gan", .. arguments, .. defaults.Where(option => !arguments.Contains(option.Item1)).SelectMany(option => new[] { option.Item1, option.Item2 })]);
    }

    private static void SkipWithoutMounts() =>
        Skip.If(FaultRun.MountNamespaceProblem is not null, $"{FaultRun.MountNamespaceProblem}; a read-only or full disk cannot be made without it.");

    // The cache holds a corrected copy of TorchSharp's library, written only where libstdc++ is too old (Debian 12).
    private static void SkipUnlessCorrectedLibrary(FaultRun.Outcome outcome) =>
        Skip.If(outcome.All.Contains("native libraries: as shipped", StringComparison.Ordinal),
            "TorchSharp's library needs no corrected copy on this machine, so GanKit writes no cache.");

    // Flips one byte in the middle of a file.
    private static void Damage(string path, int offset)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[Math.Min(offset, bytes.Length / 2)] ^= 0xFF;
        File.WriteAllBytes(path, bytes);
    }

    // The gzip file's first keep bytes, compressed again.
    private static byte[] Recompressed(string path, int keep)
    {
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(path), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        input.CopyTo(plain);
        using var packed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(packed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain.GetBuffer().AsSpan(0, keep));
        }

        return packed.ToArray();
    }
}
