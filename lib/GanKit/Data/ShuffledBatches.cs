using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// Endless mini-batches from a data tensor, in a fresh random order every epoch (an incomplete last batch is dropped).
/// The epoch's permutation lives outside every dispose scope, so <see cref="Next"/> may be called inside one, such as
/// <see cref="Training.GanTrainer.TrainStep"/>'s. Introduced in chapter 05.
/// </summary>
public sealed class ShuffledBatches : IDisposable
{
    private readonly Tensor data;
    private readonly Generator? generator;
    private Tensor order;
    private long cursor;

    /// <summary>Batches of <paramref name="batchSize"/> rows of <paramref name="data"/> (batch first; any device).</summary>
    /// <exception cref="ArgumentException">The batch is larger than the data or not positive.</exception>
    public ShuffledBatches(Tensor data, int batchSize, Generator? generator = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (batchSize < 1 || data.dim() == 0 || batchSize > data.shape[0])
        {
            throw new ArgumentException($"The batch size must be between 1 and the number of samples ({(data.dim() == 0 ? 0 : data.shape[0])}), not {batchSize}.", nameof(batchSize));
        }

        this.data = data;
        this.generator = generator;
        BatchSize = batchSize;
        order = NewOrder();
    }

    public int BatchSize { get; }

    /// <summary>The number of completed passes over the data.</summary>
    public int Epoch { get; private set; }

    /// <summary>The next batch, (batchSize, …): a new tensor owned by the caller's dispose scope, if any.</summary>
    public Tensor Next()
    {
        if (cursor + BatchSize > data.shape[0])
        {
            order.Dispose();
            order = NewOrder();
            cursor = 0;
            Epoch++;
        }

        using var scope = NewDisposeScope();
        var indices = order.narrow(0, cursor, BatchSize);
        cursor += BatchSize;
        return data.index_select(0, indices).MoveToOuterDisposeScope();
    }

    public void Dispose() => order.Dispose();

    private Tensor NewOrder() => randperm(data.shape[0], device: data.device, generator: generator).DetachFromDisposeScope();
}
