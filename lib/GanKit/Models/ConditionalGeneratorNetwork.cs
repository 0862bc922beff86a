using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A conditional generator: (noise (batch, <see cref="NoiseSize"/>), condition) → samples. The condition says what to
/// make — a digit's label (batch) in chapter 06a, a small image to enlarge in chapter 06b. A noise size of 0 makes a
/// deterministic network that maps each condition to one output. Introduced in chapter 06.
/// </summary>
public abstract class ConditionalGeneratorNetwork : Module<Tensor, Tensor, Tensor>
{
    protected ConditionalGeneratorNetwork(string name, int noiseSize) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(noiseSize);
        NoiseSize = noiseSize;
    }

    /// <summary>The length of one noise vector; 0 when the network takes none.</summary>
    public int NoiseSize { get; }

    /// <summary>
    /// One sample per condition, mapped from (−1, 1) to [0, 1], made in batches without gradient and in evaluation mode
    /// (batch normalisation uses its running statistics, so a sample does not depend on the others drawn with it).
    /// </summary>
    /// <param name="conditions">(count, …) on the network's device.</param>
    /// <param name="noise">(count, noise size) to reuse, e.g. one style for several labels; <c>null</c> draws fresh noise.</param>
    /// <param name="random">Where fresh noise comes from, or <c>null</c> for TorchSharp's global generator.</param>
    /// <param name="batchSize">Samples per forward pass.</param>
    public Tensor Sample(Tensor conditions, Tensor? noise = null, Generator? random = null, int batchSize = 1_000)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var count = conditions.dim() == 0 ? 0 : conditions.shape[0];
        if (count == 0)
        {
            throw new ArgumentException("Give at least one condition (batch first).", nameof(conditions));
        }

        if (noise is not null && (noise.dim() != 2 || noise.shape[0] != count || noise.shape[1] != NoiseSize))
        {
            throw new ArgumentException($"The noise must be ({count}, {NoiseSize}): one vector per condition, not ({string.Join(", ", noise.shape)}).", nameof(noise));
        }

        var wasTraining = training;
        eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            var allNoise = noise ?? randn(count, NoiseSize, device: conditions.device, generator: random);
            var parts = new List<Tensor>();
            for (long start = 0; start < count; start += batchSize)
            {
                var length = Math.Min(batchSize, count - start);
                parts.Add(call(allNoise.narrow(0, start, length), conditions.narrow(0, start, length)));
            }

            return ((cat(parts, 0) + 1) / 2).clamp(0, 1).MoveToOuterDisposeScope();
        }
        finally
        {
            train(wasTraining);
        }
    }
}
