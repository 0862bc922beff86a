using GanKit.Data;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Data;

public sealed class LowResolutionTests
{
    public LowResolutionTests() => TorchSession.Start();

    [Fact]
    public void Shrinking_averages_each_block_into_one_pixel()
    {
        // One 4×4 image of 16 distinct values; each 2×2 block's mean computed by hand.
        using var image = tensor(new float[]
        {
            0, 1, 2, 3,
            4, 5, 6, 7,
            8, 9, 10, 11,
            12, 13, 14, 15,
        }, [1, 1, 4, 4]);

        using var shrunk = LowResolution.Shrink(image, 2);

        Assert.Equal([1L, 1, 2, 2], shrunk.shape);
        Assert.Equal([2.5f, 4.5f, 10.5f, 12.5f], shrunk.data<float>().ToArray());
        using var single = LowResolution.Shrink(image, 1);
        Assert.Equal(7.5f, single.item<float>());
    }

    [Fact]
    public void Digits_shrink_to_7_and_14_pixels_and_stay_in_their_range()
    {
        using var digits = rand(5, 1, 28, 28, generator: new Generator(1));

        using var seven = LowResolution.Shrink(digits, 7);
        using var fourteen = LowResolution.Shrink(digits, 14);

        Assert.Equal([5L, 1, 7, 7], seven.shape);
        Assert.Equal([5L, 1, 14, 14], fourteen.shape);
        Assert.True(seven.min().item<float>() >= 0 && seven.max().item<float>() <= 1);
        Assert.Equal(digits.mean().item<float>(), seven.mean().item<float>(), 5);   // averaging keeps the mean brightness
        Assert.Equal(digits[2, 0, 4, 8].item<float>() + digits[2, 0, 5, 9].item<float>() + digits[2, 0, 4, 9].item<float>() + digits[2, 0, 5, 8].item<float>(),
            4 * fourteen[2, 0, 2, 4].item<float>(), 5);
    }

    [Fact]
    public void Bicubic_enlarging_matches_the_cubic_kernel_computed_by_hand()
    {
        // A vertical edge, 2×2 → 4×4. Output column x samples source position (x + 0.5) / 2 − 0.5, edge pixels repeated,
        // cubic coefficient −0.75: columns −0.10546875, 0.2265625, 0.7734375, 1.10546875 (computed by hand).
        using var edge = tensor(new float[] { 0, 1, 0, 1 }, [1, 1, 2, 2]);

        using var unclamped = LowResolution.Enlarge(edge, 4, low: -1, high: 2);
        using var clamped = LowResolution.Enlarge(edge, 4);

        Assert.Equal([1L, 1, 4, 4], unclamped.shape);
        float[] row = [-0.10546875f, 0.2265625f, 0.7734375f, 1.10546875f];
        var expected = Enumerable.Repeat(row, 4).SelectMany(values => values).ToArray();
        Assert.Equal(expected, unclamped.data<float>().ToArray(), (left, right) => Math.Abs(left - right) < 1e-6);
        Assert.Equal(expected.Select(value => Math.Clamp(value, 0f, 1f)), clamped.data<float>().ToArray(), (left, right) => Math.Abs(left - right) < 1e-6);
    }

    [Fact]
    public void A_shrunk_digit_comes_back_at_28_pixels_and_a_flat_image_stays_flat()
    {
        using var small = rand(3, 1, 7, 7, generator: new Generator(2));
        using var flat = full(2, 1, 14, 14, 0.25f);

        using var enlarged = LowResolution.Enlarge(small);
        using var flatEnlarged = LowResolution.Enlarge(flat);

        Assert.Equal([3L, 1, 28, 28], enlarged.shape);
        Assert.True(enlarged.min().item<float>() >= 0 && enlarged.max().item<float>() <= 1);
        Assert.True((flatEnlarged - 0.25f).abs().max().item<float>() < 1e-6, "The cubic weights sum to 1.");
    }

    [Fact]
    public void Bad_input_is_rejected_with_a_message_that_says_what_is_wrong()
    {
        using var digits = zeros(2, 1, 28, 28);
        Assert.Contains("divides 28 (such as 28, 14, 7, 4, 2, 1), not 5", Assert.Throws<ArgumentException>(() => LowResolution.Shrink(digits, 5)).Message);
        Assert.Contains("not 0", Assert.Throws<ArgumentException>(() => LowResolution.Shrink(digits, 0)).Message);
        Assert.Contains("square images (N, C, H, H), got shape (28, 28)", Assert.Throws<ArgumentException>(() => LowResolution.Shrink(zeros(28, 28), 7)).Message);
        Assert.Contains("got shape (2, 1, 28, 14)", Assert.Throws<ArgumentException>(() => LowResolution.Enlarge(zeros(2, 1, 28, 14))).Message);
        Assert.Contains("floating-point", Assert.Throws<ArgumentException>(() => LowResolution.Shrink(zeros(2, 1, 28, 28, dtype: uint8), 7)).Message);
        Assert.Contains("at least their side 28, not 14", Assert.Throws<ArgumentException>(() => LowResolution.Enlarge(digits, 14)).Message);
        Assert.Contains("empty", Assert.Throws<ArgumentException>(() => LowResolution.Enlarge(digits, 28, low: 1, high: 0)).Message);
    }
}
