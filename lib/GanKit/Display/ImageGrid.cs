using TorchSharp;

namespace GanKit.Display;

/// <summary>
/// Lays a batch of images out as one picture, like PyTorch's <c>torchvision.utils.make_grid</c>: rows of <c>columns</c>
/// images with <c>padding</c> pixels between them and around the edge; the empty cells of a partly filled last row show
/// the padding shade. Introduced in chapter 01; every image chapter uses it.
/// </summary>
public static class ImageGrid
{
    /// <summary>
    /// Makes a grid from <paramref name="images"/>: (N, H, W), (N, 1, H, W) or (N, 3, H, W), on any device.
    /// Values are clamped to [<paramref name="low"/>, <paramref name="high"/>] and mapped to 0–255, so a tanh
    /// generator's output goes in with <c>low: -1</c>.
    /// </summary>
    /// <param name="images">The batch; only read.</param>
    /// <param name="columns">Images per row (default 8, as in make_grid).</param>
    /// <param name="padding">Pixels between images (default 2).</param>
    /// <param name="scale">Each pixel drawn as a scale×scale block (default 2: 28-pixel digits are tiny on screen).</param>
    /// <param name="low">The value drawn black.</param>
    /// <param name="high">The value drawn white.</param>
    /// <param name="paddingShade">Gray level of the padding, 0–255 (default 128, so black digits' borders stay visible).</param>
    public static PngImage ToPng(torch.Tensor images, int columns = 8, int padding = 2, int scale = 2, float low = 0f, float high = 1f, byte paddingShade = 128)
    {
        using var scope = torch.NewDisposeScope();
        return PngImage.Encode(Render(images, columns, padding, scale, low, high, paddingShade));
    }

    /// <summary>Lays the grid out as a (height, width, channels) tensor of bytes on the CPU (what <see cref="ToPng"/> encodes).</summary>
    internal static torch.Tensor Render(torch.Tensor images, int columns, int padding, int scale, float low, float high, byte paddingShade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (high <= low)
        {
            throw new ArgumentException($"The value range [{low}, {high}] is empty.", nameof(high));
        }

        var cells = ToBytes(images, low, high).repeat_interleave(scale, dim: 2).repeat_interleave(scale, dim: 3);
        var (count, channels, height, width) = (cells.shape[0], cells.shape[1], cells.shape[2], cells.shape[3]);
        var gridColumns = Math.Min(columns, count);
        var gridRows = (count + gridColumns - 1) / gridColumns;
        // Empty cells at the end of the last row show the padding shade; every cell gets padding on its right and below.
        var blanks = torch.full([(gridRows * gridColumns) - count, channels, height, width], paddingShade, torch.uint8, device: torch.CPU);
        cells = torch.nn.functional.pad(torch.cat([cells, blanks]), [0, padding, 0, padding], value: paddingShade);
        var grid = cells.reshape(gridRows, gridColumns, channels, height + padding, width + padding)
            .permute(2, 0, 3, 1, 4)
            .reshape(channels, gridRows * (height + padding), gridColumns * (width + padding));
        // The top and left border complete the padding on all four sides.
        return torch.nn.functional.pad(grid, [padding, 0, padding, 0], value: paddingShade).permute(1, 2, 0);
    }

    /// <summary>The batch as (N, C, H, W) bytes on the CPU: clamped to [low, high], mapped to 0–255 and rounded.</summary>
    private static torch.Tensor ToBytes(torch.Tensor images, float low, float high)
    {
        var batch = images.detach().to(torch.CPU).to(torch.float32);
        batch = batch.dim() switch
        {
            3 => batch.unsqueeze(1),
            4 => batch,
            _ => throw new ArgumentException($"Images must be (N, H, W) or (N, C, H, W), not shape [{string.Join(", ", images.shape)}].", nameof(images)),
        };
        var channels = (int)batch.shape[1];
        if (channels is not (1 or 3))
        {
            throw new ArgumentException($"Images need 1 or 3 channels, not {channels} (shape [{string.Join(", ", images.shape)}]).", nameof(images));
        }

        if (batch.shape[0] == 0)
        {
            throw new ArgumentException("There are no images to lay out (the batch is empty).", nameof(images));
        }

        if (!batch.isfinite().all().item<bool>())
        {
            throw new ArgumentException("The images contain NaN or infinite values; check the model that produced them (a diverged loss?).", nameof(images));
        }

        return batch.clamp(low, high).sub(low).div(high - low).mul(255f).round().to(torch.uint8);
    }
}
