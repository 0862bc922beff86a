using GanKit.Data;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;

namespace GanKit.Tests.Training;

/// <summary>A run's checkpoint folder: one file per saved step, resume from the newest, never a silent skip.</summary>
public sealed class CheckpointFolderTests : IDisposable
{
    private readonly string folder = Path.Combine(Directory.CreateTempSubdirectory("gankit-checkpoints-").FullName, "run");

    public CheckpointFolderTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);

    [Fact]
    public void Checkpoints_are_saved_every_n_steps_and_listed_oldest_first()
    {
        var checkpoints = new CheckpointFolder(folder, every: 2);
        var written = TrainSaving(checkpoints, steps: 5);

        Assert.Equal([null, checkpoints.PathFor(2), null, checkpoints.PathFor(4), null], written);
        Assert.Equal([2, 4], checkpoints.List().Select(entry => entry.Step));
        Assert.EndsWith("step-0000004.gan-checkpoint", checkpoints.List()[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_loads_the_newest_checkpoint_and_ignores_leftover_temporary_files()
    {
        var checkpoints = new CheckpointFolder(folder, every: 1);
        TrainSaving(checkpoints, steps: 3);

        File.WriteAllText(checkpoints.PathFor(4) + ".1234.tmp", "half a checkpoint from a killed run");
        var resumed = GanCheckpointTests.NewRun(seed: 5);

        Assert.Equal(3, checkpoints.ResumeLatest(resumed));
        Assert.Equal(3, resumed.Step);
    }

    [Fact]
    public void An_empty_or_missing_folder_means_a_new_run()
    {
        var run = GanCheckpointTests.NewRun(seed: 1);

        Assert.Equal(0, new CheckpointFolder(folder, every: 10).ResumeLatest(run));
        Assert.Empty(new CheckpointFolder(folder, every: 10).List());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_damaged_newest_checkpoint_stops_the_resume_instead_of_falling_back_silently()
    {
        var checkpoints = new CheckpointFolder(folder, every: 1);
        TrainSaving(checkpoints, steps: 2);

        var newest = checkpoints.PathFor(2);
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..100]);
        var resumed = GanCheckpointTests.NewRun(seed: 5);

        var error = Assert.Throws<DataFileException>(() => checkpoints.ResumeLatest(resumed));

        Assert.Contains("step-0000002.gan-checkpoint is truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, new FileInfo(newest).Length);
        Assert.Equal(2, checkpoints.List().Count);
    }

    /// <summary>A new small run trained <paramref name="steps"/> steps, offered to <paramref name="checkpoints"/> after each; what SaveIfDue returned.</summary>
    private static List<string?> TrainSaving(CheckpointFolder checkpoints, int steps)
    {
        var run = GanCheckpointTests.NewRun(seed: 1);
        using var data = GanCheckpointTests.RandomImages(64, seed: 2);
        using var batches = new ShuffledBatches(data, 16);
        var written = new List<string?>();
        for (var step = 0; step < steps; step++)
        {
            run.TrainStep(batches.Next);
            written.Add(checkpoints.SaveIfDue(run));
        }

        return written;
    }
}
