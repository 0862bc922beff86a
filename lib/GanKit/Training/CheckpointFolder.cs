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
    public IReadOnlyList<(int Step, string Path)> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(Folder, "step-*" + GanCheckpoint.Extension)
            .Select(path => (Match: FileNamePattern().Match(Path.GetFileName(path)), Path: path))
            .Where(entry => entry.Match.Success)
            .Select(entry => (int.Parse(entry.Match.Groups[1].Value, CultureInfo.InvariantCulture), entry.Path))
            .OrderBy(entry => entry.Item1)];
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

    [GeneratedRegex(@"^step-(\d{7,})\.gan-checkpoint$")]
    private static partial Regex FileNamePattern();
}
