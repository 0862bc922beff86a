using System.Text.Json;
using GanKit.Display;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>"Inspect by hand": real and generated samples side by side, as two Plotly panels or one picture of two grids.</summary>
public sealed class SideBySideTests
{
    private const int Gap = 12;

    public SideBySideTests() => TorchSession.Start();

    [Fact]
    public void PointsAreTwoTracesOnTwoPanelsThatDoNotOverlap()
    {
        using var scope = torch.NewDisposeScope();
        var real = torch.tensor(new float[] { 0.5f, -1.25f, 1, 2, 2.25f, -3 }, [3, 2]);
        var generated = torch.tensor(new float[] { 0.125f, 1.5f, -0.75f, 2.5f }, [2, 2]);

        var chart = SideBySide.Points(real, generated, -4, 4, title: "ring");

        using var figure = JsonDocument.Parse(chart.ToJson());
        var data = figure.RootElement.GetProperty("data");
        Assert.Equal(2, data.GetArrayLength());
        Assert.Equal("real", data[0].GetProperty("name").GetString());
        Assert.Equal("markers", data[0].GetProperty("mode").GetString());
        Assert.Equal([0.5, 1, 2.25], Numbers(data[0].GetProperty("x")));
        Assert.Equal([-1.25, 2, -3], Numbers(data[0].GetProperty("y")));
        Assert.Equal("x", Axis(data[0], "xaxis", "x"));
        Assert.Equal("y", Axis(data[0], "yaxis", "y"));
        Assert.Equal("generated", data[1].GetProperty("name").GetString());
        Assert.Equal([0.125, -0.75], Numbers(data[1].GetProperty("x")));
        Assert.Equal([1.5, 2.5], Numbers(data[1].GetProperty("y")));
        Assert.Equal("x2", Axis(data[1], "xaxis", "x"));
        Assert.Equal("y2", Axis(data[1], "yaxis", "y"));

        var layout = figure.RootElement.GetProperty("layout");
        Assert.Equal("ring", layout.GetProperty("title").GetProperty("text").GetString());
        var left = Numbers(layout.GetProperty("xaxis").GetProperty("domain"));
        var right = Numbers(layout.GetProperty("xaxis2").GetProperty("domain"));
        Assert.True(left[0] >= 0 && left[0] < left[1] && left[1] < right[0] && right[0] < right[1] && right[1] <= 1, $"Domains [{left[0]}, {left[1]}] and [{right[0]}, {right[1]}] overlap.");
        foreach (var axis in new[] { "xaxis", "yaxis", "xaxis2", "yaxis2" })
        {
            Assert.Equal([-4.0, 4], Numbers(layout.GetProperty(axis).GetProperty("range")));
        }

        Assert.Equal("x", layout.GetProperty("yaxis").GetProperty("anchor").GetString());
        Assert.Equal("x2", layout.GetProperty("yaxis2").GetProperty("anchor").GetString());
        Assert.Equal("x2", layout.GetProperty("yaxis2").GetProperty("scaleanchor").GetString());
    }

    [Theory]
    [InlineData(new long[] { 4, 3 }, new long[] { 4, 2 }, "real")]
    [InlineData(new long[] { 4 }, new long[] { 4, 2 }, "real")]
    [InlineData(new long[] { 4, 2 }, new long[] { 4 }, "generated")]
    [InlineData(new long[] { 4, 2 }, new long[] { 2, 4, 2 }, "generated")]
    public void PointsThatAreNotPairsAreRejected(long[] realShape, long[] generatedShape, string culprit)
    {
        using var scope = torch.NewDisposeScope();

        var exception = Assert.Throws<ArgumentException>(() => SideBySide.Points(torch.zeros(realShape), torch.zeros(generatedShape), 0, 1));

        Assert.Equal(culprit, exception.ParamName);
    }

