using System.Security.Cryptography;
using GanKit.Data;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Models;

/// <summary>The generator shipped in data/generator: verified on loading, draws digits, refuses a damaged copy.</summary>
public sealed class PretrainedGeneratorTests
{
    public PretrainedGeneratorTests() => TorchSession.Start();

    [Fact]
    public void The_shipped_generator_draws_digits_of_every_class_far_better_than_an_untrained_one()
    {
        const int Count = 1_000;
        var generator = DigitGan.LoadPretrained(RepositoryPaths.Generator);
        using var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: Count);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: Count);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, Count);
        var (untrained, _) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan));

        manual_seed(3);
        var shipped = evaluator.Evaluate(DigitGan.Sample(generator, Count));
        var baseline = evaluator.Evaluate(DigitGan.Sample(untrained, Count));

        // Measured when it was shipped (1,000 samples, this seed): see data/generator/README.md.
        Assert.True(shipped.Fid < baseline.Fid / 3, $"shipped {shipped}; untrained {baseline}");
        Assert.All(shipped.Classes.Shares, share => Assert.True(share > 0.01, shipped.ToString()));
        Assert.True(shipped.Score.Mean > 6, shipped.ToString());
    }

    [Fact]
    public void A_damaged_copy_is_refused_and_left_as_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("gankit-generator-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepositoryPaths.Generator))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var weights = Path.Combine(folder, DigitGan.PretrainedFileName);
            var bytes = File.ReadAllBytes(weights);
            bytes[^10] ^= 0xFF;
            File.WriteAllBytes(weights, bytes);
            var before = SHA256.HashData(bytes);

            var error = Assert.Throws<DataFileException>(() => DigitGan.LoadPretrained(folder));

            Assert.Contains(DigitGan.PretrainedFileName, error.Message, StringComparison.Ordinal);
            Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(weights)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
