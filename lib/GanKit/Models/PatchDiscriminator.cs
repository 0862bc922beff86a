using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// pix2pix's conditional "PatchGAN" discriminator (Isola et al. 2017) at digit scale: it sees the input and the output
/// together (stacked as channels) and gives one raw score per patch instead of one per image — (batch, 1, H/4, W/4),
/// each score depending on an 18×18-pixel window, with neighbouring windows 4 pixels apart — so it judges local texture and sharpness and leaves the overall layout
/// to the pixel loss. The trainers' losses average over the patches. Introduced for chapter 06's image-to-image
/// translation and next-frame prediction.
/// </summary>
public sealed class PatchDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    /// <summary>A discriminator for <paramref name="sampleChannels"/>-channel outputs judged with <paramref name="conditionChannels"/>-channel inputs.</summary>
    public PatchDiscriminator(int sampleChannels = 1, int conditionChannels = 1, int width = 32)
        : base(nameof(PatchDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleChannels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(conditionChannels, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        SampleChannels = sampleChannels;
        ConditionChannels = conditionChannels;
        layers = Sequential(
            ("down1", Conv2d(sampleChannels + conditionChannels, width, 4, stride: 2, padding: 1)),   // (batch, w, H/2, W/2)
            ("leaky1", LeakyReLU(0.2)),
            ("down2", Conv2d(width, 2 * width, 4, stride: 2, padding: 1)),                           // (batch, 2w, H/4, W/4)
            ("leaky2", LeakyReLU(0.2)),
            ("score", Conv2d(2 * width, 1, 3, padding: 1)));                                         // (batch, 1, H/4, W/4)
        RegisterComponents();
    }

    public int SampleChannels { get; }

    /// <summary>The channels of the condition; 0 judges the samples alone (the condition passed in is then ignored).</summary>
    public int ConditionChannels { get; }

    /// <summary>Samples (batch, sampleChannels, H, W) and their conditions (batch, conditionChannels, H, W) → patch scores (batch, 1, H/4, W/4).</summary>
    /// <exception cref="ArgumentException">The samples and conditions do not match in batch, size or channels.</exception>
    public override Tensor forward(Tensor samples, Tensor conditions)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.dim() != 4 || samples.shape[1] != SampleChannels)
        {
            throw new ArgumentException($"The samples must be (batch, {SampleChannels}, H, W), not ({string.Join(", ", samples.shape)}).", nameof(samples));
        }

        if (ConditionChannels == 0)
        {
            return layers.call(samples);
        }

        ArgumentNullException.ThrowIfNull(conditions);
        if (conditions.dim() != 4 || conditions.shape[1] != ConditionChannels || conditions.shape[0] != samples.shape[0] || conditions.shape[2] != samples.shape[2] || conditions.shape[3] != samples.shape[3])
        {
            throw new ArgumentException($"The conditions must be (batch, {ConditionChannels}, H, W) like the samples ({string.Join(", ", samples.shape)}), not ({string.Join(", ", conditions.shape)}).", nameof(conditions));
        }

        return layers.call(cat([samples, conditions], 1));
    }
}
