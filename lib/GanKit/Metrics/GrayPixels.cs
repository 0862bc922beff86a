using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// A number for "blurry": the share of pixels that are neither background nor ink. Real MNIST digits have about 5 % of
/// their pixels between 0.25 and 0.75 (the anti-aliased edges of their strokes); a blurred or hedging reconstruction has
/// more, a hard-edged one fewer. Introduced in chapter 06b (super-resolution), used in 06d (image-to-image translation).
/// </summary>
public static class GrayPixels
{
    /// <summary>The share of the pixels of <paramref name="images"/> (any shape, values in [0, 1]) strictly between <paramref name="low"/> and <paramref name="high"/>.</summary>
    /// <exception cref="ArgumentException">The images are empty, or the bounds are not 0 ≤ low &lt; high ≤ 1.</exception>
    public static double Share(Tensor images, double low = 0.25, double high = 0.75)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.numel() == 0)
        {
            throw new ArgumentException("There are no pixels to measure: the images are empty.", nameof(images));
        }

        if (!(low >= 0 && low < high && high <= 1))
        {
            throw new ArgumentException($"The gray band must satisfy 0 ≤ low < high ≤ 1, not {low} and {high}.");
        }

        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        return ((images > low) & (images < high)).to(float64).mean().item<double>();
    }
}
