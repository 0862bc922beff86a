using GanKit.Metrics;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Metrics;

/// <summary>The share of gray pixels: counted strictly inside the band, on any shape; bad bands and empty images refused.</summary>
public sealed class GrayPixelsTests
{
    private static readonly float[] Values = [0f, 0.3f, 0.5f, 0.75f, 1f, 0.25f, 0.7f, 0.2f];   // three strictly between 0.25 and 0.75, six between 0.1 and 0.9

    public GrayPixelsTests() => TorchSession.Start();

    [Fact]
    public void Only_pixels_strictly_inside_the_band_count()
    {
        using var pixels = from_array(Values).reshape(2, 1, 2, 2);

        Assert.Equal(3.0 / 8, GrayPixels.Share(pixels), 12);
        Assert.Equal(6.0 / 8, GrayPixels.Share(pixels, low: 0.1, high: 0.9), 12);
        Assert.Equal(0, GrayPixels.Share(zeros(3, 1, 28, 28)));
    }

    [Fact]
    public void An_empty_set_or_a_band_that_cannot_work_is_refused()
    {
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => GrayPixels.Share(zeros(0, 1, 28, 28))).Message);
        Assert.Contains("0 ≤ low < high ≤ 1", Assert.Throws<ArgumentException>(() => GrayPixels.Share(zeros(1, 4), 0.8, 0.2)).Message);
    }
}
