using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>The memorisation check: the nearest reference row to each query row.</summary>
public sealed class NearestNeighboursTests
{
    public NearestNeighboursTests() => TorchSession.Start();

    [Fact]
    public void CopiesOfReferenceRowsFindThoseRowsAtDistanceZero()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(31);
        var reference = torch.rand(2_500, 1, 28, 28);                              // three blocks of the default 1,000
        long[] copied = [7, 1_234, 2_499];
        var queries = reference.index_select(0, torch.tensor(copied)).reshape(3, 784);

        var neighbours = NearestNeighbours.Find(queries, reference);

        Assert.Equal(copied, neighbours.Select(neighbour => neighbour.Index));
        Assert.All(neighbours, neighbour => Assert.Equal(0.0, neighbour.Distance));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(NearestNeighbours.DefaultBlockRows)]
    public void HandPlacedPointsFindTheirNearestRowAndDistanceForEveryBlockSize(int blockRows)
    {
        using var scope = torch.NewDisposeScope();
        var reference = torch.tensor(new double[] { 0, 0, 3, 4, 10, 0 }, [3, 2]);
        var queries = torch.tensor(new float[] { 3, 4.5f, 9, 0, -1, 0 }, [3, 2]);

        var neighbours = NearestNeighbours.Find(queries, reference, blockRows);

        Assert.Equal([new Neighbour(1, 0.5), new Neighbour(2, 1), new Neighbour(0, 1)], neighbours);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(NearestNeighbours.DefaultBlockRows)]
    public void TiesGoToTheLowestRow(int blockRows)
    {
        using var scope = torch.NewDisposeScope();
        var reference = torch.tensor(new float[] { 5, 5, 1, 0, -1, 0, 0, 1 }, [4, 2]);

        var neighbour = Assert.Single(NearestNeighbours.Find(torch.zeros(1, 2), reference, blockRows));

        Assert.Equal(new Neighbour(1, 1), neighbour);
        Assert.Equal("#1 at 1", neighbour.ToString());
    }

    [Fact]
    public void RowsOfDifferentSizesAreRejected()
    {
        using var scope = torch.NewDisposeScope();

        var exception = Assert.Throws<ArgumentException>(() => NearestNeighbours.Find(torch.zeros(2, 783), torch.zeros(10, 1, 28, 28)));
        var empty = Assert.Throws<ArgumentException>(() => NearestNeighbours.Find(torch.zeros(0, 784), torch.zeros(10, 784)));

        Assert.Contains("783", exception.Message, StringComparison.Ordinal);
        Assert.Contains("784", exception.Message, StringComparison.Ordinal);
        Assert.Equal("queries", empty.ParamName);
    }

    [Fact]
    public void FindingLeavesNoLiveTensorsBehind()
    {
        using var reference = torch.rand(300, 16);
        using var queries = torch.rand(5, 16);
        LiveTensors.AssertNoneLeftBy(() => NearestNeighbours.Find(queries, reference, blockRows: 64));
    }
}
