using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>Chapter 05's two digit GANs: sizes, image shapes and the [0, 1] samples the metrics take.</summary>
public sealed class DigitGanTests
{
    public DigitGanTests() => TorchSession.Start();

    [Theory]
    [InlineData(DigitGanModel.Dcgan, 919_681, 431_553)]
    [InlineData(DigitGanModel.Mlp, 1_486_352, 1_460_225)]
    public void Both_networks_have_the_documented_sizes_and_draw_images(DigitGanModel model, long generatorParameters, long discriminatorParameters)
    {
        var (generator, discriminator) = DigitGan.Build(DigitGan.Recipe(model));
        using var scope = NewDisposeScope();

        var images = generator.call(randn(3, generator.NoiseSize));

        Assert.Equal(generatorParameters, generator.parameters().Sum(parameter => parameter.numel()));
        Assert.Equal(discriminatorParameters, discriminator.parameters().Sum(parameter => parameter.numel()));
        Assert.Equal([3L, 1L, 28L, 28L], images.shape);
        Assert.Equal([3L, 1L], discriminator.call(images).shape);
    }

    [Fact]
    public void Samples_are_images_in_the_unit_range_made_in_batches()
    {
        var (generator, _) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan));

        LiveTensors.AssertNoneLeftBy(() =>
        {
            using var scope = NewDisposeScope();
            var samples = DigitGan.Sample(generator, 25, batchSize: 10);
            Assert.Equal([25L, 1L, 28L, 28L], samples.shape);
            Assert.True(samples.min().item<float>() >= 0 && samples.max().item<float>() <= 1);
        });
    }

    [Fact]
    public void A_recipe_sets_the_discriminators_dropout_and_zero_turns_it_off()
    {
        var (_, withDropout) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan) with { DiscriminatorDropout = 0.3 });
        var (_, withoutDropout) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan) with { DiscriminatorDropout = 0 });
        withoutDropout.load_state_dict(withDropout.state_dict());   // same weights: only the dropout differs
        using var scope = NewDisposeScope();
        var images = rand(8, 1, 28, 28) * 2 - 1;

        Assert.Equal(0, DigitGan.Recipe(DigitGanModel.Dcgan).DiscriminatorDropout);   // chapter 05's recipe has none
        Assert.False(withDropout.call(images).allclose(withDropout.call(images)));      // a new mask on each call
        Assert.True(withoutDropout.call(images).allclose(withoutDropout.call(images), rtol: 0, atol: 0));
        withDropout.eval();
        Assert.True(withoutDropout.call(images).allclose(withDropout.call(images), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void The_recipe_chooses_the_networks_by_model_and_refuses_a_width_that_does_not_fit_it()
    {
        var (generator, discriminator) = DigitGan.Build(DigitGan.Recipe(DigitGanModel.Mlp));

        Assert.IsType<MlpGenerator>(generator);
        Assert.IsType<MlpDiscriminator>(discriminator);
        Assert.Contains("DigitGanRecipe.Width must be 0 for the fully-connected GAN", Assert.Throws<ArgumentException>(() => DigitGan.Build(DigitGan.Recipe(DigitGanModel.Mlp) with { Width = 32 })).Message, StringComparison.Ordinal);
        Assert.Contains("DigitGanRecipe.Width must be at least 1 for the DCGAN", Assert.Throws<ArgumentException>(() => DigitGan.Build(DigitGan.Recipe(DigitGanModel.Dcgan) with { Width = 0 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitGan.Recipe((DigitGanModel)7));
    }

    [Fact]
    public void A_sample_shape_that_does_not_hold_the_output_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new MlpGenerator(4, 784, [8], sampleShape: [1, 28, 27]));

        Assert.Contains("does not hold 784 values", error.Message, StringComparison.Ordinal);
    }
}
