using GanKit.Display;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>ImageGrid's layout and value mapping, checked pixel by pixel on the decoded PNG.</summary>
public sealed class ImageGridTests
{
    private const int Side = 28;

    public ImageGridTests() => TorchSession.Start();

    [Fact]
    public void TenDigitsInFourColumnsMakeA122By92GridWithEveryPixelInPlace()
    {
        var (values, expectedPixel) = TenTestImages();
        using var images = torch.tensor(values, [10, 1, Side, Side]);

        var image = ImageGrid.ToPng(images, columns: 4, padding: 2, scale: 1);
        var decoded = DecodedPng.Of(image.Bytes);

        Assert.Equal((122, 92), (image.Width, image.Height));
        Assert.Equal((122, 92), (decoded.Width, decoded.Height));
        Assert.Equal(1, decoded.Channels);
        var expected = new byte[122 * 92];
        for (var y = 0; y < 92; y++)
        {
            for (var x = 0; x < 122; x++)
            {
                var (column, inCellX) = Math.DivRem(x - 2, Side + 2);
                var (row, inCellY) = Math.DivRem(y - 2, Side + 2);
                var index = (row * 4) + column;
                var inImage = x >= 2 && y >= 2 && inCellX < Side && inCellY < Side && index < 10;
                expected[(y * 122) + x] = inImage ? expectedPixel(index, inCellY, inCellX) : (byte)128;
            }
        }

        Assert.Equal(expected, decoded.Pixels);
    }

    [Fact]
    public void AllOnesBecome255AndAllZerosBecome0InTheirCells()
    {
        var (values, _) = TenTestImages();
        using var images = torch.tensor(values, [10, 1, Side, Side]);

        var decoded = DecodedPng.Of(ImageGrid.ToPng(images, columns: 4, padding: 2, scale: 1).Bytes);

        // Image 0 (all 1.0) is the first cell, image 1 (all 0.0) the second; image 2 (all 2.0) is clamped to white.
        Assert.Equal([255], decoded.At(2, 2));
        Assert.Equal([255], decoded.At(2 + Side - 1, 2 + Side - 1));
        Assert.Equal([0], decoded.At(32, 2));
        Assert.Equal([0], decoded.At(32 + Side - 1, 2 + Side - 1));
        Assert.Equal([255], decoded.At(62 + 13, 2 + 13));
        Assert.Equal([128], decoded.At(30, 10));
    }

    [Fact]
    public void ABatchWithoutAChannelDimensionGivesTheSamePicture()
    {
        var (values, _) = TenTestImages();
        using var withChannel = torch.tensor(values, [10, 1, Side, Side]);
        using var withoutChannel = torch.tensor(values, [10, Side, Side]);

        var expected = ImageGrid.ToPng(withChannel, columns: 4, padding: 2, scale: 1).Bytes;
        var actual = ImageGrid.ToPng(withoutChannel, columns: 4, padding: 2, scale: 1).Bytes;

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ScaleDrawsEachPixelAsABlock()
    {
        using var images = torch.tensor(new float[] { 0, 1f / 255, 2f / 255, 3f / 255, 4f / 255, 5f / 255 }, [1, 1, 2, 3]);

        var decoded = DecodedPng.Of(ImageGrid.ToPng(images, padding: 1, scale: 2, paddingShade: 99).Bytes);

        Assert.Equal((8, 6), (decoded.Width, decoded.Height));
        byte[] expected =
        [
            99, 99, 99, 99, 99, 99, 99, 99,
            99, 0, 0, 1, 1, 2, 2, 99,
            99, 0, 0, 1, 1, 2, 2, 99,
            99, 3, 3, 4, 4, 5, 5, 99,
            99, 3, 3, 4, 4, 5, 5, 99,
            99, 99, 99, 99, 99, 99, 99, 99,
        ];
        Assert.Equal(expected, decoded.Pixels);
    }

    [Fact]
    public void FewerImagesThanColumnsMakeOneRowJustWideEnough()
    {
        using var images = torch.zeros(3, 1, Side, Side);

        var image = ImageGrid.ToPng(images, columns: 8, padding: 2, scale: 1);

        Assert.Equal((92, 32), (image.Width, image.Height));
    }

    [Fact]
    public void ThreeChannelImagesMakeAnRgbPicture()
    {
        // Image 0 is (red 1, green 0.2, blue 0); image 1 is (red 0, green 0.6, blue 1).
        var values = new float[2 * 3 * 2 * 2];
        float[][] colours = [[1f, 0.2f, 0f], [0f, 0.6f, 1f]];
        for (var image = 0; image < 2; image++)
        {
            for (var channel = 0; channel < 3; channel++)
            {
                Array.Fill(values, colours[image][channel], ((image * 3) + channel) * 4, 4);
            }
        }

        using var images = torch.tensor(values, [2, 3, 2, 2]);

        var decoded = DecodedPng.Of(ImageGrid.ToPng(images, padding: 1, scale: 1).Bytes);

        Assert.Equal(3, decoded.Channels);
        Assert.Equal((7, 4), (decoded.Width, decoded.Height));
        Assert.Equal([128, 128, 128], decoded.At(0, 0));
        Assert.Equal([255, 51, 0], decoded.At(1, 1));
        Assert.Equal([255, 51, 0], decoded.At(2, 2));
        Assert.Equal([128, 128, 128], decoded.At(3, 1));
        Assert.Equal([0, 153, 255], decoded.At(4, 1));
        Assert.Equal([0, 153, 255], decoded.At(5, 2));
    }

    [Fact]
    public void WithLowMinusOneTheRangeMinusOneToOneMapsToBlackAndWhite()
    {
        using var images = torch.tensor(new float[] { -1f, 1f, -0.6f, 3f, -5f }, [1, 1, 1, 5]);

        var decoded = DecodedPng.Of(ImageGrid.ToPng(images, padding: 0, scale: 1, low: -1f).Bytes);

        Assert.Equal([0, 255, 51, 255, 0], decoded.Pixels);
    }

    [Fact]
    public void TheInputTensorIsOnlyRead()
    {
        var (values, _) = TenTestImages();
        using var images = torch.tensor(values, [10, 1, Side, Side]);

        ImageGrid.ToPng(images, low: 0.1f, high: 0.9f);

        Assert.False(images.IsInvalid);
        Assert.Equal(values, images.data<float>().ToArray());
    }

    [Fact]
    public void ToPngLeavesNoLiveTensorsBehind()
    {
        var (values, _) = TenTestImages();
        using var images = torch.tensor(values, [10, 1, Side, Side]);

        LiveTensors.AssertNoneLeftBy(() => ImageGrid.ToPng(images, columns: 4, padding: 3, scale: 2));
    }

    [Fact]
    public void NotANumberIsRejectedWithAMessageSayingSo()
    {
        using var images = torch.zeros(2, 1, 4, 4);
        using (var element = images[1, 0, 2, 3])
        {
            element.fill_(float.NaN);
        }

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images));

