using System.Globalization;
using System.Text.RegularExpressions;

namespace GanKit.Training;

/// <summary>
/// A run's checkpoints, one file per saved step (<c>step-0001000.gan-checkpoint</c>): saves one every <see cref="Every"/>
/// steps and resumes a trainer from the newest. Nothing is overwritten or deleted; a leftover <c>*.tmp</c> is ignored.
/// Introduced in chapter 05.
/// <code>
/// var checkpoints = new CheckpointFolder("runs/dcgan", every: 500);
/// checkpoints.ResumeLatest(trainer);              // 0 for a new run, else the step it continues from
/// while (trainer.Step &lt; steps) { trainer.TrainStep(...); checkpoints.SaveIfDue(trainer); }
/// </code>
/// </summary>
public sealed partial class CheckpointFolder
{
    /// <summary>Uses <paramref name="folder"/> (created on the first save), saving every <paramref name="every"/> steps.</summary>
    public CheckpointFolder(string folder, int every)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentOutOfRangeException.ThrowIfLessThan(every, 1);
        Folder = Path.GetFullPath(folder);
        Every = every;
    }

    public string Folder { get; }

    public int Every { get; }

    /// <summary>The checkpoints in the folder, oldest first.</summary>
    /// <exception cref="Data.DataFileException">A file is named like a checkpoint but its step does not fit a step count; it is left as it is.</exception>
    public IReadOnlyList<(int Step, string Path)> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Folder, "step-*" + GanCheckpoint.Extension)
            .Select(path => (Match: FileNamePattern().Match(Path.GetFileName(path)), Path: path))
            .Where(entry => entry.Match.Success)
            .Select(entry => (StepOf(entry.Match.Groups[1].Value, entry.Path), entry.Path))
            .OrderBy(entry => entry.Item1)];
    }

    /// <summary>
    /// Checks, before the first training step, that the folder can be created and written and that its disk has room
    /// for the checkpoints still to come until <paramref name="untilStep"/>, and <paramref name="alsoWrittenBytes"/> more
    /// that the run writes beside them.
    /// </summary>
    /// <exception cref="IOException">The folder cannot be written, or its disk is too full; the message names it.</exception>
    public void CheckWritable(GanTrainer trainer, int untilStep, long alsoWrittenBytes = 0)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var probe = Path.Combine(Folder, $".write-check.{Environment.ProcessId}.tmp");
        try
        {
            Directory.CreateDirectory(Folder);
            using var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception exception) when (Data.FileSystemError.Is(exception))
        {
            throw new IOException($"Cannot write checkpoints in {Folder}: {Data.FileSystemError.Reason(exception, probe)}. {Data.FileSystemError.Advice(exception)}", exception);
        }

        var still = Math.Max(1, (untilStep / Every) - (trainer.Step / Every));
        Data.DiskSpace.Require(Folder, (still * trainer.CheckpointSizeEstimate) + alsoWrittenBytes,
            string.Create(CultureInfo.InvariantCulture, $"the {still:N0} checkpoint{(still == 1 ? "" : "s")} this run still saves{(alsoWrittenBytes > 0 ? " and its results" : "")}"));
    }

    /// <summary>The file a checkpoint of <paramref name="step"/> is written to.</summary>
    public string PathFor(int step) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"step-{step:D7}{GanCheckpoint.Extension}"));

    /// <summary>Saves a checkpoint when the trainer's step is a multiple of <see cref="Every"/> and none exists for it; returns the file, or null.</summary>
    public string? SaveIfDue(GanTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        if (trainer.Step == 0 || trainer.Step % Every != 0 || File.Exists(PathFor(trainer.Step)))
        {
            return null;
        }

        trainer.SaveCheckpoint(PathFor(trainer.Step));
        return PathFor(trainer.Step);
    }

    /// <summary>Loads the newest checkpoint into <paramref name="trainer"/>; returns its step, or 0 when there is none.</summary>
    /// <exception cref="Data.DataFileException">The newest checkpoint is truncated, altered or foreign. It is not skipped silently: move it aside to resume from the one before.</exception>
    public int ResumeLatest(GanTrainer trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var checkpoints = List();
        if (checkpoints.Count == 0)
        {
            return 0;
        }

        trainer.LoadCheckpoint(checkpoints[^1].Path);
        return trainer.Step;
    }

    private static int StepOf(string digits, string path) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var step)
            ? step
            : throw new Data.DataFileException(path,
                $"{path} is named like a checkpoint, but its step number is larger than any run can reach ({int.MaxValue:N0}); GanKit did not write it. Move it out of {Path.GetDirectoryName(path)}. The file was not changed.");

    [GeneratedRegex(@"^step-(\d{7,})\.gan-checkpoint$")]
    private static partial Regex FileNamePattern();
}
