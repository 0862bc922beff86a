using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>A generator, noise (batch, <see cref="NoiseSize"/>) → samples, that knows its noise size so callers need not. Introduced in chapter 03.</summary>
public abstract class GeneratorNetwork : Module<Tensor, Tensor>
{
    protected GeneratorNetwork(string name, int noiseSize) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(noiseSize, 1);
        NoiseSize = noiseSize;
    }

    public int NoiseSize { get; }
}
