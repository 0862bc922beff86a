using static TorchSharp.torch;

namespace GanKit.Data;

/// <summary>
/// Other renderings of the same digits, the inputs of image-to-image translation (chapter 06's pix2pix): a digit's
/// outline, and the digit with its lower half hidden. Each keeps the shape (N, 1, H, W) and the range [0, 1], so a
/// rendering and its digit form a pair. Works on any device, without gradient.
/// </summary>
public static class DigitRenderings
{
    /// <summary>
    /// The outline of each stroke: its dilation minus its erosion by a 3×3 square (the morphological gradient), which
    /// is bright along both edges of a stroke and dark inside a wide one and outside.
    /// </summary>
    public static Tensor Outline(Tensor images)
    {
        Check(images);
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        var dilated = nn.functional.max_pool2d(images, 3, stride: 1, padding: 1);
        var eroded = -nn.functional.max_pool2d(-images, 3, stride: 1, padding: 1);
        return (dilated - eroded).clamp(0, 1).MoveToOuterDisposeScope();
    }

    /// <summary>The digits with every row from <paramref name="visibleRows"/> down set to 0 (by default the lower half).</summary>
    public static Tensor TopPart(Tensor images, int? visibleRows = null)
    {
        Check(images);
        var height = (int)images.shape[2];
        var rows = visibleRows ?? (height / 2);
        if (rows < 1 || rows >= height)
        {
            throw new ArgumentOutOfRangeException(nameof(visibleRows), rows, $"Keep between 1 and {height - 1} rows of a {height}-row image.");
        }

        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        var kept = images.clone();
        kept.narrow(2, rows, height - rows).zero_();
        return kept.MoveToOuterDisposeScope();
    }

    private static void Check(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[1] != 1 || images.shape[0] < 1)
        {
            throw new ArgumentException($"The images must be (N, 1, height, width) with N ≥ 1, not ({string.Join(", ", images.shape)}).", nameof(images));
        }
    }
}
