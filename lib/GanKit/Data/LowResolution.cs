using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// A low-resolution view of square images: <see cref="Shrink"/> averages each block of pixels into one (what a coarser
/// sensor would record), <see cref="Enlarge"/> brings a small image back to a larger size by bicubic interpolation, the
/// baseline every super-resolution method is compared with. Introduced in chapter 06b.
/// <code>
/// var small = LowResolution.Shrink(digits.Images, 7);   // (N, 1, 7, 7): each pixel the mean of a 4×4 block
/// var bicubic = LowResolution.Enlarge(small, 28);      // (N, 1, 28, 28), clamped to [0, 1]
/// </code>
/// </summary>
public static class LowResolution
{
    /// <summary>
    /// Shrinks (N, C, H, H) images to (N, C, <paramref name="size"/>, <paramref name="size"/>): each new pixel is the mean
    /// of an (H / size)² block (area averaging), so values stay in the input's range. 28×28 digits shrink to 14, 7, 4, 2 or 1.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not a batch of square images, or <paramref name="size"/> does not divide their side.</exception>
    public static Tensor Shrink(Tensor images, int size)
    {
        var side = SquareSide(images);
        if (size < 1 || side % size != 0)
        {
            throw new ArgumentException($"Shrinking {side}×{side} images by area averaging needs a size that divides {side} (such as {string.Join(", ", Divisors(side))}), not {size}.", nameof(size));
        }

        var block = side / size;
        return nn.functional.avg_pool2d(images, kernel_size: block, stride: block);   // (N, C, size, size)
    }

    /// <summary>
    /// Enlarges (N, C, h, h) images to (N, C, <paramref name="size"/>, <paramref name="size"/>) by bicubic interpolation
    /// (PyTorch's <c>interpolate(mode="bicubic", align_corners=False)</c>, cubic coefficient −0.75), then clamps to
    /// [<paramref name="low"/>, <paramref name="high"/>]: bicubic overshoots next to sharp edges.
    /// </summary>
    /// <exception cref="ArgumentException">The images are not a batch of square images, the size is smaller than theirs, or the range is empty.</exception>
    public static Tensor Enlarge(Tensor images, int size = Mnist.ImageSize, float low = 0f, float high = 1f)
    {
        var side = SquareSide(images);
        if (size < side)
        {
            throw new ArgumentException($"Enlarging makes images larger: the size must be at least their side {side}, not {size}.", nameof(size));
        }

        if (!(high > low))
        {
            throw new ArgumentException($"The value range [{low}, {high}] is empty.", nameof(high));
        }

        using var scope = NewDisposeScope();
        var enlarged = nn.functional.interpolate(images, size: [size, size], mode: InterpolationMode.Bicubic, align_corners: false);   // (N, C, size, size)
        return enlarged.clamp(low, high).MoveToOuterDisposeScope();
    }

    // The side of a batch of square images (N, C, H, H), or a clear error.
    private static long SquareSide(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[2] != images.shape[3] || images.shape[0] == 0 || images.shape[2] == 0)
        {
            throw new ArgumentException($"Expected a non-empty batch of square images (N, C, H, H), got shape ({string.Join(", ", images.shape)}).", nameof(images));
        }

        if (!images.is_floating_point())
        {
            throw new ArgumentException($"Expected floating-point pixels, got {images.dtype}: convert with .to(float32) first.", nameof(images));
        }

        return images.shape[2];
    }

    private static IEnumerable<long> Divisors(long side) => Enumerable.Range(1, (int)side).Where(divisor => side % divisor == 0).Select(divisor => (long)divisor).Reverse();
}
