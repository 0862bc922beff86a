using GanKit.Metrics;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Metrics;

/// <summary>The Inception-Score-style score over softmax outputs, on predictions whose score is known.</summary>
public sealed class InceptionScoreTests
{
    public InceptionScoreTests() => TorchSession.Start();

    [Fact]
    public void ConfidentPredictionsSpreadEvenlyOverTenClassesScoreTen()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = OneHot(torch.arange(1_000) % 10, 10);                   // every split of 100 holds each class 10 times

        var score = InceptionScore.ComputeWithSpread(probabilities);

        Assert.Equal(10, InceptionScore.Compute(probabilities), 1e-9);
        Assert.Equal(10, score.Mean, 1e-9);
        Assert.Equal(0, score.StandardDeviation, 1e-9);
    }

    [Fact]
    public void ConfidentPredictionsAllOfOneClassScoreOne()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = OneHot(torch.full(1_000, 3L), 10);

        Assert.Equal(1, InceptionScore.Compute(probabilities), 1e-12);
    }

    [Fact]
    public void UniformPredictionsScoreOne()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = torch.full(1_000, 10, 0.1f);

        Assert.Equal(1, InceptionScore.Compute(probabilities), 1e-6);
    }

    [Fact]
    public void ConfidentPredictionsSpreadEvenlyOverTwoOfTenClassesScoreTwo()
    {
        using var scope = torch.NewDisposeScope();
        var probabilities = OneHot((torch.arange(1_000) % 2) * 7, 10);

        Assert.Equal(2, InceptionScore.Compute(probabilities), 1e-9);
    }

    [Fact]
    public void AHandComputedPairScoresFourThirdsToTheThreeQuarters()
    {
        using var scope = torch.NewDisposeScope();
        // p(y) = (¾, ¼); KL of the rows: ½ log(4/3) and log(4/3); mean ¾ log(4/3).
        var probabilities = torch.tensor(new double[] { 0.5, 0.5, 1, 0 }, [2, 2]);

        Assert.Equal(Math.Pow(4.0 / 3, 0.75), InceptionScore.Compute(probabilities, splits: 1), 1e-12);
    }

    [Fact]
    public void TheSpreadIsThePopulationStandardDeviationOverTheSplits()
    {
        using var scope = torch.NewDisposeScope();
        // First split: all class 0 (score 1); second split: even over 10 classes (score 10).
        var classes = torch.cat([torch.zeros(100, torch.int64), torch.arange(100) % 10]);

        var score = InceptionScore.ComputeWithSpread(OneHot(classes, 10), splits: 2);

        Assert.Equal(5.5, score.Mean, 1e-9);
        Assert.Equal(4.5, score.StandardDeviation, 1e-9);
        Assert.Equal("5.500 ± 4.500", score.ToString());
    }

    [Fact]
    public void EveryRowIsUsedWhenTheSplitsDoNotDivideTheCount()
    {
        using var scope = torch.NewDisposeScope();
        // Eleven rows in ten splits: split k holds rows ⌊11k/10⌋ to ⌊11(k+1)/10⌋ − 1, so the last split gets rows 9 and 10,
        // of different classes (score 2), and the other nine get one row each (score 1). Dropping row 10 would give 1.
        var probabilities = OneHot(torch.tensor(new long[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }), 10);

        Assert.Equal(1.1, InceptionScore.Compute(probabilities), 1e-12);
    }

    [Fact]
    public void InputsThatAreNotProbabilityRowsAreRejected()
    {
        using var scope = torch.NewDisposeScope();

        var flat = Assert.Throws<ArgumentException>(() => InceptionScore.Compute(torch.full(100, 0.1f)));
        var logits = Assert.Throws<ArgumentException>(() => InceptionScore.Compute(torch.randn(100, 10)));
        var tooFew = Assert.Throws<ArgumentException>(() => InceptionScore.Compute(torch.full(5, 10, 0.1f)));
        Assert.Throws<ArgumentOutOfRangeException>(() => InceptionScore.Compute(torch.full(5, 10, 0.1f), splits: 0));

        Assert.Contains("[100]", flat.Message, StringComparison.Ordinal);
        Assert.Contains("softmax", logits.Message, StringComparison.Ordinal);
        Assert.Contains("5 rows", tooFew.Message, StringComparison.Ordinal);
    }

    private static torch.Tensor OneHot(torch.Tensor classes, int classCount) =>
        torch.nn.functional.one_hot(classes, classCount).to(torch.float32);
}
