using GanKit.Data;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Data;

public sealed class DigitRenderingsTests
{
    public DigitRenderingsTests() => TorchSession.Start();

    [Fact]
    public void The_outline_of_a_filled_square_is_a_ring_along_its_edge()
    {
        using var image = zeros(1, 1, 12, 12);
        image[0, 0, TensorIndex.Slice(3, 9), TensorIndex.Slice(3, 9)] = tensor(1f);   // rows and columns 3–8 filled

        using var outline = DigitRenderings.Outline(image);

        Assert.Equal(image.shape, outline.shape);
        Assert.Equal(0f, outline[0, 0, 5, 5].item<float>());                          // deep inside: dilation = erosion = 1
        Assert.Equal(0f, outline[0, 0, 0, 0].item<float>());                          // far outside: both 0
        Assert.Equal(1f, outline[0, 0, 3, 5].item<float>());                          // on the edge, inside
        Assert.Equal(1f, outline[0, 0, 2, 5].item<float>());                          // just outside the edge
        Assert.Equal(64f - 16f, outline.sum().item<float>());                         // the ring: the 8×8 dilation minus the 4×4 erosion
    }

    [Fact]
    public void The_top_part_keeps_the_upper_rows_and_blanks_the_rest_without_touching_the_input()
    {
        using var images = rand(2, 1, 28, 28) + 0.01;

        using var top = DigitRenderings.TopPart(images);

        Assert.True(top.narrow(2, 0, 14).equal(images.narrow(2, 0, 14)).all().item<bool>());
        Assert.Equal(0f, top.narrow(2, 14, 14).abs().sum().item<float>());
        Assert.True(images.min().item<float>() > 0, "The input is not changed.");
        Assert.Equal(0f, DigitRenderings.TopPart(images, visibleRows: 20).narrow(2, 20, 8).abs().sum().item<float>());
    }

    [Fact]
    public void Wrong_shapes_and_row_counts_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => DigitRenderings.Outline(zeros(28, 28)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DigitRenderings.TopPart(zeros(1, 1, 28, 28), visibleRows: 28));
    }
}
