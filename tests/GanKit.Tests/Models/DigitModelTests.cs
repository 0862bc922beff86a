using GanKit.Models;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Models;

public sealed class DigitModelTests
{
    public DigitModelTests() => TorchSession.Start();

    [Fact]
    public void The_dcgan_generator_maps_noise_to_28_by_28_images_inside_minus_one_to_one()
    {
        manual_seed(1);
        using var generator = new DcganGenerator(noiseSize: 100, width: 16);
        using var images = generator.call(randn(4, 100));

        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.shape);
        Assert.True(images.abs().max().item<float>() < 1f);
        Assert.Equal(100, generator.NoiseSize);
    }

    [Fact]
    public void The_dcgan_discriminator_gives_one_score_per_image()
    {
        using var discriminator = new DcganDiscriminator(width: 16);
        using var scores = discriminator.call(rand(4, 1, 28, 28) * 2 - 1);

        Assert.Equal(new long[] { 4, 1 }, scores.shape);
    }

    [Fact]
    public void The_classifier_gives_ten_scores_and_128_features_per_image()
    {
        using var classifier = new DigitClassifier();
        classifier.eval();
        using var images = rand(3, 1, 28, 28);
        using var scores = classifier.call(images);
        using var features = classifier.Features(images);

        Assert.Equal(new long[] { 3, 10 }, scores.shape);
        Assert.Equal(new long[] { 3, DigitClassifier.FeatureSize }, features.shape);
        Assert.True(features.min().item<float>() >= 0, "The features are the activations after ReLU.");
    }

    [Fact]
    public void Invalid_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganGenerator(noiseSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DcganDiscriminator(width: 0));
    }
}
