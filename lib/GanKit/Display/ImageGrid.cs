using TorchSharp;

namespace GanKit.Display;

/// <summary>
/// Lays a batch of images out as one picture, like torchvision's <c>make_grid</c>: rows of
/// <c>columns</c> images separated by <c>padding</c> pixels. Introduced in chapter 01; every image chapter uses it.
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
        var raster = Render(images, columns, padding, scale, low, high, paddingShade);
        return new PngImage(PngEncoder.Encode(raster.Width, raster.Height, raster.Channels, raster.Pixels), raster.Width, raster.Height);
    }

    /// <summary>Lays the grid out as raw pixels (what <see cref="ToPng"/> encodes).</summary>
    internal static Raster Render(torch.Tensor images, int columns, int padding, int scale, float low, float high, byte paddingShade)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        ArgumentOutOfRangeException.ThrowIfLessThan(scale, 1);
        if (high <= low)
        {
            throw new ArgumentException($"The value range [{low}, {high}] is empty.", nameof(high));
        }

        var (count, channels, height, width, pixels) = ToBytes(images, low, high);
        var gridColumns = Math.Min(columns, count);
        var gridRows = (count + gridColumns - 1) / gridColumns;
        var cellWidth = (width * scale) + padding;
        var cellHeight = (height * scale) + padding;
        var gridWidth = (gridColumns * cellWidth) + padding;
        var gridHeight = (gridRows * cellHeight) + padding;
        var grid = new byte[gridWidth * gridHeight * channels];
        Array.Fill(grid, paddingShade);

        for (var image = 0; image < count; image++)
        {
            var left = padding + ((image % gridColumns) * cellWidth);
            var top = padding + ((image / gridColumns) * cellHeight);
            for (var y = 0; y < height * scale; y++)
            {
                for (var x = 0; x < width * scale; x++)
                {
                    for (var channel = 0; channel < channels; channel++)
                    {
                        var source = (((image * channels) + channel) * height * width) + ((y / scale) * width) + (x / scale);
                        var target = ((((top + y) * gridWidth) + left + x) * channels) + channel;
                        grid[target] = pixels[source];
                    }
                }
            }
        }

        return new Raster(gridWidth, gridHeight, channels, grid);
    }

    private static (int Count, int Channels, int Height, int Width, byte[] Pixels) ToBytes(torch.Tensor images, float low, float high)
    {
        using var scope = torch.NewDisposeScope();
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

        var bytes = batch.clamp(low, high).sub(low).div(high - low).mul(255f).round().to(torch.uint8).contiguous();
        return ((int)batch.shape[0], channels, (int)batch.shape[2], (int)batch.shape[3], bytes.data<byte>().ToArray());
    }

    /// <summary>Raw 8-bit pixels, row by row, <see cref="Channels"/> bytes per pixel.</summary>
    internal sealed record Raster(int Width, int Height, int Channels, byte[] Pixels);
}
