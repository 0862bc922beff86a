using GanKit.Data;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Data;

public sealed class ShuffledBatchesTests
{
    public ShuffledBatchesTests() => TorchSession.Start();

    [Fact]
    public void Every_epoch_visits_every_sample_once_even_when_called_inside_dispose_scopes()
    {
        using var data = arange(10, dtype: int64).unsqueeze(1);   // (10, 1): row i holds i
        using var batches = new ShuffledBatches(data, batchSize: 5);
        var epochs = new List<List<long>> { new(), new(), new() };

        for (var call = 0; call < 6; call++)
        {
            using var scope = NewDisposeScope();   // as inside GanTrainer.TrainStep
            var batch = batches.Next().squeeze(1).data<long>().ToArray();
            epochs[batches.Epoch].AddRange(batch);   // Epoch counts the pass the batch came from
        }

        Assert.Equal(2, batches.Epoch);
        Assert.All(epochs, visited => Assert.Equal(Enumerable.Range(0, 10).Select(i => (long)i), visited.Order()));
    }

    [Fact]
    public void The_last_incomplete_batch_of_an_epoch_is_dropped()
    {
        using var data = arange(7, dtype: float32).unsqueeze(1);
        using var batches = new ShuffledBatches(data, batchSize: 3);

        using (var first = batches.Next())
        using (var second = batches.Next())
        {
            Assert.Equal(0, batches.Epoch);
        }

        using var third = batches.Next();
        Assert.Equal(1, batches.Epoch);
        Assert.Equal(new long[] { 3, 1 }, third.shape);
    }

    [Fact]
    public void Conditions_come_in_the_same_shuffled_order_as_their_samples()
    {
        using var data = arange(12, dtype: int64).unsqueeze(1);       // row i holds i
        using var conditions = arange(12, dtype: int64) * 10;          // its condition 10 i
        using var batches = new ShuffledBatches(data, 4, conditions: conditions);
        var seen = new List<long>();
        for (var call = 0; call < 3; call++)
        {
            using var batch = batches.NextWithConditions();
            Assert.True(batch.Conditions.equal(batch.Samples.squeeze(1) * 10).all().item<bool>(), "Each sample keeps its own condition.");
            seen.AddRange(batch.Samples.squeeze(1).data<long>());
        }

        Assert.Equal(Enumerable.Range(0, 12).Select(value => (long)value), seen.Order());
        Assert.Throws<InvalidOperationException>(() => new ShuffledBatches(data, 4).NextWithConditions());
        Assert.Throws<ArgumentException>(() => new ShuffledBatches(data, 4, conditions: zeros(11)));
    }

    [Fact]
    public void A_batch_larger_than_the_data_is_rejected()
    {
        using var data = zeros(4, 2);

        var exception = Assert.Throws<ArgumentException>(() => new ShuffledBatches(data, batchSize: 5));

        Assert.Contains("between 1 and the number of samples (4)", exception.Message, StringComparison.Ordinal);
    }
}
