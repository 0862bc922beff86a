using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>The Fréchet distance between fitted Gaussians (digit-FID), against answers known in closed form or computed another way.</summary>
public sealed class FrechetDistanceTests
{
    public FrechetDistanceTests() => TorchSession.Start();

    [Fact]
    public void IdenticalFeatureSetsAreAtDistanceZero()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(1);
        var features = torch.randn(2_000, 32).matmul(torch.randn(32, 32));

        Assert.InRange(FrechetDistance.Compute(features, features), 0, 1e-6);
        Assert.InRange(FrechetDistance.Compute(features, features.clone()), 0, 1e-6);
    }

    [Fact]
    public void IdenticalSetsWithFewerRowsThanDimensionsAreAtDistanceZeroNotNaN()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(2);
        var features = torch.rand(20, 128);                                    // singular covariance: rank 19 of 128

        var distance = FrechetDistance.Compute(features, features);

        Assert.InRange(distance, 0, 1e-6);
    }

    [Fact]
    public void FeatureStatisticsAreTheMeanAndTheUnbiasedCovarianceInFloat64()
    {
        using var scope = torch.NewDisposeScope();
        var features = torch.tensor(new float[] { 1, 2, 2, 4, 3, 7 }, [3, 2]);

        using var statistics = FeatureStatistics.Of(features);

        Assert.Equal(torch.float64, statistics.Mean.dtype);
        Assert.Equal(torch.float64, statistics.Covariance.dtype);
        Assert.Equal(2, statistics.Dimension);
        // numpy.cov([[1, 2, 3], [2, 4, 7]]) = [[1, 2.5], [2.5, 19/3]].
        AssertClose([2.0, 13.0 / 3], statistics.Mean.data<double>().ToArray());
        AssertClose([1.0, 2.5, 2.5, 19.0 / 3], statistics.Covariance.data<double>().ToArray());
    }

    [Fact]
    public void DiagonalGaussiansGiveTheClosedForm()
    {
        using var scope = torch.NewDisposeScope();
        double[] meanA = [0, 1, -2, 0.5];
        double[] meanB = [1, 1, 0, -0.5];
        double[] varianceA = [1, 4, 0.25, 9];
        double[] varianceB = [2, 1, 0.25, 0.01];
        var expected = Enumerable.Range(0, 4).Sum(i =>
            Math.Pow(meanA[i] - meanB[i], 2) + Math.Pow(Math.Sqrt(varianceA[i]) - Math.Sqrt(varianceB[i]), 2));

        var distance = FrechetDistance.Compute(
            new FeatureStatistics(torch.tensor(meanA), torch.diag(torch.tensor(varianceA))),
            new FeatureStatistics(torch.tensor(meanB), torch.diag(torch.tensor(varianceB))));

        Assert.Equal(expected, distance, 1e-10);
    }

    [Fact]
    public void TwoByTwoGaussiansMatchTheClosedFormSquareRoot()
    {
        using var scope = torch.NewDisposeScope();
        // For a 2 × 2 SPD matrix M: √M = (M + √det M · I) / √(tr M + 2 √det M), so Tr √M = √(tr M + 2 √det M).
        double[] a = [2, 0.8, 0.8, 1];
        double[] b = [0.5, -0.3, -0.3, 3];
        var rootA = TwoByTwoSquareRoot(a);
        var product = Multiply2(Multiply2(rootA, b), rootA);
        var traceOfRoot = Math.Sqrt(product[0] + product[3] + 2 * Math.Sqrt(Determinant2(product)));
        var expected = (1 * 1) + (2 * 2) + a[0] + a[3] + b[0] + b[3] - (2 * traceOfRoot);   // μa = (0, 0), μb = (1, −2)

        var distance = FrechetDistance.Compute(
            new FeatureStatistics(torch.zeros(2, torch.float64), torch.tensor(a, [2, 2])),
            new FeatureStatistics(torch.tensor(new double[] { 1, -2 }), torch.tensor(b, [2, 2])));

        Assert.Equal(expected, distance, 1e-10);
    }

    [Fact]
    public void GeneralGaussiansMatchANewtonSchulzSquareRoot()
    {
        using var scope = torch.NewDisposeScope();
        var (meanA, covarianceA) = RandomGaussian(6, seed: 3);
        var (meanB, covarianceB) = RandomGaussian(6, seed: 4);
        var rootA = NewtonSchulzSquareRoot(covarianceA);
        var traceOfRoot = NewtonSchulzSquareRoot(rootA.matmul(covarianceB).matmul(rootA)).trace().item<double>();
        var expected = (meanA - meanB).square().sum().item<double>()
            + covarianceA.trace().item<double>() + covarianceB.trace().item<double>() - (2 * traceOfRoot);

        var distance = FrechetDistance.Compute(new FeatureStatistics(meanA, covarianceA), new FeatureStatistics(meanB, covarianceB));

        Assert.Equal(expected, distance, 1e-8);
    }

    [Fact]
    public void TheDistanceIsSymmetricInItsArguments()
    {
        using var scope = torch.NewDisposeScope();
        var (meanA, covarianceA) = RandomGaussian(10, seed: 5);
        var (meanB, covarianceB) = RandomGaussian(10, seed: 6);
        var a = new FeatureStatistics(meanA, covarianceA);
        var b = new FeatureStatistics(meanB, covarianceB);

        var forward = FrechetDistance.Compute(a, b);
        var backward = FrechetDistance.Compute(b, a);

        Assert.True(forward > 1);
        Assert.Equal(forward, backward, 1e-9 * forward);
    }

    [Fact]
    public void ShiftingAllFeaturesByAVectorGivesItsSquaredNorm()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(7);
        var features = torch.randn(1_000, 16, torch.float64).matmul(torch.randn(16, 16, torch.float64));
        var shift = torch.randn(16, torch.float64);

        var distance = FrechetDistance.Compute(features, features + shift);

        Assert.Equal(shift.square().sum().item<double>(), distance, 1e-8);
    }

    [Fact]
    public void ShiftingOneMeanByAVectorAddsItsSquaredNormWhenTheMeansAgree()
    {
        using var scope = torch.NewDisposeScope();
        var (mean, covarianceA) = RandomGaussian(8, seed: 8);
        var (_, covarianceB) = RandomGaussian(8, seed: 9);
        var shift = torch.linspace(-1, 1, 8, torch.float64);
        var a = new FeatureStatistics(mean, covarianceA);

        var unshifted = FrechetDistance.Compute(a, new FeatureStatistics(mean, covarianceB));
        var shifted = FrechetDistance.Compute(a, new FeatureStatistics(mean + shift, covarianceB));

        Assert.Equal(unshifted + shift.square().sum().item<double>(), shifted, 1e-9);
    }

    [Fact]
    public void LargeSamplesFromTwoGaussiansComeCloseToTheirClosedFormDistance()
    {
        using var scope = torch.NewDisposeScope();
        var (meanA, covarianceA) = RandomGaussian(4, seed: 10);
        var (meanB, covarianceB) = RandomGaussian(4, seed: 11);
        var exact = FrechetDistance.Compute(new FeatureStatistics(meanA, covarianceA), new FeatureStatistics(meanB, covarianceB));
        torch.manual_seed(12);
        var samplesA = torch.randn(50_000, 4, torch.float64).matmul(torch.linalg.cholesky(covarianceA).mT) + meanA;
        var samplesB = torch.randn(50_000, 4, torch.float64).matmul(torch.linalg.cholesky(covarianceB).mT) + meanB;

        var estimate = FrechetDistance.Compute(samplesA.to(torch.float32), samplesB.to(torch.float32));

        Assert.InRange(exact, 2, 100);
        Assert.Equal(exact, estimate, 0.02 * exact);
    }

    [Fact]
    public void FeatureSetsOfTheWrongShapeAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var good = torch.randn(10, 4);

        var flat = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(torch.randn(40), good));
        var oneRow = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(good, torch.randn(1, 4)));
        var mismatched = Assert.Throws<ArgumentException>(() => FrechetDistance.Compute(good, torch.randn(10, 5)));
        var notFinite = Assert.Throws<ArgumentException>(() => FeatureStatistics.Of(torch.full(10, 4, float.NaN)));

        Assert.Equal("featuresA", flat.ParamName);
        Assert.Contains("[40]", flat.Message, StringComparison.Ordinal);
        Assert.Equal("featuresB", oneRow.ParamName);
        Assert.Contains("[10, 5]", mismatched.Message, StringComparison.Ordinal);
        Assert.Contains("NaN", notFinite.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticsOfTheWrongShapeAreRejected()
    {
        using var scope = torch.NewDisposeScope();
        var good = new FeatureStatistics(torch.zeros(3, torch.float64), torch.eye(3, dtype: torch.float64));

        var badCovariance = Assert.Throws<ArgumentException>(() =>
            FrechetDistance.Compute(good, new FeatureStatistics(torch.zeros(3, torch.float64), torch.eye(4, dtype: torch.float64))));
        var otherDimension = Assert.Throws<ArgumentException>(() =>
            FrechetDistance.Compute(good, new FeatureStatistics(torch.zeros(2, torch.float64), torch.eye(2, dtype: torch.float64))));

        Assert.Contains("[4, 4]", badCovariance.Message, StringComparison.Ordinal);
        Assert.Contains("3 and 2", otherDimension.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputingLeavesNoLiveTensorsBehind()
    {
        using var a = torch.randn(300, 8);
        using var b = torch.randn(200, 8);
        LiveTensors.AssertNoneLeftBy(() => FrechetDistance.Compute(a, b));
    }

    /// <summary>A mean and a well-conditioned SPD covariance, L Lᵀ + 0.1 I, in float64.</summary>
    private static (torch.Tensor Mean, torch.Tensor Covariance) RandomGaussian(int dimension, int seed)
    {
        using var generator = new torch.Generator((ulong)seed);
        var mean = torch.randn(dimension, torch.float64, generator: generator);
        var factor = torch.randn(dimension, dimension, torch.float64, generator: generator);
        return (mean, factor.matmul(factor.mT) + (0.1 * torch.eye(dimension, dtype: torch.float64)));
    }

    /// <summary>The coupled Newton–Schulz iteration for the square root of an SPD matrix, scaled to converge.</summary>
    private static torch.Tensor NewtonSchulzSquareRoot(torch.Tensor matrix)
    {
        var size = matrix.shape[0];
        var norm = matrix.norm().item<double>();
        var identity = torch.eye(size, dtype: torch.float64);
        var y = matrix / norm;
        var z = identity;
        for (var step = 0; step < 100; step++)
        {
            var t = ((3 * identity) - z.matmul(y)) / 2;
            y = y.matmul(t);
            z = t.matmul(z);
        }

        return y * Math.Sqrt(norm);
    }

    private static double[] TwoByTwoSquareRoot(double[] m)
    {
        var rootDeterminant = Math.Sqrt(Determinant2(m));
        var scale = Math.Sqrt(m[0] + m[3] + (2 * rootDeterminant));
        return [(m[0] + rootDeterminant) / scale, m[1] / scale, m[2] / scale, (m[3] + rootDeterminant) / scale];
    }

    private static double Determinant2(double[] m) => (m[0] * m[3]) - (m[1] * m[2]);

    private static double[] Multiply2(double[] l, double[] r) =>
        [(l[0] * r[0]) + (l[1] * r[2]), (l[0] * r[1]) + (l[1] * r[3]), (l[2] * r[0]) + (l[3] * r[2]), (l[2] * r[1]) + (l[3] * r[3])];

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-12);
        }
    }
}
