using GanKit.Data;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Data;

/// <summary>The 1-D normal target of chapters 01 and 02: its samples' moments and its density.</summary>
public sealed class NormalDistributionTests
{
    public NormalDistributionTests() => TorchSession.Start();

    [Fact]
    public void SamplesAreAColumnWithTheMeanAndStandardDeviationOfTheDistribution()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(21);
        var distribution = new NormalDistribution(4, 1.25);

        var samples = distribution.Sample(100_000);

        Assert.Equal([100_000L, 1L], samples.shape);
        Assert.Equal(torch.ScalarType.Float32, samples.dtype);
        Assert.Equal(4, samples.mean().item<float>(), 0.02);
        Assert.Equal(1.25, samples.std().item<float>(), 0.02);
        Assert.Equal((4.0, 1.25), (distribution.Mean, distribution.StandardDeviation));
    }

    [Fact]
    public void ANegativeMeanAndASmallStandardDeviationAreHonoured()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(22);

        var samples = new NormalDistribution(-3, 0.1).Sample(100_000);

        Assert.Equal(-3, samples.mean().item<float>(), 0.02);
        Assert.Equal(0.1, samples.std().item<float>(), 0.02);
    }

    [Fact]
    public void TheSameGeneratorSeedGivesTheSameSamples()
    {
        using var scope = torch.NewDisposeScope();
        var distribution = new NormalDistribution(4, 1.25);
        using var first = new torch.Generator(7);
        using var second = new torch.Generator(7);

        var one = distribution.Sample(100, generator: first).data<float>().ToArray();
        var other = distribution.Sample(100, generator: second).data<float>().ToArray();

        Assert.Equal(one, other);
        Assert.Equal(100, one.Distinct().Count());
    }

    [Fact]
    public void TheDensityIntegratesToOne()
    {
        using var scope = torch.NewDisposeScope();
        var distribution = new NormalDistribution(4, 1.25);
        const int points = 20_001;
        var x = torch.linspace(4 - 12.5, 4 + 12.5, points, dtype: torch.float64);

        var density = distribution.Density(x);

        Assert.Equal(torch.ScalarType.Float64, density.dtype);
        var xs = x.data<double>().ToArray();
        var ys = density.data<double>().ToArray();
        var integral = 0.0;
        for (var index = 1; index < points; index++)
        {
            integral += (xs[index] - xs[index - 1]) * (ys[index] + ys[index - 1]) / 2;
        }

        Assert.Equal(1, integral, 1e-9);
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(0.0)]
    [InlineData(2.75)]
    [InlineData(6.5)]
    [InlineData(-1.0)]
    public void TheDensityIsTheFormula(double point)
    {
        using var scope = torch.NewDisposeScope();
        const double mean = 4, deviation = 1.25;
        var expected = Math.Exp(-((point - mean) * (point - mean)) / (2 * deviation * deviation)) / (deviation * Math.Sqrt(2 * Math.PI));

        var density = new NormalDistribution(mean, deviation).Density(torch.tensor(new[] { point }));

        Assert.Equal([1L], density.shape);
        Assert.Equal(expected, density.data<double>()[0], 1e-12);
    }

    [Fact]
    public void TheDensityKeepsShapeAndFloat32()
    {
        using var scope = torch.NewDisposeScope();

        var density = new NormalDistribution(0, 1).Density(torch.zeros(3, 2));

        Assert.Equal([3L, 2L], density.shape);
        Assert.Equal(torch.ScalarType.Float32, density.dtype);
        Assert.All(density.data<float>().ToArray(), value => Assert.Equal(1 / Math.Sqrt(2 * Math.PI), value, 1e-6));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.0, -1.0)]
    [InlineData(0.0, double.NaN)]
    [InlineData(0.0, double.PositiveInfinity)]
    [InlineData(double.NaN, 1.0)]
    public void AStandardDeviationThatIsNotPositiveIsRejected(double mean, double deviation)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDistribution(mean, deviation));

        Assert.Equal("standardDeviation", exception.ParamName);
    }

    [Fact]
    public void TheLogDensityIsTheLogOfTheFormulaAndStaysFiniteWhereTheDensityUnderflows()
    {
        using var scope = torch.NewDisposeScope();
        const double mean = 4, deviation = 1.25;
        var distribution = new NormalDistribution(mean, deviation);
        double[] points = [4, 2.75, mean + (50 * deviation)];

        var logDensity = distribution.LogDensity(torch.tensor(points)).data<double>().ToArray();
        var density = distribution.Density(torch.tensor(points)).data<double>().ToArray();

        for (var index = 0; index < points.Length; index++)
        {
            var standardised = (points[index] - mean) / deviation;
            Assert.Equal((-0.5 * standardised * standardised) - Math.Log(deviation * Math.Sqrt(2 * Math.PI)), logDensity[index], 1e-9);
        }

        Assert.Equal(0.0, density[2]);   // e^−1250 underflows
        Assert.True(double.IsFinite(logDensity[2]));
    }

    [Fact]
    public void TheDensityLeavesNoLiveTensorsButItsResult()
    {
        using var x = torch.linspace(-1, 1, 10);
        var distribution = new NormalDistribution(0, 1);
        var before = LiveTensors.Count();

        using (distribution.Density(x))
        using (distribution.LogDensity(x))
        {
            Assert.Equal(before + 2, torch.Tensor.TotalCount);
        }
    }
}
