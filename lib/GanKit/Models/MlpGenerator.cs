using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A fully-connected generator: noise → hidden layers with leaky ReLU → a sample. With <c>tanhOutput</c> the samples
/// lie in (−1, 1), as images scaled to that range need. Introduced in chapter 03 (2-D points); chapter 05 uses it
/// for the article's fully-connected digit GAN.
/// </summary>
public sealed class MlpGenerator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    /// <summary>Builds noiseSize → hidden[0] → … → outputSize.</summary>
    /// <param name="noiseSize">The length of the noise vector z.</param>
    /// <param name="outputSize">The length of a sample (2 for points, 784 for a 28×28 image).</param>
    /// <param name="hidden">The widths of the hidden layers, in order.</param>
    /// <param name="tanhOutput">Squash the output into (−1, 1).</param>
    public MlpGenerator(int noiseSize, int outputSize, IReadOnlyList<int> hidden, bool tanhOutput = false)
        : base(nameof(MlpGenerator))
    {
        layers = MlpLayers.Build(noiseSize, hidden, outputSize, tanhOutput ? Tanh() : null);
        RegisterComponents();
    }

    /// <summary>z: (batch, noiseSize) → samples (batch, outputSize).</summary>
    public override Tensor forward(Tensor noise) => layers.call(noise);
}
