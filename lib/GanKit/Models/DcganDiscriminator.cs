using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A DCGAN discriminator for 28×28 digits in (−1, 1), the generator's mirror: three stride-2 convolutions (28 → 14 → 7
/// → 4) with leaky ReLU → one raw score. Dropout stands where the DCGAN paper has batch normalisation, which left the
/// digits malformed (chapter 05's notes give the numbers). Introduced in chapter 05.
/// </summary>
public sealed class DcganDiscriminator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    /// <summary>A discriminator with <paramref name="width"/>, 2 × and 4 × <paramref name="width"/> channels.</summary>
    public DcganDiscriminator(int width = 32, double dropout = 0.3) : base(nameof(DcganDiscriminator))
    {
        layers = Sequential([.. FeatureLayers(1, width, dropout), ("score", Linear(FeatureSize(width), 1))]);   // (batch, 1)
        RegisterComponents();
    }

    /// <summary>Images (batch, 1, 28, 28) → scores (batch, 1).</summary>
    public override Tensor forward(Tensor images) => layers.call(images);

    /// <summary>The length of the features <see cref="FeatureLayers"/> make from one image: 4 × width × 4 × 4.</summary>
    internal static int FeatureSize(int width) => 4 * width * 4 * 4;

    /// <summary>
    /// Everything but the score: three stride-2 convolutions with leaky ReLU and dropout, flattened — (batch,
    /// <paramref name="channels"/>, 28, 28) → (batch, <see cref="FeatureSize"/>). Shared with <see cref="ProjectionDiscriminator"/>.
    /// </summary>
    internal static (string Name, Module<Tensor, Tensor> Layer)[] FeatureLayers(int channels, int width, double dropout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (dropout is < 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dropout), dropout, "The dropout probability must be in [0, 1).");
        }

        return
        [
            ("down1", Conv2d(channels, width, 4, stride: 2, padding: 1)),          // (batch, w, 14, 14)
            ("leaky1", LeakyReLU(0.2)),
            ("dropout1", Dropout(dropout)),
            ("down2", Conv2d(width, 2 * width, 4, stride: 2, padding: 1)),          // (batch, 2w, 7, 7)
            ("leaky2", LeakyReLU(0.2)),
            ("dropout2", Dropout(dropout)),
            ("down3", Conv2d(2 * width, 4 * width, 3, stride: 2, padding: 1)),      // (batch, 4w, 4, 4)
            ("leaky3", LeakyReLU(0.2)),
            ("dropout3", Dropout(dropout)),
            ("flatten", Flatten()),                                                 // (batch, 4w·16)
        ];
    }
}
