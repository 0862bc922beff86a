using System.Security.Cryptography;
using GanKit.Data;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>Checkpoints: a resumed run continues exactly; bad files are refused with a clear message and left alone.</summary>
public sealed class GanCheckpointTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-checkpoint-").FullName;

    public GanCheckpointTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_run_resumed_from_a_checkpoint_continues_exactly_as_the_uninterrupted_run()
    {
        var data = RandomImages(256, seed: 1);
        var uninterrupted = NewRun(seed: 7);
        Train(uninterrupted, data, steps: 3, seed: 11);
        var path = Path.Combine(folder, "step-3" + GanCheckpoint.Extension);
        uninterrupted.SaveCheckpoint(path);
        Train(uninterrupted, data, steps: 3, seed: 12);

        var resumed = NewRun(seed: 99);   // other starting weights, overwritten by the checkpoint
        resumed.LoadCheckpoint(path);
        Assert.Equal(3, resumed.Step);
        Train(resumed, data, steps: 3, seed: 12);

        Assert.Equal(6, resumed.Step);
        Assert.Equal(6, resumed.GeneratorAverage!.Updates);
        var pairs = uninterrupted.Generator.parameters().Zip(resumed.Generator.parameters())
            .Concat(uninterrupted.Discriminator.parameters().Zip(resumed.Discriminator.parameters()))
            .Concat(uninterrupted.GeneratorAverage!.Average.parameters().Zip(resumed.GeneratorAverage.Average.parameters()));
        foreach (var (expected, actual) in pairs)
        {
            Assert.True(expected.eq(actual).all().item<bool>(), "Weights after resuming differ from the uninterrupted run: the optimizer state or a buffer was not restored.");
        }
    }

    [Fact]
    public void A_run_with_rmsprop_and_decaying_rates_resumes_exactly()
    {
        // Chapter 04's WGAN settings: RMSprop's state must be saved, and the decayed rates recomputed from the step.
        var target = new NormalDistribution(4, 1.25);
        var options = new GanTrainerOptions { BatchSize = 16, Loss = GanLoss.Wasserstein, Optimizer = GanOptimizer.RMSprop, WeightClip = 0.05, LearningRateDecaySteps = 10 };
        GanTrainer NewRmspropRun(int seed)
        {
            manual_seed(seed);
            return new GanTrainer(new MlpGenerator(1, 1, [8]), new MlpDiscriminator(1, [8]), options, random: new Generator(5));
        }

        void TrainSteps(GanTrainer trainer, int steps, int seed)
        {
            var batches = new Generator((ulong)seed);
            for (var step = 0; step < steps; step++)
            {
                trainer.TrainStep(() => target.Sample(16, generator: batches));
            }
        }

        var uninterrupted = NewRmspropRun(seed: 3);
        TrainSteps(uninterrupted, 4, seed: 21);
        var path = Path.Combine(folder, "rmsprop" + GanCheckpoint.Extension);
        uninterrupted.SaveCheckpoint(path);
        using var noiseState = uninterrupted.Random!.get_state();   // the trainer's noise stream is not part of a checkpoint
        TrainSteps(uninterrupted, 4, seed: 22);

        var resumed = NewRmspropRun(seed: 98);   // other starting weights, overwritten by the checkpoint
        resumed.LoadCheckpoint(path);
        resumed.Random!.set_state(noiseState);
        TrainSteps(resumed, 4, seed: 22);

        var pairs = uninterrupted.Generator.parameters().Zip(resumed.Generator.parameters())
            .Concat(uninterrupted.Discriminator.parameters().Zip(resumed.Discriminator.parameters()));
        Assert.All(pairs, pair => Assert.True(pair.First.eq(pair.Second).all().item<bool>(), "RMSprop's state or the decayed rate was not restored"));
        Assert.Equal(8, resumed.Step);
        Assert.Throws<InvalidOperationException>(() => TrainSteps(resumed, 3, seed: 23));   // step 11 of 10: the rates are 0
    }

    [Fact]
    public void An_existing_checkpoint_is_never_overwritten()
    {
        var run = NewRun(seed: 1);
        var path = Path.Combine(folder, "taken" + GanCheckpoint.Extension);
        File.WriteAllText(path, "a user's file");

        var error = Assert.Throws<IOException>(() => run.SaveCheckpoint(path));

        Assert.Contains("never overwritten", error.Message, StringComparison.Ordinal);
        Assert.Equal("a user's file", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder));   // no temporary file left behind
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(40)]
    public void A_truncated_checkpoint_is_refused_and_left_unchanged(int bytesCut)
    {
        var path = SavedCheckpoint();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^bytesCut]);
        var before = Fingerprint(path);
        var other = NewRun(seed: 2);

        var error = Assert.Throws<DataFileException>(() => other.LoadCheckpoint(path));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(path));
        Assert.Equal(0, other.Step);
    }

    [Fact]
    public void A_checkpoint_with_one_changed_byte_is_refused()
    {
        var path = SavedCheckpoint();
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<DataFileException>(() => NewRun(seed: 2).LoadCheckpoint(path));

        Assert.Contains("truncated or corrupt", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("PNG")]
    [InlineData("TorchSharp module")]
    public void A_foreign_file_is_refused_as_not_a_checkpoint_and_left_unchanged(string kind)
    {
        var path = Path.Combine(folder, "foreign" + GanCheckpoint.Extension);
        switch (kind)
        {
            case "PNG":
                File.WriteAllBytes(path, [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 13]);
                break;
            case "TorchSharp module":
                new MlpGenerator(4, 4, [8]).save(path);   // a real TorchSharp file, but not a checkpoint
                break;
            default:
                File.WriteAllBytes(path, []);
                break;
        }

        var before = Fingerprint(path);

        var error = Assert.Throws<DataFileException>(() => NewRun(seed: 2).LoadCheckpoint(path));

        Assert.Contains("is not a GanKit GAN checkpoint", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Fingerprint(path));
    }

    [Fact]
    public void A_checkpoint_of_other_networks_is_refused_with_what_it_holds()
    {
        var path = SavedCheckpoint();
        var generator = new DcganGenerator(noiseSize: 8, width: 4);
        var discriminator = new DcganDiscriminator(width: 4);
        var trainer = new GanTrainer(generator, discriminator);

        var error = Assert.Throws<DataFileException>(() => trainer.LoadCheckpoint(path));

        Assert.Contains("was written for a MlpGenerator and a MlpDiscriminator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_of_other_sizes_is_refused()
    {
        var path = SavedCheckpoint();
        var generator = new MlpGenerator(8, 784, [32], tanhOutput: true, sampleShape: [1, 28, 28]);   // hidden 32, not 16
        var discriminator = new MlpDiscriminator(784, [16]);
        var average = new ExponentialMovingAverage(generator, new MlpGenerator(8, 784, [32], tanhOutput: true, sampleShape: [1, 28, 28]));
        var trainer = new GanTrainer(generator, discriminator, generatorAverage: average);

        var error = Assert.Throws<DataFileException>(() => trainer.LoadCheckpoint(path));

        Assert.Contains("of other sizes than this run's", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_checkpoint_with_or_without_a_weight_average_only_resumes_a_run_that_keeps_the_same(bool savedWithAverage)
    {
        var run = NewRun(seed: 3, average: savedWithAverage);
        Train(run, RandomImages(64, seed: 4), steps: 1, seed: 5);
        var path = Path.Combine(folder, "average" + GanCheckpoint.Extension);
        run.SaveCheckpoint(path);

        var error = Assert.Throws<DataFileException>(() => NewRun(seed: 2, average: !savedWithAverage).LoadCheckpoint(path));

        Assert.Contains(savedWithAverage ? "keeps an average of the generator's weights, but this run keeps none" : "keeps no average of the generator's weights, but this run does", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_names_the_step_and_the_networks()
    {
        var header = GanCheckpoint.ReadHeader(SavedCheckpoint());

        Assert.Equal(new GanCheckpoint.Header(2, nameof(MlpGenerator), nameof(MlpDiscriminator), 2), header);
    }

    internal static GanTrainer NewRun(int seed, bool average = true)
    {
        manual_seed(seed);
        var generator = new MlpGenerator(8, 784, [16], tanhOutput: true, sampleShape: [1, 28, 28]);
        var discriminator = new MlpDiscriminator(784, [16]);
        var generatorAverage = average ? new ExponentialMovingAverage(generator, new MlpGenerator(8, 784, [16], tanhOutput: true, sampleShape: [1, 28, 28]), decay: 0.9) : null;
        return new GanTrainer(generator, discriminator, new GanTrainerOptions { BatchSize = 16 }, generatorAverage: generatorAverage);
    }

    internal static void Train(GanTrainer trainer, Tensor data, int steps, int seed)
    {
        manual_seed(seed);
        using var batches = new ShuffledBatches(data, 16, new TorchSharp.torch.Generator((ulong)seed));
        for (var step = 0; step < steps; step++)
        {
            trainer.TrainStep(batches.Next);
        }
    }

    internal static Tensor RandomImages(int count, int seed)
    {
        manual_seed(seed);
        return (rand(count, 1, 28, 28) * 2 - 1).DetachFromDisposeScope();
    }

    private string SavedCheckpoint()
    {
        var run = NewRun(seed: 3);
        Train(run, RandomImages(64, seed: 4), steps: 2, seed: 5);
        var path = Path.Combine(folder, "saved" + GanCheckpoint.Extension);
        run.SaveCheckpoint(path);
        return path;
    }

    private static (string Hash, DateTime Written) Fingerprint(string path) =>
        (Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))), File.GetLastWriteTimeUtc(path));
}
