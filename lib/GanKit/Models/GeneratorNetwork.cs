using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A generator: noise vectors z (batch, <see cref="NoiseSize"/>) → samples. It knows its noise size, so whoever
/// trains or samples it needs no second copy of that number. Introduced in chapter 03.
/// </summary>
public abstract class GeneratorNetwork : Module<Tensor, Tensor>
{
    /// <summary>A generator taking noise vectors of length <paramref name="noiseSize"/>.</summary>
    protected GeneratorNetwork(string name, int noiseSize) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(noiseSize, 1);
        NoiseSize = noiseSize;
    }

    /// <summary>The length of the noise vector z.</summary>
    public int NoiseSize { get; }
}
