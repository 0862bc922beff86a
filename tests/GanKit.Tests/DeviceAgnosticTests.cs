using GanKit.Data;
using GanKit.Display;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests;

/// <summary>
/// Every tensor GanKit makes goes to the device it is given, never to "wherever tensors go by default". This machine
/// has no GPU, so the tests set TorchSharp's default device to <c>meta</c> (a device that holds no data) while the
/// models and the data are explicitly on the CPU: a tensor created without <c>device:</c> lands on <c>meta</c>, and the
/// first operation that mixes it with CPU tensors or reads it fails. The models are built before the trap is set
/// (a module's constructor puts its parameters on the default device, and <c>.to(device)</c> moves them).
/// </summary>
public sealed class DeviceAgnosticTests
{
    private static readonly Device Meta = new(DeviceType.META);

    public DeviceAgnosticTests() => TorchSession.Start();

    [Fact]
    public void TheTrapCatchesATensorCreatedWithoutADevice()
    {
        var generator = new MlpGenerator(2, 2, [8]);
        var discriminator = new MlpDiscriminator(2, [8]);

        var failure = Record.Exception(() => WithDefaultDeviceMeta(() =>
        {
            using var scope = NewDisposeScope();
            var forgottenNoise = randn(4, 2);   // no device: what GanTrainer.SampleNoise must never do
            return discriminator.call(generator.call(forgottenNoise)).mean().item<float>();
        }));

        Assert.NotNull(failure);
        Assert.Equal(DeviceType.CPU, get_default_device().type);   // restored
    }

    [Fact]
    public void GanTrainerStepsMakeNoiseAndLossesOnTheTrainersDevice()
    {
        manual_seed(5);
        var generator = new MlpGenerator(2, 2, [16, 16]);
        var discriminator = new MlpDiscriminator(2, [16, 16]);
        var target = GaussianMixture2D.Ring();
        var trainer = new GanTrainer(generator, discriminator, new GanTrainerOptions { BatchSize = 16, DiscriminatorSteps = 2 }, CPU);

        var results = WithDefaultDeviceMeta(() =>
        {
            var steps = new List<GanStepResult>();
            for (var step = 0; step < 3; step++)
            {
                steps.Add(trainer.TrainStep(() => target.Sample(16, CPU)));
            }

            using var noise = trainer.SampleNoise(5);
            Assert.Equal(DeviceType.CPU, noise.device.type);
            return steps;
        });

        Assert.Equal(3, results.Count);
        Assert.All(results, result => Assert.True(double.IsFinite(result.Generator.Loss) && double.IsFinite(result.Discriminator.Loss)));
        Assert.All(generator.parameters().Concat(discriminator.parameters()), parameter => Assert.Equal(DeviceType.CPU, parameter.device.type));
    }

    [Fact]
    public void TheSampleNoiseOfATrainerOnAnotherDeviceIsOnThatDevice()
    {
        var trainer = new GanTrainer(new MlpGenerator(3, 2, [4]), new MlpDiscriminator(2, [4]), device: Meta);

        using var noise = trainer.SampleNoise(7);

        Assert.Equal(DeviceType.META, noise.device.type);
        Assert.Equal([7L, 3L], noise.shape);
    }

