using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A fully-connected generator: noise → hidden layers with leaky ReLU → a sample. With <c>tanhOutput</c> the samples
/// lie in (−1, 1), as images scaled to that range need. Introduced in chapter 03 (2-D points); chapter 05 uses it
/// for the article's fully-connected digit GAN.
/// </summary>
public sealed class MlpGenerator : GeneratorNetwork
{
    private readonly Module<Tensor, Tensor> layers;
    private readonly long[]? sampleShape;

    /// <summary>Builds noiseSize → hidden[0] → … → outputSize.</summary>
    /// <param name="noiseSize">The length of the noise vector z.</param>
    /// <param name="outputSize">The length of a sample (2 for points, 784 for a 28×28 image).</param>
    /// <param name="hidden">The widths of the hidden layers, in order.</param>
    /// <param name="tanhOutput">Squash the output into (−1, 1).</param>
    /// <param name="sampleShape">The shape of one sample, such as [1, 28, 28] for an image; <c>null</c> keeps it flat.</param>
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

    /// <summary>z: (batch, noiseSize) → samples (batch, outputSize), or (batch, sampleShape…) when a sample shape was given.</summary>
    public override Tensor forward(Tensor noise)
    {
        var samples = layers.call(noise);
        return sampleShape is null ? samples : samples.view([samples.shape[0], .. sampleShape]);
    }
}
