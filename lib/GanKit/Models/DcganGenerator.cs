using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A DCGAN generator for 28×28 digits (Radford et al. 2015, scaled down): noise → 4w × 7 × 7 → a 3×3 convolution that
/// composes the digit's layout → two transposed convolutions (7 → 14 → 28) → tanh, with batch normalisation and ReLU
/// between. Introduced in chapter 05; chapter 06 starts from a trained one.
/// </summary>
public sealed class DcganGenerator : GeneratorNetwork
{
    private readonly Module<Tensor, Tensor> project;
    private readonly Module<Tensor, Tensor> compose;
    private readonly Module<Tensor, Tensor> upsample;

    /// <summary>A generator with 4 × <paramref name="width"/> channels at 7 × 7 and 2 × <paramref name="width"/> at 14 × 14.</summary>
    public DcganGenerator(int noiseSize = 100, int width = 32) : base(nameof(DcganGenerator), noiseSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        project = Sequential(
            ("linear", Linear(noiseSize, 4 * width * 7 * 7, hasBias: false)),
            ("norm", BatchNorm1d(4 * width * 7 * 7)),
            ("relu", ReLU()),
            ("unflatten", Unflatten(1, [4 * width, 7, 7])));                                         // (batch, 4w, 7, 7)
        compose = Sequential(
            ("conv", Conv2d(4 * width, 4 * width, 3, padding: 1, bias: false)),                     // (batch, 4w, 7, 7)
            ("norm", BatchNorm2d(4 * width)),
            ("relu", ReLU()));
        upsample = Sequential(
            ("up1", ConvTranspose2d(4 * width, 2 * width, 4, stride: 2, padding: 1, bias: false)),   // (batch, 2w, 14, 14)
            ("norm1", BatchNorm2d(2 * width)),
            ("relu1", ReLU()),
            ("up2", ConvTranspose2d(2 * width, 1, 4, stride: 2, padding: 1)),                         // (batch, 1, 28, 28)
            ("tanh", Tanh()));
        RegisterComponents();
    }

    /// <summary>z: (batch, noiseSize) → images (batch, 1, 28, 28) in (−1, 1).</summary>
    public override Tensor forward(Tensor noise) => upsample.call(compose.call(project.call(noise)));
}
