using GanKit.Display;
using GanKit.Models;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Models;

/// <summary>Chapter 06a's label-conditioned networks: shapes, the label really changes the output, and save/load.</summary>
public sealed class ConditionalModelTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-conditional-").FullName;

    public ConditionalModelTests() => TorchSession.Start();

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void The_conditional_generator_maps_noise_and_labels_to_28_by_28_images_inside_minus_one_to_one()
    {
        manual_seed(1);
        using var generator = new ConditionalDcganGenerator(noiseSize: 100, width: 8);
        using var images = generator.call(randn(4, 100), tensor(new long[] { 0, 3, 7, 9 }));

        Assert.Equal(new long[] { 4, 1, 28, 28 }, images.shape);
        Assert.True(images.abs().max().item<float>() < 1f);
        Assert.Equal(100, generator.NoiseSize);
        Assert.Equal(10, generator.Classes);
    }

    [Fact]
    public void The_label_changes_the_generated_digit_and_the_same_label_and_noise_give_the_same_digit()
    {
        manual_seed(2);
        using var generator = new ConditionalDcganGenerator(width: 8);
        using var noise = randn(1, 100).expand(10, 100).contiguous();   // one style for all ten labels
        using var labels = arange(10, dtype: int64);
        using var digits = generator.Sample(labels, noise);
        using var again = generator.Sample(labels, noise);

        Assert.True(digits.equal(again).all().item<bool>(), "Sampling is in evaluation mode: the same noise and label give the same digit.");
        for (var label = 1; label < 10; label++)
        {
            var difference = (digits[label] - digits[0]).abs().mean().item<float>();
            Assert.True(difference > 1e-3, $"Label {label} drew the same digit as label 0 from the same noise (mean difference {difference}).");
        }
    }

    [Fact]
    public void A_sample_does_not_depend_on_the_others_drawn_with_it()
    {
        manual_seed(3);
        using var generator = new ConditionalDcganGenerator(width: 8);
        using var noise = randn(6, 100);
        using var labels = tensor(new long[] { 1, 2, 3, 4, 5, 6 });
        using var all = generator.Sample(labels, noise);
        using var firstThree = generator.Sample(labels.narrow(0, 0, 3), noise.narrow(0, 0, 3), batchSize: 2);

        Assert.True(all.narrow(0, 0, 3).allclose(firstThree, rtol: 0, atol: 1e-6));
        Assert.True(all.min().item<float>() >= 0 && all.max().item<float>() <= 1, "Samples are mapped to [0, 1].");
        Assert.True(generator.training, "Sampling restores the training mode it found.");
    }

    [Fact]
    public void The_projection_discriminator_gives_one_score_per_image_and_the_label_changes_it()
    {
        manual_seed(4);
        using var discriminator = new ProjectionDiscriminator(width: 8);
        discriminator.eval();
        using var images = (rand(1, 1, 28, 28) * 2 - 1).expand(10, 1, 28, 28).contiguous();   // one image under ten labels
        using var scores = discriminator.call(images, arange(10, dtype: int64));

        Assert.Equal(new long[] { 10, 1 }, scores.shape);
        Assert.True(scores.std().item<float>() > 1e-4, "The same image under different labels must score differently.");
    }

    [Fact]
    public void Saved_conditional_networks_load_back_and_give_the_same_outputs()
    {
        manual_seed(5);
        using var generator = new ConditionalDcganGenerator(width: 8);
        using var discriminator = new ProjectionDiscriminator(width: 8);
        generator.save(Path.Combine(folder, "g.bin"));
        discriminator.save(Path.Combine(folder, "d.bin"));
        using var generatorCopy = new ConditionalDcganGenerator(width: 8);
        using var discriminatorCopy = new ProjectionDiscriminator(width: 8);
        generatorCopy.load(Path.Combine(folder, "g.bin"));
        discriminatorCopy.load(Path.Combine(folder, "d.bin"));
        discriminator.eval();
        discriminatorCopy.eval();

        using var noise = randn(5, 100);
        using var labels = tensor(new long[] { 0, 2, 4, 6, 8 });
        using var images = generator.Sample(labels, noise);
        Assert.True(images.equal(generatorCopy.Sample(labels, noise)).all().item<bool>());
        Assert.True(discriminator.call(images, labels).equal(discriminatorCopy.call(images, labels)).all().item<bool>());
    }

    [Fact]
    public void The_layer_table_of_a_conditional_network_lists_the_label_lookup_and_every_layer()
    {
        using var generator = new ConditionalDcganGenerator(width: 8);
        using var discriminator = new ProjectionDiscriminator(width: 8);
        using var labels = tensor(new long[] { 3, 5 });

        var generatorTable = LayerTable.Of("G", generator, randn(2, 100), labels);
        var discriminatorTable = LayerTable.Of("D", discriminator, zeros(2, 1, 28, 28), labels);

        Assert.Equal([2L, 10L], generatorTable.Rows[0].OutputShape);                 // the label's learned numbers come first
        Assert.Equal([2L, 1L, 28L, 28L], generatorTable.Rows[^1].OutputShape);
        Assert.Equal(generator.parameters().Sum(parameter => parameter.numel()), generatorTable.Rows.Sum(row => row.Parameters));
        Assert.Contains(discriminatorTable.Rows, row => row.Name == "labelEmbedding" && row.OutputShape.SequenceEqual([2L, 4 * 8 * 16]));
        Assert.Equal(discriminator.parameters().Sum(parameter => parameter.numel()), discriminatorTable.TotalParameters);
    }

    [Fact]
    public void Wrong_labels_are_rejected_with_what_was_expected()
    {
        using var generator = new ConditionalDcganGenerator(width: 8);
        using var discriminator = new ProjectionDiscriminator(width: 8);
        using var noise = randn(2, 100);

        var outOfRange = Assert.Throws<ArgumentException>(() => generator.call(noise, tensor(new long[] { 3, 10 })));
        Assert.Contains("0 … 9", outOfRange.Message);
        var wrongCount = Assert.Throws<ArgumentException>(() => discriminator.call(zeros(2, 1, 28, 28), tensor(new long[] { 1 })));
        Assert.Contains("shape (2)", wrongCount.Message);
        Assert.Throws<ArgumentException>(() => generator.call(noise, tensor(new float[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => generator.Sample(tensor(new long[] { 1, 2 }), randn(2, 99)));
    }

    [Fact]
    public void Invalid_sizes_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalDcganGenerator(noiseSize: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConditionalDcganGenerator(classes: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectionDiscriminator(width: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ProjectionDiscriminator(classes: 1));
    }
}
