using GanKit.Data;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// The real samples the loops train on: MNIST's training digits scaled to (−1, 1), loaded once when a configuration
/// first needs them, and chapter 04's ring of 8 Gaussians.
/// </summary>
internal sealed class RealData(string mnistFolder, int? digitCount, Device device) : IDisposable
{
    private readonly GaussianMixture2D ring = GaussianMixture2D.Ring();
    private Tensor? digits;

    /// <summary>How many digits the runs draw from (all 60,000 unless the smoke size keeps fewer).</summary>
    public long DigitCount => Digits().shape[0];

    /// <summary>Endless batches for <paramref name="configuration"/>, in an order that depends on <paramref name="seed"/> only.</summary>
    public RealBatches For(Configuration configuration, ulong seed)
    {
        var random = new Generator(seed, device);
        if (configuration.Samples == RealSamples.Ring)
        {
            return new RealBatches(() => ring.Sample(configuration.BatchSize, device, random), random);
        }

        var batches = new ShuffledBatches(Digits(), configuration.BatchSize, random);
        return new RealBatches(batches.Next, random, batches);
    }

    public void Dispose() => digits?.Dispose();

    private Tensor Digits()
    {
        if (digits is null)
        {
            using var mnist = Mnist.Load(mnistFolder, MnistSplit.Train, digitCount, device);
            using var scope = NewDisposeScope();
            digits = (mnist.Images * 2 - 1).DetachFromDisposeScope();   // the generators' tanh range
        }

        return digits;
    }
}

/// <summary>A source of real batches (<see cref="Next"/>: a new tensor the caller's dispose scope owns) and what it holds.</summary>
internal sealed class RealBatches(Func<Tensor> next, Generator random, IDisposable? owner = null) : IDisposable
{
    public Tensor Next() => next();

    public void Dispose()
    {
        owner?.Dispose();
        random.Dispose();
    }
}