    public static TheoryData<string> Sources() => [.. DeviceChecks.Keys.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Sources))]
    public void GanKitPartsMakeTheirTensorsOnTheDeviceTheyAreGiven(string part)
    {
        var check = DeviceChecks[part]();   // builds its models outside the trap

        WithDefaultDeviceMeta(() =>
        {
            using var scope = NewDisposeScope();
            check();
            return 0;
        });
    }

    /// <summary>Each entry builds what it needs (models) and returns the check to run inside the trap.</summary>
    private static readonly Dictionary<string, Func<Action>> DeviceChecks = new(StringComparer.Ordinal)
    {
        ["NormalDistribution.Sample and Density"] = () => () =>
        {
            var samples = new NormalDistribution(4, 1.25).Sample(100, CPU);
            AssertOnCpu(samples, new NormalDistribution(4, 1.25).Density(samples));
            _ = samples.mean().item<float>();
        },
        ["GaussianMixture2D.Sample and Centers"] = () => () =>
        {
            var target = GaussianMixture2D.Grid();
            AssertOnCpu(target.Sample(50, CPU), target.Centers(CPU));
            _ = target.Sample(50, CPU).sum().item<float>();
        },
        ["ModeCoverage.Measure"] = () => () =>
        {
            var target = GaussianMixture2D.Ring();
            Assert.Equal(8, ModeCoverage.Measure(target, target.Sample(400, CPU)).ModeCount);
        },
        ["ShuffledBatches.Next over several epochs"] = () => () =>
        {
            using var batches = new ShuffledBatches(arange(10, dtype: float32, device: CPU).unsqueeze(1), batchSize: 4);
            for (var batch = 0; batch < 6; batch++)
            {
                var next = batches.Next();
                AssertOnCpu(next);
                _ = next.sum().item<float>();
            }
        },
        ["Mnist.Load"] = () => () =>
        {
            using var digits = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 8, device: CPU);
            AssertOnCpu(digits.Images, digits.Labels);
            _ = digits.Images.sum().item<float>();
            _ = digits.Labels.sum().item<long>();
        },
        ["ImageGrid and SideBySide"] = () => () =>
        {
            var images = rand(6, 1, 28, 28, device: CPU);
            Assert.True(ImageGrid.ToPng(images, columns: 3).Width > 0);
            Assert.True(SideBySide.Images(images, images, columns: 3).Width > 0);
            _ = SideBySide.Points(randn(20, 2, device: CPU), randn(20, 2, device: CPU), -3, 3);
        },
        ["DecisionSurface.Chart"] = () =>
        {
            var discriminator = new MlpDiscriminator(2, [4]);
            return () => _ = DecisionSurface.Chart("D", points => nn.functional.sigmoid(discriminator.call(points)), randn(20, 2, device: CPU), randn(20, 2, device: CPU), -3, 3, resolution: 10);
        },
        ["DCGAN generator and discriminator, forward and backward"] = () =>
        {
            var generator = new DcganGenerator(noiseSize: 10, width: 8);
            var discriminator = new DcganDiscriminator(width: 8);
            return () =>
            {
                var images = generator.call(randn(3, 10, device: CPU));
                AssertOnCpu(images);
                var score = discriminator.call(images).sum();
                score.backward();
                _ = score.item<float>();
                Assert.All(generator.parameters(), parameter => AssertOnCpu(parameter.grad!));
            };
        },
        ["DigitClassifier logits and features"] = () =>
        {
            var classifier = new DigitClassifier();
            classifier.eval();
            return () =>
            {
                var images = rand(2, 1, 28, 28, device: CPU);
                _ = classifier.call(images).sum().item<float>();
                _ = classifier.Features(images).sum().item<float>();
            };
        },
        ["GanLoss values and verdicts"] = () => () =>
        {
            var real = randn(8, 1, device: CPU);
            var fake = randn(8, 1, device: CPU);
            foreach (var loss in new GanLoss[] { GanLoss.Minimax, GanLoss.NonSaturating })
            {
                _ = loss.DiscriminatorLoss(real, fake).item<float>();
                _ = loss.GeneratorLoss(fake).item<float>();
                _ = loss.Verdict(fake).sum().item<float>();
            }
        },
        ["Digit metrics: FID, IS, class balance, precision/recall, nearest neighbours"] = () => () =>
        {
            var realFeatures = randn(40, 5, device: CPU);
            var fakeFeatures = randn(30, 5, device: CPU);
            Assert.True(double.IsFinite(FrechetDistance.Compute(realFeatures, fakeFeatures)));
            var probabilities = nn.functional.softmax(randn(40, 10, device: CPU), 1);
            Assert.True(double.IsFinite(InceptionScore.Compute(probabilities, splits: 2)));
            Assert.Equal(40, ClassBalance.FromProbabilities(probabilities).Total);
            _ = PrecisionRecall.Compute(realFeatures, fakeFeatures);
            Assert.Equal(30, NearestNeighbours.Find(fakeFeatures, realFeatures).Count);
        },
        ["DigitGan.Sample, the weight average and LayerTable"] = () =>
        {
            var (generator, _) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan) with { Width = 4 }, CPU);
            var average = new ExponentialMovingAverage(generator, DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan) with { Width = 4 }, CPU).Generator);
            return () =>
            {
                var samples = DigitGan.Sample(generator, 5, CPU, batchSize: 2);
                AssertOnCpu(samples);
                _ = samples.sum().item<float>();
                average.Update();
                Assert.NotEmpty(LayerTable.Of("G", generator, randn(1, 100, device: CPU)).Rows);
            };
        },
        ["DigitEvaluator floor and report"] = () =>
        {
            var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: 50, device: CPU);
            var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 50, device: CPU);
            var classifier = DigitClassifierWeights.Load(RepositoryPaths.Classifier, CPU);
            return () =>
            {
                using var evaluator = DigitEvaluator.Create(classifier, train, test, 50);
                Assert.True(double.IsFinite(evaluator.Evaluate(train.Images).Fid));
            };
        },
        ["Checkpoint save and resume"] = () =>
        {
            var folder = Directory.CreateTempSubdirectory("gankit-device-").FullName;
            var (generator, discriminator) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Mlp), CPU);
            var trainer = new GanTrainer(generator, discriminator, new GanTrainerOptions { BatchSize = 4 }, CPU);
            var (otherGenerator, otherDiscriminator) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Mlp), CPU);
            var resumed = new GanTrainer(otherGenerator, otherDiscriminator, new GanTrainerOptions { BatchSize = 4 }, CPU);
            return () =>
            {
                try
                {
                    trainer.TrainStep(() => rand(4, 1, 28, 28, device: CPU));
                    var path = Path.Combine(folder, "c" + GanCheckpoint.Extension);
                    trainer.SaveCheckpoint(path);
                    resumed.LoadCheckpoint(path);
                    Assert.True(double.IsFinite(resumed.TrainStep(() => rand(4, 1, 28, 28, device: CPU)).Generator.Loss));
                }
                finally
                {
                    Directory.Delete(folder, recursive: true);
                }
            };
        },
    };

    private static T WithDefaultDeviceMeta<T>(Func<T> action)
    {
        set_default_device(Meta);
        try
        {
            return action();
        }
        finally
        {
            set_default_device(CPU);
        }
    }

    private static void AssertOnCpu(params Tensor[] tensors) =>
        Assert.All(tensors, tensor => Assert.Equal(DeviceType.CPU, tensor.device.type));
}
