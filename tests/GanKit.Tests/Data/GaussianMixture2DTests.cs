using GanKit.Data;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>The ring and grid targets of chapters 03 and 04: where their modes are and how their samples spread.</summary>
public sealed class GaussianMixture2DTests
{
    public GaussianMixture2DTests() => TorchSession.Start();

    [Fact]
    public void TheRingOfEightHasItsCentresAtAnglesTwoPiKOverEightOnTheUnitCircle()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring();

        var centers = ring.Centers();

        Assert.Equal(8, ring.ModeCount);
        Assert.Equal(0.01, ring.StandardDeviation);
        Assert.Equal([8L, 2L], centers.shape);
        Assert.Equal(torch.ScalarType.Float32, centers.dtype);
        var values = Pairs(centers);
        for (var mode = 0; mode < 8; mode++)
        {
            var angle = 2 * Math.PI * mode / 8;
            Assert.Equal(Math.Cos(angle), values[mode].X, 1e-6);
            Assert.Equal(Math.Sin(angle), values[mode].Y, 1e-6);
        }

        // Distinct modes: neighbours are 2·sin(π/8) ≈ 0.765 apart (linspace(0, 2π, 8) would repeat the first one).
        for (var one = 0; one < 8; one++)
        {
            for (var other = one + 1; other < 8; other++)
            {
                Assert.True(Distance(values[one], values[other]) > 0.7, $"Modes {one} and {other} are too close.");
            }
        }
    }

    [Fact]
    public void ARingTakesItsModeCountRadiusAndStandardDeviation()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring(modes: 3, radius: 2, standardDeviation: 0.2);

        var values = Pairs(ring.Centers());

        Assert.Equal(3, ring.ModeCount);
        Assert.Equal(0.2, ring.StandardDeviation);
        Assert.All(values, center => Assert.Equal(2, Math.Sqrt((center.X * center.X) + (center.Y * center.Y)), 1e-6));
        Assert.Equal((2.0, 0.0), (values[0].X, values[0].Y));
        Assert.Equal(-1, values[1].X, 1e-6);
        Assert.Equal(Math.Sqrt(3), values[1].Y, 1e-6);
    }

    [Fact]
    public void TheGridOfTwentyFiveHasItsCentresExactlyAtMinusFourToFourInStepsOfTwo()
    {
        using var scope = torch.NewDisposeScope();
        var grid = GaussianMixture2D.Grid();

        var values = Pairs(grid.Centers());

        Assert.Equal(25, grid.ModeCount);
        Assert.Equal(0.05, grid.StandardDeviation);
        double[] coordinates = [-4, -2, 0, 2, 4];
        var expected = coordinates.SelectMany(y => coordinates.Select(x => (x, y))).ToHashSet();
        Assert.Equal(25, values.Distinct().Count());
        Assert.Equal(expected, values.ToHashSet());
    }

    [Theory]
    [InlineData("ring", 80_000)]
    [InlineData("grid", 100_000)]
    public void SamplesCoverEveryModeEvenlyAndLieWithinTheirSpreadOfTheNearestCentre(string which, int count)
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(31);
        var mixture = which == "ring" ? GaussianMixture2D.Ring() : GaussianMixture2D.Grid();
        var sigma = mixture.StandardDeviation;

        var samples = mixture.Sample(count);

        Assert.Equal([(long)count, 2L], samples.shape);
        Assert.Equal(torch.ScalarType.Float32, samples.dtype);
        var distances = torch.cdist(samples.to(torch.float64), mixture.Centers().to(torch.float64));
        var (nearestDistance, nearestMode) = distances.min(1);

        // Equal weights: a chi-square statistic with modes − 1 degrees of freedom (7 or 24); 60 is far beyond both 99.99 % points.
        var perMode = torch.bincount(nearestMode, minlength: mixture.ModeCount).data<long>().ToArray();
        var expected = (double)count / mixture.ModeCount;
        var chiSquare = perMode.Sum(observed => (observed - expected) * (observed - expected) / expected);
        Assert.Equal(mixture.ModeCount, perMode.Length);
        Assert.All(perMode, observed => Assert.InRange(observed, 0.9 * expected, 1.1 * expected));
        Assert.InRange(chiSquare, 0, 60);

        // The distance to the centre is Rayleigh(σ): E[r²] = 2σ², P(r < 3σ) = 1 − e^−4.5 ≈ 0.9889, P(r < 4σ) ≈ 0.99966.
        var squared = nearestDistance.square().mean().item<double>();
        Assert.Equal(2 * sigma * sigma, squared, 0.03 * 2 * sigma * sigma);
        Assert.Equal(1 - Math.Exp(-4.5), nearestDistance.lt(3 * sigma).to(torch.float64).mean().item<double>(), 0.003);
        Assert.InRange(nearestDistance.lt(4 * sigma).to(torch.float64).mean().item<double>(), 0.99, 1);
    }

    [Fact]
    public void TheSameGeneratorSeedGivesTheSameSamples()
    {
        using var scope = torch.NewDisposeScope();
        var ring = GaussianMixture2D.Ring();
        using var first = new torch.Generator(5);
        using var second = new torch.Generator(5);

        var one = ring.Sample(50, generator: first).data<float>().ToArray();
        var other = ring.Sample(50, generator: second).data<float>().ToArray();

        Assert.Equal(one, other);
    }

    [Fact]
    public void SamplingLeavesNoLiveTensorsButTheSamples()
    {
        var ring = GaussianMixture2D.Ring();
        var before = LiveTensors.Count();

        using (ring.Sample(10))
        {
            Assert.Equal(before + 1, torch.Tensor.TotalCount);
        }

        Assert.Equal(before, torch.Tensor.TotalCount);
    }

    [Fact]
    public void NamesSayWhatTheTargetIs()
    {
        Assert.StartsWith("ring of 8 Gaussians", GaussianMixture2D.Ring().Name, StringComparison.Ordinal);
        Assert.StartsWith("grid of 5×5 Gaussians", GaussianMixture2D.Grid().ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void NoModesOrAStandardDeviationThatIsNotPositiveIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture2D.Ring(modes: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture2D.Grid(perSide: 0));
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture2D.Ring(standardDeviation: 0)).ParamName);
        Assert.Equal("standardDeviation", Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture2D.Grid(standardDeviation: -0.05)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture2D.Ring(standardDeviation: double.NaN));
    }

    private static List<(double X, double Y)> Pairs(torch.Tensor centers)
    {
        var values = centers.to(torch.float64).data<double>().ToArray();
        return Enumerable.Range(0, values.Length / 2).Select(index => (values[2 * index], values[(2 * index) + 1])).ToList();
    }

    private static double Distance((double X, double Y) one, (double X, double Y) other) =>
        Math.Sqrt(((one.X - other.X) * (one.X - other.X)) + ((one.Y - other.Y) * (one.Y - other.Y)));
}
