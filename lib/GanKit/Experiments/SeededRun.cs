using static TorchSharp.torch;

namespace GanKit.Experiments;

/// <summary>
/// What one run of a <see cref="SeedSweep"/> gets: its seed, a random generator of its own, and <see cref="Create"/> for
/// anything that draws from TorchSharp's global generator (a network's initial weights). A run that draws all its
/// randomness from these gives the same result whatever ran before it in the process. Chapter 04.
/// </summary>
public sealed class SeededRun
{
    internal SeededRun(int seed, Device device)
    {
        Seed = seed;
        Random = new Generator((ulong)seed, device);
    }

    public int Seed { get; }

    /// <summary>This run's random generator, seeded with <see cref="Seed"/>, on the experiment's device: pass it to
    /// <c>GanTrainer</c>, <c>GaussianMixture2D.Sample</c> and <c>randn(…, generator:)</c>.</summary>
    public Generator Random { get; }

    /// <summary>
    /// Calls <paramref name="create"/> right after <c>torch.manual_seed(Seed)</c>: build the run's networks in it, so their
    /// initial weights depend on the seed alone.
    /// </summary>
    public T Create<T>(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        manual_seed(Seed);
        return create();
    }
}
