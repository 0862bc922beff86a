using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A DCGAN generator for 28×28 digits (Radford et al. 2015, scaled down): noise → a linear layer to 128 × 7 × 7 →
/// two stride-2 transposed convolutions (7 → 14 → 28) with batch normalisation and ReLU → tanh, so pixels lie in
/// (−1, 1). Introduced in chapter 05; chapter 06 starts from a trained one.
/// </summary>
public sealed class DcganGenerator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> project;
    private readonly Module<Tensor, Tensor> upsample;

    /// <summary>A generator taking noise vectors of length <paramref name="noiseSize"/> (DCGAN used 100).</summary>
    public DcganGenerator(int noiseSize = 100, int width = 64) : base(nameof(DcganGenerator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(noiseSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        NoiseSize = noiseSize;
        project = Sequential(
            ("linear", Linear(noiseSize, 2 * width * 7 * 7, hasBias: false)),
            ("norm", BatchNorm1d(2 * width * 7 * 7)),
            ("relu", ReLU()),
            ("unflatten", Unflatten(1, [2 * width, 7, 7])));                                         // (batch, 2w, 7, 7)
        upsample = Sequential(
            ("up1", ConvTranspose2d(2 * width, width, 4, stride: 2, padding: 1, bias: false)),       // (batch, w, 14, 14)
            ("norm1", BatchNorm2d(width)),
            ("relu1", ReLU()),
            ("up2", ConvTranspose2d(width, 1, 4, stride: 2, padding: 1)),                             // (batch, 1, 28, 28)
            ("tanh", Tanh()));
        RegisterComponents();
    }

    /// <summary>The length of the noise vector z.</summary>
    public int NoiseSize { get; }

    /// <summary>z: (batch, noiseSize) → images (batch, 1, 28, 28) in (−1, 1).</summary>
    public override Tensor forward(Tensor noise) => upsample.call(project.call(noise));
}
