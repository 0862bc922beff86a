using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Tests.Training;

/// <summary>ConditionalGanTrainer on small 1-D problems: each label gets its own distribution, the pixel-only baseline, the passes, options and checkpoints.</summary>
public sealed class ConditionalGanTrainerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-conditional-trainer-").FullName;

    public ConditionalGanTrainerTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_conditional_gan_learns_a_different_distribution_for_each_label()
    {
        // Label 0 → N(−3, 0.5), label 1 → N(3, 0.5). Seed 1 after 2,000 steps ends near −3 and 3 (within 0.5 asserted).
        var (generator, _, trainer) = SmallGan(seed: 1);
        for (var step = 0; step < 2_000; step++)
        {
            trainer.TrainStep(() => TwoLabelBatch(64));
        }

        foreach (var (label, mean) in new[] { (0L, -3.0), (1L, 3.0) })
        {
            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            var samples = generator.call(trainer.SampleNoise(2_000), full(2_000, label, dtype: int64));
            Assert.Equal(mean, samples.mean().item<float>(), 0.5);
        }
    }

    [Fact]
    public void Without_the_adversarial_loss_the_same_trainer_fits_the_targets_by_the_pixel_loss_alone()
    {
        manual_seed(2);
        var generator = new AffineMap();
        var options = new ConditionalGanOptions { Adversarial = false, PixelWeight = 1, PixelLoss = PixelLoss.MeanSquared, Gan = new GanTrainerOptions { GeneratorLearningRate = 0.05 } };
        var trainer = new ConditionalGanTrainer(generator, discriminator: null, options);
        ConditionalGanStepResult last = default;
        for (var step = 0; step < 400; step++)
        {
            last = trainer.TrainStep(() =>
            {
                var inputs = rand(32, 1);
                return new ConditionalBatch(2 * inputs + 1, inputs);   // target 2x + 1 for condition x
            });
        }

        Assert.Null(trainer.Discriminator);
        Assert.Null(last.Discriminator);
        Assert.True(double.IsNaN(last.Generator.AdversarialLoss));
        Assert.True(last.Generator.PixelLoss < 1e-3, $"The pixel loss is {last.Generator.PixelLoss}.");
        Assert.Throws<InvalidOperationException>(() => trainer.TrainDiscriminator(new ConditionalBatch(zeros(2, 1), zeros(2, 1))));
        Assert.Throws<InvalidOperationException>(() => trainer.SaveCheckpoint(Path.Combine(folder, "none" + GanCheckpoint.Extension)));
    }

    [Fact]
    public void Pass_one_changes_only_the_discriminator_and_pass_two_only_the_generator()
    {
        var (generator, discriminator, trainer) = SmallGan(seed: 3);
        var generatorBefore = Snapshot(generator);
        var discriminatorBefore = Snapshot(discriminator);

        using (var batch = TwoLabelBatch(16))
        {
            trainer.TrainDiscriminator(batch);
        }

        AssertSame(generatorBefore, generator, expected: true);
        AssertSame(discriminatorBefore, discriminator, expected: false);
        var discriminatorAfterPassOne = Snapshot(discriminator);
        using (var batch = TwoLabelBatch(16))
        {
            trainer.TrainGenerator(batch);
        }

        AssertSame(generatorBefore, generator, expected: false);
        AssertSame(discriminatorAfterPassOne, discriminator, expected: true);
        Assert.All(discriminator.parameters(), parameter => Assert.True(parameter.requires_grad, "Pass 2 unfreezes D afterwards."));
    }

    [Fact]
    public void Steps_leave_no_live_tensors_behind()
    {
        var (_, _, trainer) = SmallGan(seed: 4);
        trainer.TrainStep(() => TwoLabelBatch(16));   // Adam makes its state on the first step
        LiveTensors.AssertNoneLeftBy(() =>
        {
            for (var step = 0; step < 3; step++)
            {
                trainer.TrainStep(() => TwoLabelBatch(16));
            }
        });
    }

    [Fact]
    public void A_run_resumed_from_its_checkpoint_continues_exactly_as_the_run_itself()
    {
        var (generator, _, trainer) = SmallGan(seed: 5);
        for (var step = 0; step < 5; step++)
        {
            trainer.TrainStep(() => TwoLabelBatch(16));
        }

        var path = Path.Combine(folder, "run" + GanCheckpoint.Extension);
        trainer.SaveCheckpoint(path);
        ContinueThreeSteps(trainer);
        var (resumedGenerator, _, resumed) = SmallGan(seed: 99);
        resumed.LoadCheckpoint(path);
        Assert.Equal(5, resumed.Step);
        ContinueThreeSteps(resumed);

        Assert.Equal(8, resumed.Step);
        AssertSame(Snapshot(generator), resumedGenerator, expected: true);

        static void ContinueThreeSteps(ConditionalGanTrainer run)
        {
            manual_seed(7);
            for (var step = 0; step < 3; step++)
            {
                run.TrainStep(() => TwoLabelBatch(16));
            }
        }
    }

    [Fact]
    public void Options_that_cannot_work_are_rejected_by_name()
    {
        var generator = new AffineMap();
        Assert.Contains(nameof(ConditionalGanOptions.PixelWeight), Assert.Throws<ArgumentException>(() => new ConditionalGanTrainer(generator, null, new ConditionalGanOptions { Adversarial = false })).Message);
        Assert.Contains(nameof(ConditionalGanOptions.PixelWeight), Assert.Throws<ArgumentException>(() => new ConditionalGanTrainer(generator, null, new ConditionalGanOptions { PixelWeight = -1 })).Message);
        Assert.Contains("discriminator", Assert.Throws<ArgumentException>(() => new ConditionalGanTrainer(generator, null)).Message);
        Assert.Contains(nameof(GanTrainerOptions.GradientPenaltyWeight), Assert.Throws<ArgumentException>(() => new ConditionalGanTrainer(generator, null, new ConditionalGanOptions { Adversarial = false, PixelWeight = 1, Gan = new GanTrainerOptions { GradientPenaltyWeight = 10 } })).Message);
        Assert.Contains(nameof(GanTrainerOptions.BatchSize), Assert.Throws<ArgumentException>(() => new ConditionalGanTrainer(generator, null, new ConditionalGanOptions { Adversarial = false, PixelWeight = 1, Gan = new GanTrainerOptions { BatchSize = 0 } })).Message);
    }

    [Fact]
    public void A_batch_with_a_condition_missing_is_rejected()
    {
        var (_, _, trainer) = SmallGan(seed: 6);
        var error = Assert.Throws<ArgumentException>(() => trainer.TrainDiscriminator(new ConditionalBatch(zeros(4, 1), zeros(3, dtype: int64))));
        Assert.Contains("one condition per sample", error.Message);
    }

    private static (LabelledGenerator Generator, LabelledDiscriminator Discriminator, ConditionalGanTrainer Trainer) SmallGan(int seed)
    {
        manual_seed(seed);
        var generator = new LabelledGenerator();
        var discriminator = new LabelledDiscriminator();
        var options = new ConditionalGanOptions { Gan = new GanTrainerOptions { BatchSize = 64, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-3 } };
        return (generator, discriminator, new ConditionalGanTrainer(generator, discriminator, options));
    }

    // Labels 0 and 1 in equal parts; samples N(−3, 0.5) for label 0 and N(3, 0.5) for label 1.
    private static ConditionalBatch TwoLabelBatch(int count)
    {
        var labels = randint(0, 2, [count], dtype: int64);
        return new ConditionalBatch(((labels.to(float32) * 6) - 3 + (randn(count) * 0.5)).unsqueeze(1), labels);
    }

    private static List<Tensor> Snapshot(Module module) => module.parameters().Select(parameter => parameter.detach().clone()).ToList();

    private static void AssertSame(List<Tensor> before, Module module, bool expected)
    {
        var now = module.parameters().ToList();
        Assert.Equal(before.Count, now.Count);
        var same = before.Zip(now, (left, right) => left.equal(right).all().item<bool>()).ToList();
        Assert.True(expected ? same.All(equal => equal) : same.All(equal => !equal), $"{module.GetName()}: parameters equal before and after: {string.Join(", ", same)}.");
    }

    /// <summary>(noise (batch, 2), label) → a 1-D sample.</summary>
    private sealed class LabelledGenerator : ConditionalGeneratorNetwork
    {
        private readonly Module<Tensor, Tensor> labelEmbedding = Embedding(2, 4);
        private readonly Module<Tensor, Tensor> body = MlpLayers.Build(6, [16, 16], 1, null);

        public LabelledGenerator() : base(nameof(LabelledGenerator), noiseSize: 2) => RegisterComponents();

        public override Tensor forward(Tensor noise, Tensor labels) => body.call(cat([noise, labelEmbedding.call(labels)], 1));
    }

    /// <summary>(1-D sample, label) → a raw score.</summary>
    private sealed class LabelledDiscriminator : Module<Tensor, Tensor, Tensor>
    {
        private readonly Module<Tensor, Tensor> labelEmbedding = Embedding(2, 4);
        private readonly Module<Tensor, Tensor> body = MlpLayers.Build(5, [16, 16], 1, null);

        public LabelledDiscriminator() : base(nameof(LabelledDiscriminator)) => RegisterComponents();

        public override Tensor forward(Tensor samples, Tensor labels) => body.call(cat([samples, labelEmbedding.call(labels)], 1));
    }

    /// <summary>A deterministic generator (no noise): condition x → a x + b.</summary>
    private sealed class AffineMap : ConditionalGeneratorNetwork
    {
        private readonly Module<Tensor, Tensor> map = Linear(1, 1);

        public AffineMap() : base(nameof(AffineMap), noiseSize: 0) => RegisterComponents();

        public override Tensor forward(Tensor noise, Tensor conditions) => map.call(conditions);
    }
}
