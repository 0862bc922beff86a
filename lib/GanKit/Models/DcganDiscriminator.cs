using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A DCGAN discriminator for 28×28 digits, the generator's mirror: two stride-2 convolutions (28 → 14 → 7) with leaky
/// ReLU (batch normalisation on the second, as in DCGAN) → one raw score (a logit). Images in (−1, 1).
/// Introduced in chapter 05.
/// </summary>
public sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    /// <summary>A discriminator whose first convolution has <paramref name="width"/> channels.</summary>
    public DcganDiscriminator(int width = 64) : base(nameof(DcganDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        layers = Sequential(
            ("down1", Conv2d(1, width, 4, stride: 2, padding: 1)),                       // (batch, w, 14, 14)
            ("leaky1", LeakyReLU(0.2)),
            ("down2", Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: false)),  // (batch, 2w, 7, 7)
            ("norm2", BatchNorm2d(2 * width)),
            ("leaky2", LeakyReLU(0.2)),
            ("flatten", Flatten()),                                                      // (batch, 2w·49)
            ("score", Linear(2 * width * 7 * 7, 1)));                                    // (batch, 1)
        RegisterComponents();
    }

    /// <summary>Images (batch, 1, 28, 28) → scores (batch, 1).</summary>
    public override Tensor forward(Tensor images) => layers.call(images);
}
