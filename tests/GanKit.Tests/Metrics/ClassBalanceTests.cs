using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>The histogram of predicted classes, its KL to uniform and its smallest share.</summary>
public sealed class ClassBalanceTests
{
    private static readonly int[] ThreeZerosAndAOne = [0, 1, 0, 0];

    // Argmax classes 1, 0, 2, 1.
    private static readonly float[] FourPredictions = [0.1f, 0.7f, 0.2f, 0.6f, 0.3f, 0.1f, 0.2f, 0.3f, 0.5f, 0.1f, 0.8f, 0.1f];

    public ClassBalanceTests() => TorchSession.Start();

    [Fact]
    public void OneClassOnlyGivesKlLogTenAndSmallestShareZero()
    {
        using var scope = torch.NewDisposeScope();

        var balance = ClassBalance.FromPredictions(torch.full(500, 4L));

        Assert.Equal(Math.Log(10), balance.KlToUniform, 1e-12);
        Assert.Equal(0, balance.SmallestShare);
        Assert.Equal(0, balance.SmallestClass);
        Assert.Equal([0L, 0, 0, 0, 500, 0, 0, 0, 0, 0], balance.Counts);
        Assert.Equal(1.0, balance.Shares[4]);
        Assert.Equal(10, balance.ClassCount);
        Assert.Equal(500, balance.Total);
    }

    [Fact]
    public void PerfectlyBalancedPredictionsGiveKlZero()
    {
        using var scope = torch.NewDisposeScope();

        var balance = ClassBalance.FromPredictions(torch.arange(1_000) % 10);

        Assert.Equal(0, balance.KlToUniform, 1e-15);
        Assert.Equal(0.1, balance.SmallestShare, 1e-15);
        Assert.All(balance.Counts, count => Assert.Equal(100L, count));
    }

    [Fact]
    public void AnUnevenHistogramGivesTheHandComputedKl()
    {
        using var scope = torch.NewDisposeScope();

        var balance = ClassBalance.FromPredictions(torch.tensor(ThreeZerosAndAOne), classCount: 2);

        Assert.Equal((0.75 * Math.Log(1.5)) + (0.25 * Math.Log(0.5)), balance.KlToUniform, 1e-15);
        Assert.Equal(0.25, balance.SmallestShare);
        Assert.Equal(1, balance.SmallestClass);
        Assert.Equal([0.75, 0.25], balance.Shares);
    }

    [Fact]
    public void ProbabilitiesCountTheirArgmaxClass()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = torch.tensor(FourPredictions, [4, 3]);

        var balance = ClassBalance.FromProbabilities(probabilities);

        Assert.Equal([1L, 2, 1], balance.Counts);
        Assert.Equal(3, balance.ClassCount);
        Assert.Equal(0.25, balance.SmallestShare);
        Assert.Equal(0, balance.SmallestClass);
    }

    [Fact]
    public void TheDescriptionNamesTheKlTheSmallestClassAndTheCounts()
    {
        var balance = ClassBalance.FromCounts([30, 10, 60]);

        var text = balance.ToString();

        Assert.StartsWith($"KL to uniform {balance.KlToUniform:F4} nats, smallest class 1 at ", text, StringComparison.Ordinal);
        Assert.EndsWith(" of 100; counts 0:30 1:10 2:60", text, StringComparison.Ordinal);
    }

    [Fact]
    public void PredictionsThatAreNotClassIndicesAreRejected()
    {
        using var scope = torch.NewDisposeScope();

        var outOfRange = Assert.Throws<ArgumentException>(() => ClassBalance.FromPredictions(torch.tensor(new long[] { 0, 10 })));
        var negative = Assert.Throws<ArgumentException>(() => ClassBalance.FromPredictions(torch.tensor(new long[] { -1, 3 })));
        var floats = Assert.Throws<ArgumentException>(() => ClassBalance.FromPredictions(torch.zeros(5)));
        var matrix = Assert.Throws<ArgumentException>(() => ClassBalance.FromPredictions(torch.zeros(5, 2, torch.int64)));
        var empty = Assert.Throws<ArgumentException>(() => ClassBalance.FromPredictions(torch.zeros(0, torch.int64)));
        var flatProbabilities = Assert.Throws<ArgumentException>(() => ClassBalance.FromProbabilities(torch.zeros(10)));

        Assert.Contains("[0, 10)", outOfRange.Message, StringComparison.Ordinal);
        Assert.Contains("from -1 to 3", negative.Message, StringComparison.Ordinal);
        Assert.Contains("Float32", floats.Message, StringComparison.Ordinal);
        Assert.Contains("[5, 2]", matrix.Message, StringComparison.Ordinal);
        Assert.Contains("[0]", empty.Message, StringComparison.Ordinal);
        Assert.Contains("[10]", flatProbabilities.Message, StringComparison.Ordinal);
    }
}
