using GanKit.Data;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>GanTrainer's two passes, its step loop, its options and its failure report, on small 1-D GANs.</summary>
public sealed class GanTrainerTests
{
    private static readonly NormalDistribution Target = new(4, 1.25);

    public GanTrainerTests() => TorchSession.Start();

    [Fact]
    public void ASeededOneDimensionalGanLearnsTheMeanOfTheTarget()
    {
        // Seed 2 after 3,000 steps: mean 4.096. Seeds 1–5 all end within 0.1 of 4 (4.046, 4.096, 4.069, 4.067, 3.967).
        manual_seed(2);
        var generator = new MlpGenerator(1, 1, [32, 32]);
        var discriminator = new MlpDiscriminator(1, [32, 32]);
        var options = new GanTrainerOptions { BatchSize = 128, GeneratorLearningRate = 5e-4, DiscriminatorLearningRate = 5e-4 };
        var trainer = new GanTrainer(generator, discriminator, options);

        for (var step = 0; step < 3_000; step++)
        {
            trainer.TrainStep(() => Target.Sample(options.BatchSize));
        }

        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        var samples = generator.call(trainer.SampleNoise(10_000));
        Assert.Equal([10_000L, 1L], samples.shape);
        Assert.Equal(4, samples.mean().item<float>(), 0.25);
        Assert.Equal(3_000, trainer.Step);
    }

    [Fact]
    public void TrainingStepsLeaveNoLiveTensorsBehind()
    {
        var (_, _, trainer) = SmallGan(seed: 11);
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            trainer.TrainStep(() => Target.Sample(16));   // Adam makes its state on the first step
        }

        var before = LiveTensors.Count();
        for (var step = 0; step < 20; step++)
        {
            trainer.TrainStep(() => Target.Sample(16));
        }

