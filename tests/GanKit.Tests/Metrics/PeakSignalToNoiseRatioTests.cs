using GanKit.Metrics;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Metrics;

public sealed class PeakSignalToNoiseRatioTests
{
    public PeakSignalToNoiseRatioTests() => TorchSession.Start();

    [Fact]
    public void A_known_squared_error_gives_the_known_decibels()
    {
        // Image 0 is off by 0.1 everywhere (MSE 0.01 → 20 dB), image 1 by 0.01 (MSE 1e-4 → 40 dB).
        using var references = full(2, 1, 4, 4, 0.5f);
        using var images = cat([full(1, 1, 4, 4, 0.6f), full(1, 1, 4, 4, 0.49f)], 0);

        var perImage = PeakSignalToNoiseRatio.PerImage(images, references);

        Assert.Equal(20, perImage[0], 4);
        Assert.Equal(40, perImage[1], 4);
        Assert.Equal(30, PeakSignalToNoiseRatio.Mean(images, references), 4);
        Assert.Equal(20, PeakSignalToNoiseRatio.PerImage(images * 255, references * 255, peak: 255)[0], 3);   // bytes with peak 255: the same ratio
        Assert.Equal(20 + (20 * Math.Log10(2)), PeakSignalToNoiseRatio.PerImage(images, references, peak: 2)[0], 4);   // a larger peak: +6.02 dB
    }

    [Fact]
    public void An_identical_image_has_infinite_psnr()
    {
        using var images = rand(3, 1, 8, 8, generator: new Generator(1));

        Assert.All(PeakSignalToNoiseRatio.PerImage(images, images.clone()), value => Assert.Equal(double.PositiveInfinity, value));
        Assert.Equal(double.PositiveInfinity, PeakSignalToNoiseRatio.Mean(images, images));
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_that_says_what_is_wrong()
    {
        using var images = zeros(2, 1, 4, 4);
        Assert.Contains("one reference per image", Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.PerImage(images, zeros(3, 1, 4, 4))).Message);
        Assert.Contains("non-empty", Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.PerImage(zeros(0, 1, 4, 4), zeros(0, 1, 4, 4))).Message);
        Assert.Contains("positive number, not 0", Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.PerImage(images, images, peak: 0)).Message);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => PeakSignalToNoiseRatio.Mean(full(2, 1, 4, 4, float.NaN), images)).Message);
    }
}
