using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A small U-Net (Ronneberger et al. 2015) for image-to-image generation, as pix2pix's generator (Isola et al. 2017) at
/// digit scale: two stride-2 convolutions down (H → H/2 → H/4), a 3×3 convolution at the bottom, two transposed
/// convolutions up, and at each level the encoder's features handed across to the decoder (the skip connections), so
/// the fine detail of the input need not squeeze through the bottom. Deterministic (noise size 0); the input image is
/// the condition. Heights and widths must be multiples of 4 (28 for digits, 48 or 64 for moving-digit frames).
/// Introduced for chapter 06's image-to-image translation and next-frame prediction.
/// </summary>
public sealed class UNetGenerator : ConditionalGeneratorNetwork
{
    private readonly Module<Tensor, Tensor> down1;
    private readonly Module<Tensor, Tensor> down2;
    private readonly Module<Tensor, Tensor> bottom;
    private readonly Module<Tensor, Tensor> up1;
    private readonly Module<Tensor, Tensor> up2;

    /// <summary>A U-Net from <paramref name="inputChannels"/> to <paramref name="outputChannels"/> with w, 2w, 2w channels at H/2, H/4 and the bottom.</summary>
    public UNetGenerator(int inputChannels = 1, int outputChannels = 1, int width = 32) : base(nameof(UNetGenerator), noiseSize: 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        InputChannels = inputChannels;
        down1 = Sequential(
            ("conv", Conv2d(inputChannels, width, 4, stride: 2, padding: 1)),                       // (batch, w, H/2, W/2)
            ("leaky", LeakyReLU(0.2)));
        down2 = Sequential(
            ("conv", Conv2d(width, 2 * width, 4, stride: 2, padding: 1, bias: false)),              // (batch, 2w, H/4, W/4)
            ("norm", BatchNorm2d(2 * width)),
            ("leaky", LeakyReLU(0.2)));
        bottom = Sequential(
            ("conv", Conv2d(2 * width, 2 * width, 3, padding: 1, bias: false)),                     // (batch, 2w, H/4, W/4)
            ("norm", BatchNorm2d(2 * width)),
            ("relu", ReLU()));
        up1 = Sequential(
            ("up", ConvTranspose2d(4 * width, width, 4, stride: 2, padding: 1, bias: false)),       // [bottom, down2] → (batch, w, H/2, W/2)
            ("norm", BatchNorm2d(width)),
            ("relu", ReLU()));
        up2 = Sequential(
            ("up", ConvTranspose2d(2 * width, outputChannels, 4, stride: 2, padding: 1)),           // [up1, down1] → (batch, out, H, W)
            ("tanh", Tanh()));
        RegisterComponents();
    }

    /// <summary>The channels of the input image.</summary>
    public int InputChannels { get; }

    /// <summary>noise: ignored (batch, 0); images: (batch, inputChannels, H, W) in (−1, 1) → (batch, outputChannels, H, W) in (−1, 1).</summary>
    /// <exception cref="ArgumentException">The image has other channels, or a side that is not a multiple of 4.</exception>
    public override Tensor forward(Tensor noise, Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != InputChannels || images.shape[2] % 4 != 0 || images.shape[3] % 4 != 0 || images.shape[2] == 0 || images.shape[3] == 0)
        {
            throw new ArgumentException($"The U-Net takes images (batch, {InputChannels}, H, W) with H and W multiples of 4, not ({string.Join(", ", images.shape)}).", nameof(images));
        }

        var half = down1.call(images);
        var quarter = down2.call(half);
        var up = up1.call(cat([bottom.call(quarter), quarter], 1));
        return up2.call(cat([up, half], 1));
    }
}
