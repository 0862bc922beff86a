using GanKit.Models;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Models;

/// <summary>PacGAN's packing: consecutive samples judged together, and a batch that cannot be packed.</summary>
public sealed class PackedDiscriminatorTests
{
    public PackedDiscriminatorTests() => TorchSession.Start();

    [Fact]
    public void ConsecutiveSamplesAreConcatenatedIntoOneInputPerPack()
    {
        using var scope = NewDisposeScope();
        manual_seed(1);
        var inner = new MlpDiscriminator(inputSize: 3 * 2, hidden: [8]);
        var packed = new PackedDiscriminator(inner, pack: 3);
        var samples = randn(6, 2);

        var scores = packed.call(samples);

        Assert.Equal([2L, 1L], scores.shape);
        var byHand = inner.call(cat([samples[0], samples[1], samples[2]]).unsqueeze(0));
        Assert.True(scores[0].allclose(byHand[0]), "the first pack is samples 0, 1 and 2 side by side");
        Assert.Equal(inner.parameters().Count(), packed.parameters().Count());   // the wrapper adds no weights
    }

    [Fact]
    public void ImagesAreFlattenedBeforePacking()
    {
        using var scope = NewDisposeScope();
        var packed = new PackedDiscriminator(new MlpDiscriminator(inputSize: 2 * 4, hidden: [4]), pack: 2);

        Assert.Equal([3L, 1L], packed.call(randn(6, 1, 2, 2)).shape);
    }

    [Fact]
    public void ABatchThatIsNotAMultipleOfThePackSizeIsRejectedWithWhatToDo()
    {
        using var scope = NewDisposeScope();
        var packed = new PackedDiscriminator(new MlpDiscriminator(inputSize: 4, hidden: [4]), pack: 2);

        var exception = Assert.Throws<ArgumentException>(() => packed.call(randn(5, 2)));

        Assert.Contains("multiple of its pack size 2, not 5", exception.Message, StringComparison.Ordinal);
    }
}
