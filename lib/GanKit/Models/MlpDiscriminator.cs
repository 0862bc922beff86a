using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A fully-connected discriminator: a sample → hidden layers with leaky ReLU → one raw score, not a probability, for
/// <see cref="Training.GanLoss"/>'s stable forms. Introduced in chapter 03.
/// </summary>
public sealed class MlpDiscriminator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    /// <summary>Builds inputSize → hidden[0] → … → 1.</summary>
    public MlpDiscriminator(int inputSize, IReadOnlyList<int> hidden)
        : base(nameof(MlpDiscriminator))
    {
        layers = MlpLayers.Build(inputSize, hidden, 1, outputActivation: null);
        RegisterComponents();
    }

    /// <summary>x: (batch, inputSize), or images (batch, C, H, W) flattened → scores (batch, 1).</summary>
    public override Tensor forward(Tensor samples) => layers.call(samples.flatten(1));
}
