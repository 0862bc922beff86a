using GanKit.Data;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Metrics;

/// <summary>The chapter 05 report on real digits: the floor is the floor, real digits meet the bar, a collapsed set does not.</summary>
public sealed class DigitEvaluatorTests
{
    private const int Count = 1_000;

    public DigitEvaluatorTests() => TorchSession.Start();

    [Fact]
    public void Training_digits_measure_exactly_the_floor_and_meet_the_bar()
    {
        using var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: 2 * Count);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: Count);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, Count);

        var sameAsFloor = evaluator.Evaluate(train.Images.narrow(0, 0, Count));
        var otherTrainingDigits = evaluator.Evaluate(train.Images.narrow(0, Count, Count));

        Assert.Equal(evaluator.Floor, sameAsFloor.Fid, 9);
        Assert.Equal(1.0, sameAsFloor.FidRatio, 9);
        Assert.InRange(otherTrainingDigits.FidRatio, 0.5, 2.0);
        Assert.True(otherTrainingDigits.MeetsBar, otherTrainingDigits.ToString());
        Assert.EndsWith("1,000 samples · meets the bar (set for 10,000 samples)", otherTrainingDigits.ToString(), StringComparison.Ordinal);
        Assert.InRange(otherTrainingDigits.Score.Mean, 9.0, 10.0);

        // The second opinion at another k: at k = 3 it is the report's own; at k = 5 the balls grow, so both can only rise.
        var images = train.Images.narrow(0, Count, Count);
        Assert.Equal(otherTrainingDigits.Coverage, evaluator.Coverage(images, 3));
        var atFive = evaluator.Coverage(images, 5);
        Assert.InRange(atFive.Precision, otherTrainingDigits.Coverage.Precision, 1);
        Assert.InRange(atFive.Recall, otherTrainingDigits.Coverage.Recall, 1);
    }

    [Fact]
    public void One_digit_repeated_misses_the_bar_on_every_count()
    {
        using var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: Count);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: Count);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, Count);

        var report = evaluator.Evaluate(train.Images.narrow(0, 0, 1).expand(Count, 1, 28, 28).contiguous());

        Assert.False(report.MeetsBar);
        Assert.True(report.FidRatio > 10, report.ToString());
        Assert.Equal(Math.Log(10), report.Classes.KlToUniform, 6);
        Assert.True(report.Coverage.Recall < 0.05, report.ToString());
    }

    [Fact]
    public void A_set_of_the_wrong_size_or_shape_is_refused()
    {
        using var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: 100);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 100);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, 100);

        var wrongCount = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(zeros(99, 1, 28, 28)));
        var flat = Assert.Throws<ArgumentException>(() => evaluator.Evaluate(zeros(100, 784)));
        var tooMany = Assert.Throws<ArgumentException>(() => DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, 101));

        Assert.Contains("Expected 100 images of shape (1, 28, 28), got (99, 1, 28, 28)", wrongCount.Message, StringComparison.Ordinal);
        Assert.Contains("got (100, 784)", flat.Message, StringComparison.Ordinal);
        Assert.Contains("between 10 and the size of each set", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_sets_disagree_only_where_their_images_differ_and_the_true_images_are_read_right()
    {
        using var train = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Train, count: 100);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test, count: 100);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Classifier), train, test, 100);
        using var changed = test.Images.clone();
        changed.narrow(0, 0, 10).copy_(test.Images.narrow(0, 50, 10));            // the first ten replaced by other test digits

        var disagreement = evaluator.Disagreements(test.Images, changed, test.Labels);
        var indices = disagreement.Indices.data<long>().ToArray();

        Assert.NotEmpty(indices);
        Assert.All(indices, index => Assert.InRange(index, 0, 9));                 // identical images are read alike
        Assert.Equal(indices.Order(), indices);
        Assert.Equal(disagreement.Count, disagreement.FirstRight + disagreement.SecondRight + disagreement.NeitherRight);
        Assert.InRange(disagreement.FirstRight, disagreement.Count - 1, disagreement.Count);   // the real digits, read by a 99 % classifier
        Assert.Equal(Math.Min(3, disagreement.Count), disagreement.First(3).shape[0]);
        Assert.Equal(0, evaluator.Disagreements(test.Images, test.Images, test.Labels).Count);
        Assert.Throws<ArgumentException>(() => evaluator.Disagreements(test.Images, changed.narrow(0, 0, 99), test.Labels));
    }

    [Fact]
    public void At_the_bars_own_sample_count_the_verdict_stands_alone()
    {
        var balanced = ClassBalance.FromCounts([.. Enumerable.Repeat(1_000L, 10)]);
        var good = new DigitReport(3.2, 1.6, new ScoreWithSpread(9.1, 0.05), balanced, new PrecisionRecall(0.71, 0.86), DigitReport.BarSampleCount);
        var lowPrecision = good with { Coverage = new PrecisionRecall(0.69, 0.86) };

        Assert.EndsWith("10,000 samples · meets the bar", good.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("10,000 samples · misses the bar", lowPrecision.ToString(), StringComparison.Ordinal);
        Assert.False(lowPrecision.MeetsBar);
    }
}
