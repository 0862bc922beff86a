using GanKit.Data;
using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>The mode-collapse measurement of the Unrolled GAN, VEEGAN and PacGAN papers, on samples whose answer is known.</summary>
public sealed class ModeCoverageTests
{
    public ModeCoverageTests() => TorchSession.Start();

    [Fact]
    public void RealRingSamplesCaptureAllEightModesWithTheExpectedQualityAndAlmostNoReverseKl()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(41);
        var ring = GaussianMixture2D.Ring();

        var coverage = ModeCoverage.Measure(ring, ring.Sample(2_500));

        Assert.Equal(8, coverage.ModesCaptured);
        Assert.Equal(8, coverage.ModeCount);
        Assert.Equal(1 - Math.Exp(-4.5), coverage.HighQualityShare, 0.01);   // P(Rayleigh(σ) < 3σ) ≈ 0.989
        Assert.InRange(coverage.ReverseKl, 0, 0.01);
        Assert.Equal(8, coverage.SamplesPerMode.Count);
        Assert.Equal(coverage.HighQualityShare * 2_500, coverage.SamplesPerMode.Sum(), 1e-9);
    }

    [Fact]
    public void RealGridSamplesCaptureAllTwentyFiveModesWithAlmostNoReverseKl()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(42);
        var grid = GaussianMixture2D.Grid();

        var coverage = ModeCoverage.Measure(grid, grid.Sample(2_500));

        Assert.Equal(25, coverage.ModesCaptured);
        Assert.Equal(25, coverage.ModeCount);
        Assert.Equal(1 - Math.Exp(-4.5), coverage.HighQualityShare, 0.01);
        Assert.InRange(coverage.ReverseKl, 0, 0.02);
    }

    [Fact]
    public void SamplesAllAtOneCentreCaptureOneModeWithReverseKlLogEight()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring();
        var samples = ring.Centers()[2].unsqueeze(0).expand(100, 2);

        var coverage = ModeCoverage.Measure(ring, samples);

        Assert.Equal(1, coverage.ModesCaptured);
        Assert.Equal(1.0, coverage.HighQualityShare);
        Assert.Equal(Math.Log(8), coverage.ReverseKl, 1e-9);
        Assert.Equal([0L, 0, 100, 0, 0, 0, 0, 0], coverage.SamplesPerMode);
    }

    [Fact]
    public void SamplesSplitEvenlyBetweenTwoModesGiveReverseKlLogFour()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring();
        var centers = ring.Centers();
        var samples = torch.cat([centers[0].unsqueeze(0).expand(30, 2), centers[5].unsqueeze(0).expand(30, 2)]);

        var coverage = ModeCoverage.Measure(ring, samples);

        Assert.Equal(2, coverage.ModesCaptured);
        Assert.Equal(Math.Log(4), coverage.ReverseKl, 1e-9);
        Assert.Equal([30L, 0, 0, 0, 0, 30, 0, 0], coverage.SamplesPerMode);
    }

    [Fact]
    public void SamplesFarFromEveryModeCaptureNoneAndHaveInfiniteReverseKl()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring();
        var samples = torch.full([50, 2], 10f);

        var coverage = ModeCoverage.Measure(ring, samples);

        Assert.Equal(0, coverage.ModesCaptured);
        Assert.Equal(8, coverage.ModeCount);
        Assert.Equal(0.0, coverage.HighQualityShare);
        Assert.True(double.IsPositiveInfinity(coverage.ReverseKl));
        Assert.All(coverage.SamplesPerMode, count => Assert.Equal(0L, count));
    }

    [Fact]
    public void HighQualityMeansWithinThreeStandardDeviationsOfTheNearestMode()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring(standardDeviation: 0.1);
        // Mode 0 is at (1, 0): a sample 2.9σ from it counts, one 3.1σ from it does not (nor does it count for another mode).
        var samples = torch.tensor(new float[] { 1.29f, 0, 1.31f, 0 }, [2, 2]);

        var coverage = ModeCoverage.Measure(ring, samples);

        Assert.Equal(0.5, coverage.HighQualityShare);
        Assert.Equal(1, coverage.ModesCaptured);
        Assert.Equal(1L, coverage.SamplesPerMode[0]);
        Assert.Equal(1L, coverage.SamplesPerMode.Sum());
    }

    [Theory]
    [InlineData(new long[] { 10, 3 })]
    [InlineData(new long[] { 10 })]
    [InlineData(new long[] { 0, 2 })]
    [InlineData(new long[] { 2, 5, 2 })]
    public void SamplesThatAreNotANonEmptyListOfPointsAreRejected(long[] shape)
    {
        using var scope = torch.NewDisposeScope();
        var samples = torch.zeros(shape);

        var exception = Assert.Throws<ArgumentException>(() => ModeCoverage.Measure(GaussianMixture2D.Ring(), samples));

        Assert.Equal("samples", exception.ParamName);
        Assert.Contains($"[{string.Join(", ", shape)}]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MeasuringLeavesNoLiveTensorsBehind()
    {
        var ring = GaussianMixture2D.Ring();
        using var samples = ring.Sample(500);
        LiveTensors.AssertNoneLeftBy(() => ModeCoverage.Measure(ring, samples));
    }
}
