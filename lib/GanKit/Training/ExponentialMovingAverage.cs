using GanKit.Models;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// A second copy of a generator whose weights are an exponential moving average of the trained one's (buffers are
/// copied): sampling from it smooths out GAN training's step-to-step jitter (Karras et al. 2018, Yazıcı et al. 2019).
/// The decay starts at (1 + n) / (10 + n) after n updates, so the average forgets the random start. Introduced in chapter 05.
/// </summary>
public sealed class ExponentialMovingAverage
{
    private readonly GeneratorNetwork source;
    private readonly List<(Tensor Average, Tensor Current)> parameters;
    private readonly List<(Tensor Average, Tensor Current)> buffers;

    /// <summary>Starts <paramref name="average"/>, a network built like <paramref name="source"/>, as its copy.</summary>
    /// <exception cref="ArgumentException">The two networks differ in their parameters' names or shapes.</exception>
    public ExponentialMovingAverage(GeneratorNetwork source, GeneratorNetwork average, double decay = 0.999)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(average);
        if (decay is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(decay), decay, "The decay must be in [0, 1).");
        }

        this.source = source;
        Average = average;
        Decay = decay;
        parameters = Pair(average.named_parameters().Select(p => ((string)p.name, (Tensor)p.parameter)), source.named_parameters().Select(p => ((string)p.name, (Tensor)p.parameter)));
        buffers = Pair(average.named_buffers().Select(b => ((string)b.name, b.buffer)), source.named_buffers().Select(b => ((string)b.name, b.buffer)));
        foreach (var (parameter, _) in parameters)
        {
            parameter.requires_grad = false;
        }

        Copy(parameters);
        Copy(buffers);
    }

    /// <summary>The averaged network: sample from this one.</summary>
    public GeneratorNetwork Average { get; }

    /// <summary>The long-run decay (0.999 averages over roughly the last thousand steps).</summary>
    public double Decay { get; }

    public int Updates { get; private set; }

    /// <summary>average ← decay · average + (1 − decay) · current; call after each training step.</summary>
    public void Update()
    {
        var decay = Math.Min(Decay, (1.0 + Updates) / (10.0 + Updates));
        using (no_grad())
        {
            foreach (var (average, current) in parameters)
            {
                average.mul_(decay).add_(current, alpha: 1 - decay);
            }
        }

        Copy(buffers);
        Updates++;
    }

    /// <summary>Sets the update count after the averaged weights were loaded from a checkpoint.</summary>
    internal void Restore(int updates)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(updates);
        foreach (var (parameter, _) in parameters)
        {
            parameter.requires_grad = false;
        }

        Updates = updates;
    }

    private static void Copy(List<(Tensor Average, Tensor Current)> pairs)
    {
        using (no_grad())
        {
            foreach (var (average, current) in pairs)
            {
                average.copy_(current);
            }
        }
    }

    private List<(Tensor Average, Tensor Current)> Pair(IEnumerable<(string Name, Tensor Tensor)> average, IEnumerable<(string Name, Tensor Tensor)> current)
    {
        var currentByName = current.ToDictionary(entry => entry.Name, entry => entry.Tensor);
        var pairs = new List<(Tensor, Tensor)>();
        foreach (var (name, tensor) in average)
        {
            if (!currentByName.Remove(name, out var match) || !match.shape.SequenceEqual(tensor.shape))
            {
                throw new ArgumentException($"The averaged network does not match {source.GetType().Name}: its '{name}' has no counterpart of the same shape. Build both with the same settings.");
            }

            pairs.Add((tensor, match));
        }

        if (currentByName.Count > 0)
        {
            throw new ArgumentException($"The averaged network lacks {string.Join(", ", currentByName.Keys)} of {source.GetType().Name}. Build both with the same settings.");
        }

        return pairs;
    }
}
