using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>The generator's weight average follows the formula, copies buffers and refuses a mismatched copy.</summary>
public sealed class ExponentialMovingAverageTests
{
    public ExponentialMovingAverageTests() => TorchSession.Start();

    [Fact]
    public void The_average_starts_as_a_copy_and_moves_by_the_warmed_up_decay()
    {
        manual_seed(1);
        var source = new DcganGenerator(noiseSize: 4, width: 2);
        var copy = new DcganGenerator(noiseSize: 4, width: 2);
        var average = new ExponentialMovingAverage(source, copy, decay: 0.999);
        var first = source.parameters().First();
        Assert.True(copy.parameters().First().eq(first).all().item<bool>());

        var before = first.detach().clone();
        using (no_grad())
        {
            first.add_(1.0);
        }

        average.Update();   // first update: decay min(0.999, 1/10) = 0.1
        var expected = (before * 0.1) + (first.detach() * 0.9);
        Assert.True(copy.parameters().First().allclose(expected, rtol: 1e-6, atol: 1e-6));
        Assert.False(copy.parameters().First().requires_grad);
        Assert.Equal(1, average.Updates);
    }

    [Fact]
    public void Batch_norm_statistics_are_copied_not_averaged()
    {
        manual_seed(2);
        var source = new DcganGenerator(noiseSize: 4, width: 2);
        var copy = new DcganGenerator(noiseSize: 4, width: 2);
        var average = new ExponentialMovingAverage(source, copy);
        using (no_grad())
        {
            source.call(randn(8, 4) * 3 + 2);   // training mode: updates the running statistics
        }

        average.Update();

        foreach (var ((_, expected), (_, actual)) in source.named_buffers().Zip(copy.named_buffers()))
        {
            Assert.True(actual.eq(expected).all().item<bool>());
        }
    }

    [Fact]
    public void A_network_of_another_size_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExponentialMovingAverage(new DcganGenerator(4, 2), new DcganGenerator(4, 3)));

        Assert.Contains("does not match DcganGenerator", error.Message, StringComparison.Ordinal);
    }
}
