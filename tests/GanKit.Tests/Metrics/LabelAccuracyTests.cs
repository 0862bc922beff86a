using GanKit.Metrics;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Metrics;

public sealed class LabelAccuracyTests
{
    public LabelAccuracyTests() => TorchSession.Start();

    [Fact]
    public void Accuracy_is_counted_per_wanted_label_and_overall()
    {
        using var wanted = tensor(new long[] { 0, 0, 0, 0, 1, 1, 2 });
        using var predicted = tensor(new long[] { 0, 0, 0, 1, 1, 0, 2 });

        var accuracy = LabelAccuracy.Compute(predicted, wanted, classes: 4);

        Assert.Equal([0.75, 0.5, 1.0], accuracy.PerClass.Take(3));
        Assert.True(double.IsNaN(accuracy.PerClass[3]), "A label never asked for has no accuracy.");
        Assert.Equal([4L, 2L, 1L, 0L], accuracy.Counts);
        Assert.Equal(5.0 / 7, accuracy.Overall, 12);
        Assert.Equal((1, 0.5), accuracy.Worst);
        Assert.StartsWith("71.4 % overall", accuracy.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tensors_that_do_not_match_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => LabelAccuracy.Compute(tensor(new long[] { 1, 2 }), tensor(new long[] { 1 })));
        Assert.Throws<ArgumentException>(() => LabelAccuracy.Compute(tensor(new long[] { 1, 12 }), tensor(new long[] { 1, 2 })));
        Assert.Throws<ArgumentException>(() => LabelAccuracy.Compute(zeros(0, dtype: int64), zeros(0, dtype: int64)));
    }
}
