using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>Improved precision and recall (Kynkäänniemi et al. 2019) on point sets whose answer is known.</summary>
public sealed class PrecisionRecallTests
{
    public PrecisionRecallTests() => TorchSession.Start();

    [Fact]
    public void IdenticalSetsHavePrecisionAndRecallOne()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(21);
        var features = torch.randn(1_500, 16);

        var result = PrecisionRecall.Compute(features, features.clone());

        Assert.Equal(new PrecisionRecall(1, 1), result);
    }

    [Fact]
    public void FarApartClustersHavePrecisionAndRecallZero()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(22);
        var real = torch.randn(500, 16);
        var fake = torch.randn(500, 16) + 100;

        var result = PrecisionRecall.Compute(real, fake);

        Assert.Equal(new PrecisionRecall(0, 0), result);
    }

    [Fact]
    public void FakesCopyingHalfTheRealClustersHavePrecisionOneAndRecallOneHalf()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(23);
        // Four clusters of 300 points, 100 apart along the first four axes (σ = 1); the fakes are the real points of
        // the first two clusters, so each fake lies in a real ball and exactly the reals of those two lie in fake balls.
        var real = torch.cat([.. Enumerable.Range(0, 4).Select(cluster => torch.randn(300, 8) + (100 * torch.eye(8)[cluster]))]);
        var fake = real.narrow(0, 0, 600);

        var result = PrecisionRecall.Compute(real, fake);

        Assert.Equal(1.0, result.Precision);
        Assert.Equal(0.5, result.Recall);
    }

    [Fact]
    public void FreshSamplesFromHalfTheRealClustersHavePrecisionNearOneAndRecallNearOneHalf()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(24);
        var centres = 100 * torch.eye(4);
        var real = torch.cat([.. Enumerable.Range(0, 4).Select(cluster => torch.randn(1_000, 4) + centres[cluster])]);
        var fake = torch.cat([.. Enumerable.Range(0, 2).Select(cluster => torch.randn(2_000, 4) + centres[cluster])]);

        var result = PrecisionRecall.Compute(real, fake);

        Assert.InRange(result.Precision, 0.95, 1);
        Assert.InRange(result.Recall, 0.45, 0.5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(PrecisionRecall.DefaultBlockRows)]
    public void HandComputedOneDimensionalSetsGiveTheSameAnswerForEveryBlockSize(int blockRows)
    {
        using var scope = torch.NewDisposeScope();
        // k = 1. Real radii (nearest other real): 0, 1, 2, 3 → 1; 10 → 7. Fake radii: 0.5, 1.5 → 1; 5 → 3.5; 20 → 15.
        // Fakes: 0.5 and 1.5 lie in real balls, 5 lies in 10's ball (5 ≤ 7), 20 in none (10 > 7): precision ¾.
        // Reals: 0, 1, 2 lie in the balls of 0.5 and 1.5, 3 in 5's ball (2 ≤ 3.5), 10 in 20's ball (10 ≤ 15): recall 1.
        var real = torch.tensor(new double[] { 0, 1, 2, 3, 10 }).unsqueeze(1);
        var fake = torch.tensor(new double[] { 0.5, 1.5, 5, 20 }).unsqueeze(1);

        var result = PrecisionRecall.Compute(real, fake, neighbours: 1, blockRows: blockRows);

        Assert.Equal(new PrecisionRecall(0.75, 1), result);
    }

    [Fact]
    public void TheRadiusIsTheKthNearestOtherPointAndItsBoundaryCountsAsInside()
    {
        using var scope = torch.NewDisposeScope();
        // k = 2: the real radii are 2 (for 0 and 2: 1 then 2 away) and 1 (for 1). A fake at −2 is exactly on 0's ball.
        var real = torch.tensor(new double[] { 0, 1, 2 }).unsqueeze(1);
        var onTheBoundary = torch.tensor(new double[] { -2, 1, 1 }).unsqueeze(1);
        var justOutside = torch.tensor(new double[] { -2.001, 1, 1 }).unsqueeze(1);

        Assert.Equal(1.0, PrecisionRecall.Compute(real, onTheBoundary, neighbours: 2).Precision);
        Assert.Equal(2.0 / 3, PrecisionRecall.Compute(real, justOutside, neighbours: 2).Precision, 1e-15);
    }

    [Fact]
    public void SetsThatAreNotFeatureMatricesWithMoreThanKRowsAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var good = torch.randn(10, 4);

        var tooFew = Assert.Throws<ArgumentException>(() => PrecisionRecall.Compute(good, torch.randn(3, 4)));
        var flat = Assert.Throws<ArgumentException>(() => PrecisionRecall.Compute(torch.randn(40), good));
        var mismatched = Assert.Throws<ArgumentException>(() => PrecisionRecall.Compute(good, torch.randn(10, 5)));

        Assert.Equal("fakeFeatures", tooFew.ParamName);
        Assert.Contains("k = 3", tooFew.Message, StringComparison.Ordinal);
        Assert.Equal("realFeatures", flat.ParamName);
        Assert.Contains("[10, 5]", mismatched.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputingLeavesNoLiveTensorsBehind()
    {
        using var real = torch.randn(300, 8);
        using var fake = torch.randn(200, 8);
        LiveTensors.AssertNoneLeftBy(() => PrecisionRecall.Compute(real, fake, blockRows: 64));
    }
}