    [Fact]
    public void ImagesAreTheTwoGridsWithAWhiteGapBetweenThem()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(61);
        var real = torch.rand(16, 1, 28, 28);
        var generated = torch.rand(5, 1, 28, 28);

        var image = SideBySide.Images(real, generated);

        var picture = DecodedPng.Of(image.Bytes);
        var left = DecodedPng.Of(ImageGrid.ToPng(real).Bytes);
        var right = DecodedPng.Of(ImageGrid.ToPng(generated).Bytes);
        Assert.Equal((466, 118), (left.Width, left.Height));     // 8 columns, 2 rows of 58-pixel cells
        Assert.Equal((292, 60), (right.Width, right.Height));    // 5 columns, 1 row
        AssertComposed(picture, left, right);
        Assert.Equal((picture.Width, picture.Height), (image.Width, image.Height));
    }

    [Fact]
    public void ColourImagesPassTheirSettingsToBothGrids()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(62);
        var real = (torch.rand(3, 3, 5, 4) * 2) - 1;
        var generated = (torch.rand(4, 3, 5, 4) * 2) - 1;

        var image = SideBySide.Images(real, generated, columns: 2, scale: 1, low: -1, high: 1);

        var picture = DecodedPng.Of(image.Bytes);
        Assert.Equal(3, picture.Channels);
        AssertComposed(
            picture,
            DecodedPng.Of(ImageGrid.ToPng(real, columns: 2, scale: 1, low: -1, high: 1).Bytes),
            DecodedPng.Of(ImageGrid.ToPng(generated, columns: 2, scale: 1, low: -1, high: 1).Bytes));
    }

    [Fact]
    public void GrayAndColourImagesCannotBeShownSideBySide()
    {
        using var scope = torch.NewDisposeScope();

        var exception = Assert.Throws<ArgumentException>(() => SideBySide.Images(torch.rand(2, 1, 28, 28), torch.rand(2, 3, 28, 28)));

        Assert.Equal("generated", exception.ParamName);
    }

    [Fact]
    public void PointsLeaveNoLiveTensorsBehind()
    {
        using var real = torch.zeros(5, 2);
        using var generated = torch.zeros(4, 2);
        LiveTensors.AssertNoneLeftBy(() => SideBySide.Points(real, generated, 0, 1));
    }

    [Fact]
    public void ImagesLeaveNoLiveTensorsBehind()
    {
        using var real = torch.rand(3, 1, 28, 28);
        using var generated = torch.rand(2, 1, 28, 28);
        LiveTensors.AssertNoneLeftBy(() => SideBySide.Images(real, generated));
    }

    /// <summary>The picture is <paramref name="left"/>, a white gap, then <paramref name="right"/>; white below the shorter grid.</summary>
    private static void AssertComposed(DecodedPng picture, DecodedPng left, DecodedPng right)
    {
        Assert.Equal(left.Width + Gap + right.Width, picture.Width);
        Assert.Equal(Math.Max(left.Height, right.Height), picture.Height);
        Assert.Equal(left.Channels, picture.Channels);
        var white = Enumerable.Repeat((byte)255, picture.Channels).ToArray();
        for (var y = 0; y < picture.Height; y++)
        {
            for (var x = 0; x < picture.Width; x++)
            {
                var expected = x < left.Width
                    ? (y < left.Height ? left.At(x, y) : white)
                    : x < left.Width + Gap
                        ? white
                        : (y < right.Height ? right.At(x - left.Width - Gap, y) : white);
                var actual = picture.At(x, y);
                if (!expected.AsSpan().SequenceEqual(actual))
                {
                    Assert.Fail($"Pixel ({x}, {y}) is [{string.Join(", ", actual)}], not [{string.Join(", ", expected)}].");
                }
            }
        }
    }

    private static string Axis(JsonElement trace, string property, string fallback) =>
        trace.TryGetProperty(property, out var axis) ? axis.GetString()! : fallback;

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(element => element.GetDouble()).ToArray();
}
