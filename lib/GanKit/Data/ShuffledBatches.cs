using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// Endless mini-batches from a data tensor, in a fresh random order every epoch (an incomplete last batch is dropped).
/// The epoch's permutation lives outside every dispose scope, so <see cref="Next"/> may be called inside one, such as
/// <see cref="Training.GanTrainer.TrainStep"/>'s. Introduced in chapter 05; chapter 06 draws each sample with its
/// condition (a label, a shrunk copy) in the same order.
/// </summary>
public sealed class ShuffledBatches : IDisposable
{
    private readonly Tensor data;
    private readonly Tensor? conditions;
    private readonly Generator? generator;
    private Tensor order;
    private long cursor;

    /// <summary>Batches of <paramref name="batchSize"/> rows of <paramref name="data"/> (batch first; any device).</summary>
    /// <param name="data">The samples, batch first.</param>
    /// <param name="batchSize">Rows per batch.</param>
    /// <param name="generator">Where the order comes from, or <c>null</c> for TorchSharp's global generator.</param>
    /// <param name="conditions">One condition per row of <paramref name="data"/>, for <see cref="NextWithConditions"/>; or <c>null</c>.</param>
    /// <exception cref="ArgumentException">The batch is larger than the data or not positive, or the conditions do not match the rows.</exception>
    public ShuffledBatches(Tensor data, int batchSize, Generator? generator = null, Tensor? conditions = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (conditions is not null && (conditions.dim() == 0 || data.dim() == 0 || conditions.shape[0] != data.shape[0]))
        {
            throw new ArgumentException($"Give one condition per sample: {(data.dim() == 0 ? 0 : data.shape[0])} samples but conditions of shape ({string.Join(", ", conditions.shape)}).", nameof(conditions));
        }

        if (batchSize < 1 || data.dim() == 0 || batchSize > data.shape[0])
        {
            throw new ArgumentException($"The batch size must be between 1 and the number of samples ({(data.dim() == 0 ? 0 : data.shape[0])}), not {batchSize}.", nameof(batchSize));
        }

        this.data = data;
        this.conditions = conditions;
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
        using var scope = NewDisposeScope();
        return data.index_select(0, NextIndices()).MoveToOuterDisposeScope();
    }

    /// <summary>The next batch with each sample's condition, in the same order; new tensors owned by the caller.</summary>
    /// <exception cref="InvalidOperationException">The batches were made without conditions.</exception>
    public Training.ConditionalBatch NextWithConditions()
    {
        var rowConditions = conditions ?? throw new InvalidOperationException("These batches were made without conditions: pass them to the constructor (conditions:).");
        using var scope = NewDisposeScope();
        var indices = NextIndices();
        return new Training.ConditionalBatch(data.index_select(0, indices).MoveToOuterDisposeScope(), rowConditions.index_select(0, indices).MoveToOuterDisposeScope());
    }

    public void Dispose() => order.Dispose();

    // The next batch's rows of the current order, starting a new epoch when the order runs out.
    private Tensor NextIndices()
    {
        if (cursor + BatchSize > data.shape[0])
        {
            order.Dispose();
            order = NewOrder();
            cursor = 0;
            Epoch++;
        }

        var indices = order.narrow(0, cursor, BatchSize);
        cursor += BatchSize;
        return indices;
    }

    private Tensor NewOrder() => randperm(data.shape[0], device: data.device, generator: generator).DetachFromDisposeScope();
}