        Assert.Contains("NaN", exception.Message, StringComparison.Ordinal);
        Assert.Equal("images", exception.ParamName);
    }

    [Fact]
    public void InfinityIsRejected()
    {
        using var images = torch.zeros(1, 1, 4, 4);
        using (var element = images[0, 0, 0, 0])
        {
            element.fill_(float.PositiveInfinity);
        }

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images));

        Assert.Contains("infinite", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoChannelsAreRejected()
    {
        using var images = torch.zeros(4, 2, Side, Side);

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images));

        Assert.Equal("images", exception.ParamName);
        Assert.Contains("1 or 3 channels, not 2", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[4, 2, 28, 28]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ATwoDimensionalTensorIsRejected()
    {
        using var images = torch.zeros(Side, Side);

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images));

        Assert.Contains("(N, H, W) or (N, C, H, W)", exception.Message, StringComparison.Ordinal);
        Assert.Contains("[28, 28]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyBatchIsRejected()
    {
        using var images = torch.zeros(0, 1, Side, Side);

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images));

        Assert.Contains("no images", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnEmptyValueRangeIsRejected()
    {
        using var images = torch.zeros(1, 1, 2, 2);

        var exception = Assert.Throws<ArgumentException>(() => ImageGrid.ToPng(images, low: 1f, high: 1f));

        Assert.Equal("high", exception.ParamName);
    }

    [Theory]
    [InlineData(0, 2, 2, "columns")]
    [InlineData(8, -1, 2, "padding")]
    [InlineData(8, 2, 0, "scale")]
    public void InvalidLayoutSettingsAreRejected(int columns, int padding, int scale, string parameter)
    {
        using var images = torch.zeros(1, 1, 2, 2);

        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => ImageGrid.ToPng(images, columns, padding, scale));

        Assert.Equal(parameter, exception.ParamName);
    }

    /// <summary>
    /// Ten 28×28 images whose bytes are known exactly: all 1.0, all 0.0, all 2.0 (clamped), all -0.5 (clamped), a
    /// gradient n/255 (so position mistakes show), and five uniform levels away from rounding ties.
    /// </summary>
    private static (float[] Values, Func<int, int, int, byte> ExpectedPixel) TenTestImages()
    {
        float[] uniform = [1f, 0f, 2f, -0.5f, 0f, 0.2f, 0.6f, 0.4f, 0.8f, 77f / 255];
        byte[] uniformBytes = [255, 0, 255, 0, 0, 51, 153, 102, 204, 77];
        var values = new float[10 * Side * Side];
        for (var image = 0; image < 10; image++)
        {
            for (var pixel = 0; pixel < Side * Side; pixel++)
            {
                values[(image * Side * Side) + pixel] = image == 4 ? (pixel % 256) / 255f : uniform[image];
            }
        }

        return (values, (image, y, x) => image == 4 ? (byte)(((y * Side) + x) % 256) : uniformBytes[image]);
    }
}