        Assert.Equal(before, Tensor.TotalCount);
        Assert.Equal(22, trainer.Step);
    }

    [Fact]
    public void TheTwoPassesCalledDirectlyLeaveNoLiveTensorsBehind()
    {
        var (_, _, trainer) = SmallGan(seed: 12);
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            trainer.TrainStep(() => Target.Sample(16));
        }

        var before = LiveTensors.Count();
        for (var step = 0; step < 20; step++)
        {
            using var real = Target.Sample(16);
            trainer.TrainDiscriminator(real);
        }

        Assert.Equal(before, Tensor.TotalCount);

        for (var step = 0; step < 20; step++)
        {
            trainer.TrainGenerator(16);
        }

        Assert.Equal(before, Tensor.TotalCount);
    }

    [Fact]
    public void PassOneChangesOnlyTheDiscriminatorAndSendsNoGradientToTheGenerator()
    {
        var (generator, discriminator, trainer) = SmallGan(seed: 13);
        using var scope = NewDisposeScope();
        using var real = Target.Sample(32);
        var generatorBefore = Snapshot(generator);
        var discriminatorBefore = Snapshot(discriminator);

        trainer.TrainDiscriminator(real);

        AssertAllEqual(generatorBefore, generator);
        AssertAllChanged(discriminatorBefore, discriminator);
        Assert.All(generator.parameters(), parameter => Assert.Null(parameter.grad));
    }

    [Fact]
    public void PassTwoChangesOnlyTheGeneratorLeavesTheDiscriminatorsGradientsAloneAndUnfreezesIt()
    {
        var (generator, discriminator, trainer) = SmallGan(seed: 14);
        using var scope = NewDisposeScope();
        using var real = Target.Sample(32);
        trainer.TrainDiscriminator(real);   // so D has gradients that pass 2 must not add to
        var generatorBefore = Snapshot(generator);
        var discriminatorBefore = Snapshot(discriminator);
        var discriminatorGradientsBefore = discriminator.parameters().Select(parameter => parameter.grad!.clone()).ToList();

        trainer.TrainGenerator(32);

        AssertAllEqual(discriminatorBefore, discriminator);
        AssertAllChanged(generatorBefore, generator);
        var discriminatorParameters = discriminator.parameters().ToList();
        for (var index = 0; index < discriminatorParameters.Count; index++)
        {
            Assert.True(Identical(discriminatorGradientsBefore[index], discriminatorParameters[index].grad!), $"D's gradient {index} changed in pass 2.");
        }

        Assert.All(discriminator.parameters(), parameter => Assert.True(parameter.requires_grad));
        Assert.All(generator.parameters(), parameter => Assert.True(parameter.requires_grad));
    }

    [Fact]
    public void AStepRunsKDiscriminatorPassesOnFreshBatchesThenOneGeneratorPassAndReportsItself()
    {
        manual_seed(15);
        var discriminator = new BatchRecordingDiscriminator();
        var options = new GanTrainerOptions { BatchSize = 24, DiscriminatorSteps = 3 };
        var trainer = new GanTrainer(new MlpGenerator(1, 1, [8]), discriminator, options);
        var events = new List<(object? Sender, GanStepResult Result)>();
        trainer.StepCompleted += (sender, result) => events.Add((sender, result));
        var batches = new List<Tensor>();

        for (var step = 1; step <= 4; step++)
        {
            discriminator.BatchSizes.Clear();
            var result = trainer.TrainStep(() =>
            {
                var batch = Target.Sample(16);
                batches.Add(batch);
                return batch;
            });

            Assert.Equal(3 * step, batches.Count);
            Assert.Equal(step, trainer.Step);
            Assert.Equal(step, result.Step);
            Assert.Equal(step, events.Count);
            Assert.Same(trainer, events[^1].Sender);
            Assert.Equal(result, events[^1].Result);
            // Each pass 1 scores the real batch, then as many generated samples; pass 2 scores BatchSize samples.
            Assert.Equal([16L, 16, 16, 16, 16, 16, 24], discriminator.BatchSizes);
        }

        Assert.All(batches, batch => Assert.True(batch.IsInvalid, "TrainStep must dispose the batches nextRealBatch returns."));
    }

    [Theory]
    [InlineData(nameof(GanTrainerOptions.BatchSize), 0)]
    [InlineData(nameof(GanTrainerOptions.DiscriminatorSteps), 0)]
    [InlineData(nameof(GanTrainerOptions.GeneratorLearningRate), -1e-4)]
    [InlineData(nameof(GanTrainerOptions.GeneratorLearningRate), double.NaN)]
    [InlineData(nameof(GanTrainerOptions.DiscriminatorLearningRate), -1e-4)]
    [InlineData(nameof(GanTrainerOptions.DiscriminatorLearningRate), 0)]
    [InlineData(nameof(GanTrainerOptions.Beta1), 1.0)]
    [InlineData(nameof(GanTrainerOptions.Beta2), -0.1)]
    [InlineData(nameof(GanTrainerOptions.R1Weight), -1)]
    [InlineData(nameof(GanTrainerOptions.R1Weight), double.PositiveInfinity)]
    public void AnOptionThatCannotWorkIsRejectedByName(string property, double value)
    {
        var options = property switch
        {
            nameof(GanTrainerOptions.BatchSize) => new GanTrainerOptions { BatchSize = (int)value },
            nameof(GanTrainerOptions.DiscriminatorSteps) => new GanTrainerOptions { DiscriminatorSteps = (int)value },
            nameof(GanTrainerOptions.GeneratorLearningRate) => new GanTrainerOptions { GeneratorLearningRate = value },
            nameof(GanTrainerOptions.DiscriminatorLearningRate) => new GanTrainerOptions { DiscriminatorLearningRate = value },
            nameof(GanTrainerOptions.Beta1) => new GanTrainerOptions { Beta1 = value },
            nameof(GanTrainerOptions.R1Weight) => new GanTrainerOptions { R1Weight = value },
            _ => new GanTrainerOptions { Beta2 = value },
        };

        var exception = Assert.Throws<ArgumentException>(() => new GanTrainer(new MlpGenerator(1, 1, [4]), new MlpDiscriminator(1, [4]), options));

        Assert.StartsWith($"{nameof(GanTrainerOptions)}.{property} must", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingLossIsRejectedByName()
    {
        var options = new GanTrainerOptions { Loss = null! };

        var exception = Assert.Throws<ArgumentException>(() => new GanTrainer(new MlpGenerator(1, 1, [4]), new MlpDiscriminator(1, [4]), options));

        Assert.Contains(nameof(GanTrainerOptions.Loss), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultOptionsAreValidAndThoseOfThePapers()
    {
        var trainer = new GanTrainer(new MlpGenerator(1, 1, [4]), new MlpDiscriminator(1, [4]));

        Assert.Equal(new GanTrainerOptions(), trainer.Options);
        Assert.Equal((64, 1, 2e-4, 2e-4, 0.5, 0.999), (trainer.Options.BatchSize, trainer.Options.DiscriminatorSteps, trainer.Options.GeneratorLearningRate, trainer.Options.DiscriminatorLearningRate, trainer.Options.Beta1, trainer.Options.Beta2));
        Assert.Same(GanLoss.NonSaturating, trainer.Options.Loss);
        Assert.Equal(0, trainer.Options.R1Weight);
        Assert.Equal(0, trainer.Step);
        Assert.Equal(DeviceType.CPU, trainer.Device.type);
    }

    [Fact]
    public void ANoiseSizeBelowOneIsRejected()
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new MlpGenerator(0, 1, [4]));

        Assert.Equal("noiseSize", exception.ParamName);
    }

    [Fact]
    public void SampleNoiseIsStandardNormalOfTheNoiseSize()
    {
        var trainer = new GanTrainer(new MlpGenerator(3, 1, [4]), new MlpDiscriminator(1, [4]));
        using var scope = NewDisposeScope();
        manual_seed(16);

        var noise = trainer.SampleNoise(40_000);

        Assert.Equal([40_000L, 3L], noise.shape);
        Assert.Equal(0, noise.mean().item<float>(), 0.02);
        Assert.Equal(1, noise.std().item<float>(), 0.02);
    }

    [Fact]
    public void ANotANumberBatchStopsTrainingWithTheStepAndWhatToTryBeforeTheWeightsChange()
    {
        var (generator, discriminator, trainer) = SmallGan(seed: 17);
        trainer.TrainStep(() => Target.Sample(16));
        trainer.TrainStep(() => Target.Sample(16));
        var weightsBefore = Snapshot(discriminator).Concat(Snapshot(generator)).ToList();

        var exception = Assert.Throws<TrainingDivergedException>(() => trainer.TrainStep(() => full([16, 1], float.NaN)));

        Assert.Contains("step 3", exception.Message, StringComparison.Ordinal);
        Assert.Contains("lower the learning rates", exception.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, trainer.Step);
        var weightsAfter = discriminator.parameters().Concat(generator.parameters()).ToList();
        Assert.All(weightsBefore.Zip(weightsAfter), pair => Assert.True(Identical(pair.First, pair.Second), "A NaN loss must not reach the weights."));
    }

    [Fact]
    public void WithTheMinimaxLossTheTrainerRunsAndReportsVerdictsBetweenZeroAndOne()
    {
        var minimax = Run(GanLoss.Minimax);
        var nonSaturating = Run(GanLoss.NonSaturating);

        foreach (var result in minimax.Concat(nonSaturating))
        {
            Assert.InRange(result.Discriminator.VerdictOnReal, double.Epsilon, 1 - 1e-9);
            Assert.InRange(result.Discriminator.VerdictOnGenerated, double.Epsilon, 1 - 1e-9);
            Assert.InRange(result.Generator.VerdictOnGenerated, double.Epsilon, 1 - 1e-9);
            Assert.True(double.IsFinite(result.Discriminator.Loss) && result.Discriminator.Loss > 0);
        }

        // log(1 − D) < 0 is what minimax G minimises; −log D > 0 is the non-saturating one.
        Assert.All(minimax, result => Assert.InRange(result.Generator.Loss, double.MinValue, -1e-9));
        Assert.All(nonSaturating, result => Assert.InRange(result.Generator.Loss, 1e-9, double.MaxValue));
        // The minimax G loss is mean log(1 − D) over the same scores as the mean verdict: by Jensen at most log(1 − mean D),
        // and close to it while the verdicts on a batch are close together.
        foreach (var result in minimax)
        {
            var bound = Math.Log(1 - result.Generator.VerdictOnGenerated);
            Assert.InRange(result.Generator.Loss, bound - 0.05, bound + 1e-5);
        }

        static List<GanStepResult> Run(GanLoss loss)
        {
            manual_seed(18);
            var trainer = new GanTrainer(new MlpGenerator(1, 1, [8]), new MlpDiscriminator(1, [8]), new GanTrainerOptions { BatchSize = 32, Loss = loss });
            Assert.Same(loss, trainer.Options.Loss);
            return Enumerable.Range(0, 20).Select(_ => trainer.TrainStep(() => Target.Sample(32))).ToList();
        }
    }

    [Fact]
    public void TheReportedGradientNormIsTheNormOfAllTheGeneratorsGradients()
    {
        var (generator, _, trainer) = SmallGan(seed: 14);
        trainer.TrainDiscriminator(Target.Sample(16));
        var result = trainer.TrainGenerator(16);

        Assert.True(result.GradientNorm > 0);
        Assert.Equal(NormInFloat64(generator), result.GradientNorm, result.GradientNorm * 1e-5);   // the step leaves the gradients in place
    }

    [Fact]
    public void AGradientNormOfVanishingGradientsIsNeitherZeroNorRoundedAway()
    {
        // Chapter 04's saturating loss makes the generator's gradients vanish; their norm must still be read correctly.
        manual_seed(15);
        using var generator = new MlpGenerator(1, 1, [8, 8]);
        foreach (var parameter in generator.parameters())
        {
            parameter.grad = randn_like(parameter) * 1e-15;
        }

        var norm = AdversarialOptimizers.GradientNorm(generator);
        Assert.InRange(norm, 1e-16, 1e-13);
        Assert.Equal(NormInFloat64(generator), norm, norm * 1e-5);
    }

    private static (MlpGenerator Generator, MlpDiscriminator Discriminator, GanTrainer Trainer) SmallGan(int seed)
    {
        manual_seed(seed);
        var generator = new MlpGenerator(1, 1, [8, 8]);
        var discriminator = new MlpDiscriminator(1, [8, 8]);
        var trainer = new GanTrainer(generator, discriminator, new GanTrainerOptions { BatchSize = 16, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-3 });
        return (generator, discriminator, trainer);
    }

    private static double NormInFloat64(nn.Module network)
    {
        using var scope = NewDisposeScope();
        return Math.Sqrt(network.parameters().Sum(parameter => parameter.grad!.to(float64).square().sum().item<double>()));
    }

    private static List<Tensor> Snapshot(nn.Module module) => module.parameters().Select(parameter => parameter.detach().clone()).ToList();

    /// <summary>torch.equal: same shape and every element equal (TorchSharp's equal returns a tensor).</summary>
    private static bool Identical(Tensor left, Tensor right)
    {
        using var scope = NewDisposeScope();
        return left.shape.SequenceEqual(right.shape) && left.equal(right).all().item<bool>();
    }

    private static void AssertAllEqual(List<Tensor> before, nn.Module module)
    {
        var now = module.parameters().ToList();
        Assert.Equal(before.Count, now.Count);
        for (var index = 0; index < now.Count; index++)
        {
            Assert.True(Identical(before[index], now[index]), $"Parameter {index} of {module.GetName()} changed.");
        }
    }

    private static void AssertAllChanged(List<Tensor> before, nn.Module module)
    {
        var now = module.parameters().ToList();
        Assert.Equal(before.Count, now.Count);
        for (var index = 0; index < now.Count; index++)
        {
            Assert.False(Identical(before[index], now[index]), $"Parameter {index} of {module.GetName()} did not change.");
        }
    }

    /// <summary>A 1-D discriminator that records the batch size of every call.</summary>
    private sealed class BatchRecordingDiscriminator : nn.Module<Tensor, Tensor>
    {
        private readonly MlpDiscriminator inner = new(1, [8]);

        public BatchRecordingDiscriminator()
            : base(nameof(BatchRecordingDiscriminator)) => RegisterComponents();

        public List<long> BatchSizes { get; } = [];

        public override Tensor forward(Tensor input)
        {
            BatchSizes.Add(input.shape[0]);
            return inner.call(input);
        }
    }
}
