using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// Peak signal-to-noise ratio, the distortion measure of super-resolution papers: PSNR = 10 · log10(peak² / MSE) in
/// decibels, per image, against the image it should be (higher is closer; +10 dB is a tenth of the squared error). An
/// image identical to its reference has MSE 0 and PSNR +∞, and so has any mean that includes it. Introduced in chapter 06b.
/// </summary>
public static class PeakSignalToNoiseRatio
{
    /// <summary>The PSNR of each image of <paramref name="images"/> against the same image of <paramref name="references"/>, in dB.</summary>
    /// <param name="images">(N, …) reconstructed images.</param>
    /// <param name="references">(N, …) the originals, same shape.</param>
    /// <param name="peak">The largest possible pixel value: 1 for images in [0, 1].</param>
    /// <exception cref="ArgumentException">The shapes differ, the batch is empty, a value is not finite, or the peak is not positive.</exception>
    public static double[] PerImage(Tensor images, Tensor references, double peak = 1)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(references);
        if (!(peak > 0 && double.IsFinite(peak)))
        {
            throw new ArgumentException($"The peak is the largest possible pixel value (1 for images in [0, 1]), a positive number, not {peak}.", nameof(peak));
        }

        if (images.dim() < 1 || images.shape[0] == 0 || !images.shape.SequenceEqual(references.shape))
        {
            throw new ArgumentException($"Give one reference per image, both non-empty and of one shape, not ({string.Join(", ", images.shape)}) and ({string.Join(", ", references.shape)}).");
        }

        using var scope = NewDisposeScope();
        var difference = images.detach().to(float64).to(CPU) - references.detach().to(float64).to(CPU);
        if (!difference.isfinite().all().item<bool>())
        {
            throw new ArgumentException("The images or references contain NaN or infinite values.");
        }

        var meanSquared = difference.square().reshape(images.shape[0], -1).mean([1]);   // (N)
        return meanSquared.data<double>().ToArray().Select(error => 10 * Math.Log10(peak * peak / error)).ToArray();   // error 0 → +∞
    }

    /// <summary>The mean over images of <see cref="PerImage"/>, in dB: how super-resolution papers report PSNR.</summary>
    /// <exception cref="ArgumentException">As <see cref="PerImage"/>.</exception>
    public static double Mean(Tensor images, Tensor references, double peak = 1) => PerImage(images, references, peak).Average();
}
