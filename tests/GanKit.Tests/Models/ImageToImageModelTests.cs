using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Models;

/// <summary>The U-Net generator and the patch discriminator of image-to-image translation: shapes, conditioning, training, save/load.</summary>
public sealed class ImageToImageModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-image-to-image-").FullName;

    public ImageToImageModelTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(1, 28)]
    [InlineData(3, 48)]
    public void The_unet_maps_an_image_to_an_image_of_the_same_size(int inputChannels, int size)
    {
        manual_seed(1);
        using var generator = new UNetGenerator(inputChannels, outputChannels: 1, width: 8);
        using var images = rand(2, inputChannels, size, size) * 2 - 1;
        using var output = generator.call(zeros(2, 0), images);

        Assert.Equal([2L, 1L, size, size], output.shape);
        Assert.True(output.abs().max().item<float>() < 1f);
        Assert.Equal(0, generator.NoiseSize);
    }

    [Fact]
    public void The_unet_output_follows_its_input_and_a_saved_one_loads_back()
    {
        manual_seed(2);
        using var generator = new UNetGenerator(width: 8);
        using var first = rand(3, 1, 28, 28) * 2 - 1;
        using var second = rand(3, 1, 28, 28) * 2 - 1;
        using var fromFirst = generator.Sample(first);
        Assert.True((fromFirst - generator.Sample(second)).abs().mean().item<float>() > 1e-3, "A different input must give a different output.");

        generator.save(Path.Combine(folder, "unet.bin"));
        using var copy = new UNetGenerator(width: 8);
        copy.load(Path.Combine(folder, "unet.bin"));
        Assert.True(copy.Sample(first).equal(fromFirst).all().item<bool>());
    }

    [Fact]
    public void The_patch_discriminator_scores_each_patch_of_an_output_with_its_input()
    {
        manual_seed(3);
        using var discriminator = new PatchDiscriminator(sampleChannels: 1, conditionChannels: 2, width: 8);
        using var samples = rand(2, 1, 28, 28);
        using var conditions = rand(2, 2, 28, 28);
        using var scores = discriminator.call(samples, conditions);

        Assert.Equal([2L, 1L, 7L, 7L], scores.shape);
        Assert.True((scores - discriminator.call(samples, rand(2, 2, 28, 28))).abs().max().item<float>() > 1e-4, "The input must change the verdict.");
        Assert.Equal([1L, 1L, 12L, 12L], new PatchDiscriminator(conditionChannels: 0, width: 8).call(rand(1, 1, 48, 48), null!).shape);
        Assert.Throws<ArgumentException>(() => discriminator.call(samples, rand(2, 1, 28, 28)));
        Assert.Throws<ArgumentException>(() => new UNetGenerator(width: 8).call(zeros(1, 0), rand(1, 1, 30, 30)));
    }

    [Fact]
    public void Each_patch_score_sees_an_18_by_18_window_of_the_image_and_nothing_outside_it()
    {
        manual_seed(4);
        using var discriminator = new PatchDiscriminator(sampleChannels: 1, conditionChannels: 1, width: 8);
        using var image = rand(1, 1, 48, 48).requires_grad_(true);
        using var scores = discriminator.call(image, zeros(1, 1, 48, 48));
        scores[0, 0, 5, 6].backward();                               // one score of the 12×12 map, away from the borders
        using var seen = image.grad!.abs().squeeze() > 0;           // (48, 48)
        using var rows = seen.any(1).nonzero().flatten();
        using var columns = seen.any(0).nonzero().flatten();

        Assert.Equal(18, rows.shape[0]);
        Assert.Equal(18, columns.shape[0]);
        Assert.Equal(4 * 5 - 7, rows.min().item<long>());           // 4 pixels per map cell, 7 pixels of context before it
        Assert.Equal(4 * 6 - 7, columns.min().item<long>());
    }

    [Fact]
    public void Pix2pix_steps_train_both_networks_with_finite_losses_and_resume_from_a_checkpoint()
    {
        manual_seed(4);
        var generator = new UNetGenerator(width: 8);
        var discriminator = new PatchDiscriminator(width: 8);
        var options = new ConditionalGanOptions { PixelWeight = 100, PixelLoss = PixelLoss.L1, Gan = new GanTrainerOptions { BatchSize = 4 } };
        var trainer = new ConditionalGanTrainer(generator, discriminator, options);
        ConditionalGanStepResult result = default;
        for (var step = 0; step < 3; step++)
        {
            result = trainer.TrainStep(() =>
            {
                var targets = rand(4, 1, 28, 28) * 2 - 1;
                return new ConditionalBatch(targets, -targets);   // learn to invert the image
            });
        }

        Assert.True(double.IsFinite(result.Generator.AdversarialLoss) && double.IsFinite(result.Generator.PixelLoss));
        Assert.InRange(result.Discriminator!.Value.VerdictOnReal, 0, 1);
        var path = Path.Combine(folder, "pix2pix" + GanCheckpoint.Extension);
        trainer.SaveCheckpoint(path);
        var resumed = new ConditionalGanTrainer(new UNetGenerator(width: 8), new PatchDiscriminator(width: 8), options);
        resumed.LoadCheckpoint(path);
        Assert.Equal(3, resumed.Step);
    }
}
