using GanKit.Models;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Models;

/// <summary>The fully-connected generator and discriminator: shapes, squashing, layer sizes and activations.</summary>
public sealed class MlpModelTests
{
    public MlpModelTests() => TorchSession.Start();

    [Theory]
    [InlineData(1, 1)]
    [InlineData(8, 2)]
    [InlineData(64, 784)]
    public void TheGeneratorMapsABatchOfNoiseToABatchOfSamples(int noiseSize, int outputSize)
    {
        using var scope = torch.NewDisposeScope();
        var generator = new MlpGenerator(noiseSize, outputSize, [16, 32]);

        var samples = generator.call(torch.randn(5, noiseSize));

        Assert.Equal([5L, (long)outputSize], samples.shape);
    }

    [Fact]
    public void TheDiscriminatorGivesOneScorePerSampleAndFlattensImages()
    {
        using var scope = torch.NewDisposeScope();
        var pointDiscriminator = new MlpDiscriminator(2, [16]);
        var imageDiscriminator = new MlpDiscriminator(784, [32, 16]);
        var images = torch.rand(6, 1, 28, 28);

        var pointScores = pointDiscriminator.call(torch.randn(7, 2));
        var imageScores = imageDiscriminator.call(images);
        var flatScores = imageDiscriminator.call(images.reshape(6, 784));

        Assert.Equal([7L, 1L], pointScores.shape);
        Assert.Equal([6L, 1L], imageScores.shape);
        Assert.Equal(flatScores.data<float>().ToArray(), imageScores.data<float>().ToArray());
    }

    [Fact]
    public void TheDiscriminatorReturnsRawScoresNotProbabilities()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(51);
        var discriminator = new MlpDiscriminator(1, [16]);

        var scores = discriminator.call(torch.linspace(-1000, 1000, 21).unsqueeze(1));

        Assert.True(scores.abs().max().item<float>() > 1, "Scores of far-away inputs should leave [0, 1]: no sigmoid at the end.");
    }

    [Fact]
    public void WithTanhOutputSamplesLieInMinusOneToOne()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(52);
        var squashed = new MlpGenerator(4, 50, [16], tanhOutput: true);
        var unsquashed = new MlpGenerator(4, 50, [16]);
        var noise = torch.randn(200, 4);
        var huge = noise * 1000;

        var ordinary = squashed.call(noise);
        var saturated = squashed.call(huge);
        var free = unsquashed.call(huge);

        Assert.True(ordinary.abs().max().item<float>() < 1);
        Assert.True(saturated.abs().max().item<float>() <= 1);
        Assert.True(saturated.abs().max().item<float>() > 0.99);
        Assert.True(free.abs().max().item<float>() > 1, "Without tanhOutput the samples are not squashed.");
    }

    [Fact]
    public void AGeneratorWithOneHiddenLayerOfSixteenHasTheParametersOfTwoLinearLayers()
    {
        var generator = new MlpGenerator(2, 2, [16]);

        var shapes = generator.parameters().Select(parameter => parameter.shape).ToList();

        Assert.Equal((2 * 16) + 16 + (16 * 2) + 2, generator.parameters().Sum(parameter => parameter.numel()));
        Assert.Equal([[16L, 2L], [16L], [2L, 16L], [2L]], shapes);
    }

    [Fact]
    public void ADiscriminatorEndsInASingleScore()
    {
        var discriminator = new MlpDiscriminator(3, [16, 8]);

        Assert.Equal((3 * 16) + 16 + (16 * 8) + 8 + 8 + 1, discriminator.parameters().Sum(parameter => parameter.numel()));
    }

    [Fact]
    public void NoHiddenLayersGivesASingleLinearLayer()
    {
        var generator = new MlpGenerator(3, 2, []);

        Assert.Equal((3 * 2) + 2, generator.parameters().Sum(parameter => parameter.numel()));
    }

    [Fact]
    public void HiddenLayersUseLeakyReluWithSlopePointTwo()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new MlpGenerator(1, 1, [1]);
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in generator.named_parameters())
            {
                parameter.fill_(name.EndsWith("weight", StringComparison.Ordinal) ? 1 : 0);
            }
        }

        var output = generator.call(torch.tensor(new float[] { -2, 0, 3 }, [3, 1]));

        Assert.Equal([-0.4f, 0, 3], output.data<float>().ToArray());
    }

    [Fact]
    public void ModelsCarryTheirNames()
    {
        Assert.Equal(nameof(MlpGenerator), new MlpGenerator(1, 1, [2]).GetName());
        Assert.Equal(nameof(MlpDiscriminator), new MlpDiscriminator(1, [2]).GetName());
    }

    [Fact]
    public void WidthsBelowOneAreRejected()
    {
        Assert.Equal("hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpGenerator(2, 2, [16, 0])).ParamName);
        Assert.Equal("hidden", Assert.Throws<ArgumentOutOfRangeException>(() => new MlpDiscriminator(2, [-1])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpGenerator(0, 2, [16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpGenerator(2, 0, [16]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MlpDiscriminator(0, [16]));
    }
}
