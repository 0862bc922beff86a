using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A fully-connected generator: noise → hidden layers with leaky ReLU → a sample, in (−1, 1) with <c>tanhOutput</c>.
/// Introduced in chapter 03 (2-D points); chapter 05 makes digits with it.
/// </summary>
public sealed class MlpGenerator : GeneratorNetwork
{
    private readonly Module<Tensor, Tensor> layers;
    private readonly long[]? sampleShape;

    /// <summary>
    /// Builds noiseSize → hidden[0] → … → outputSize; <paramref name="sampleShape"/> (such as [1, 28, 28]) reshapes each
    /// sample, <c>null</c> keeps it flat.
    /// </summary>
    public MlpGenerator(int noiseSize, int outputSize, IReadOnlyList<int> hidden, bool tanhOutput = false, long[]? sampleShape = null)
        : base(nameof(MlpGenerator), noiseSize)
    {
        if (sampleShape is not null && sampleShape.Aggregate(1L, (product, size) => product * size) != outputSize)
        {
            throw new ArgumentException($"The sample shape [{string.Join(", ", sampleShape)}] does not hold {outputSize} values.", nameof(sampleShape));
        }

        layers = MlpLayers.Build(noiseSize, hidden, outputSize, tanhOutput ? Tanh() : null);
        this.sampleShape = sampleShape;
        RegisterComponents();
    }

    /// <summary>z: (batch, noiseSize) → samples (batch, outputSize) or (batch, sampleShape…).</summary>
    public override Tensor forward(Tensor noise)
    {
        var samples = layers.call(noise);
        return sampleShape is null ? samples : samples.view([samples.shape[0], .. sampleShape]);
    }
}
