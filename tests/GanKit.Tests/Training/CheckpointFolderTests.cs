using GanKit.Data;
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
        var (run, _, _) = GanCheckpointTests.NewRun(seed: 1);
        using var data = GanCheckpointTests.RandomImages(64, seed: 2);
        using var batches = new ShuffledBatches(data, 16);
        var written = new List<string?>();
        for (var step = 0; step < 5; step++)
        {
            run.Trainer.TrainStep(batches.Next);
            written.Add(checkpoints.SaveIfDue(run.Trainer));
        }

        Assert.Equal([null, checkpoints.PathFor(2), null, checkpoints.PathFor(4), null], written);
        Assert.Equal([2, 4], checkpoints.List().Select(entry => entry.Step));
        Assert.EndsWith("step-0000004.gan-checkpoint", checkpoints.List()[^1].Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Resuming_loads_the_newest_checkpoint_and_ignores_leftover_temporary_files()
    {
        var checkpoints = new CheckpointFolder(folder, every: 1);
        var (run, _, _) = GanCheckpointTests.NewRun(seed: 1);
        using var data = GanCheckpointTests.RandomImages(64, seed: 2);
        using var batches = new ShuffledBatches(data, 16);
        for (var step = 0; step < 3; step++)
        {
            run.Trainer.TrainStep(batches.Next);
            checkpoints.SaveIfDue(run.Trainer);
        }

        File.WriteAllText(checkpoints.PathFor(4) + ".1234.tmp", "half a checkpoint from a killed run");
        var (resumed, _, _) = GanCheckpointTests.NewRun(seed: 5);

        Assert.Equal(3, checkpoints.ResumeLatest(resumed.Trainer));
        Assert.Equal(3, resumed.Trainer.Step);
    }

    [Fact]
    public void An_empty_or_missing_folder_means_a_new_run()
    {
        var (run, _, _) = GanCheckpointTests.NewRun(seed: 1);

        Assert.Equal(0, new CheckpointFolder(folder, every: 10).ResumeLatest(run.Trainer));
        Assert.Empty(new CheckpointFolder(folder, every: 10).List());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public void A_damaged_newest_checkpoint_stops_the_resume_instead_of_falling_back_silently()
    {
        var checkpoints = new CheckpointFolder(folder, every: 1);
        var (run, _, _) = GanCheckpointTests.NewRun(seed: 1);
        using var data = GanCheckpointTests.RandomImages(64, seed: 2);
        using var batches = new ShuffledBatches(data, 16);
        for (var step = 0; step < 2; step++)
        {
            run.Trainer.TrainStep(batches.Next);
            checkpoints.SaveIfDue(run.Trainer);
        }

        var newest = checkpoints.PathFor(2);
        File.WriteAllBytes(newest, File.ReadAllBytes(newest)[..100]);
        var (resumed, _, _) = GanCheckpointTests.NewRun(seed: 5);

        var error = Assert.Throws<DataFileException>(() => checkpoints.ResumeLatest(resumed.Trainer));

        Assert.Contains("step-0000002.gan-checkpoint is truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(100, new FileInfo(newest).Length);
        Assert.Equal(2, checkpoints.List().Count);
    }
}
