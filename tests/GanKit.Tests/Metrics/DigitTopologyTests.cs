using GanKit.Metrics;
using GanKit.Runtime;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Metrics;

/// <summary>Pieces and holes counted on hand-drawn 7 × 7 images: a ring, an eight, two bars, a diagonal diamond, nothing.</summary>
public sealed class DigitTopologyTests
{
    public DigitTopologyTests() => TorchSession.Start();

    // '#' is ink (1), '.' background (0), one string per row.
    private static Tensor Image(params string[] rows) =>
        from_array(rows.SelectMany(row => row.Select(pixel => pixel == '#' ? 1f : 0f)).ToArray()).reshape(1, 1, rows.Length, rows[0].Length);

    private static Tensor Ring() => Image(".......", ".#####.", ".#...#.", ".#...#.", ".#...#.", ".#####.", ".......");

    [Fact]
    public void A_ring_has_one_piece_and_one_hole_an_eight_two_holes()
    {
        using var ring = Ring();
        using var eight = Image(".......", ".#####.", ".#...#.", ".#####.", ".#...#.", ".#####.", ".......");

        Assert.Equal(new DigitTopology(Pieces: 1, Holes: 1), DigitTopology.Measure(ring)[0]);
        Assert.Equal(new DigitTopology(Pieces: 1, Holes: 2), DigitTopology.Measure(eight)[0]);
    }

    [Fact]
    public void Two_bars_are_two_pieces_and_an_open_shape_has_no_hole()
    {
        using var bars = Image(".......", ".#...#.", ".#...#.", ".#...#.", ".#...#.", ".#...#.", ".......");
        using var cup = Image(".......", ".#...#.", ".#...#.", ".#...#.", ".#...#.", ".#####.", ".......");

        Assert.Equal(new DigitTopology(Pieces: 2, Holes: 0), DigitTopology.Measure(bars)[0]);
        Assert.Equal(new DigitTopology(Pieces: 1, Holes: 0), DigitTopology.Measure(cup)[0]);
    }

    [Fact]
    public void Ink_connects_diagonally_so_a_diamond_of_corners_is_one_closed_loop()
    {
        using var diamond = Image("...#...", "..#.#..", ".#...#.", "#.....#", ".#...#.", "..#.#..", "...#...");

        Assert.Equal(new DigitTopology(Pieces: 1, Holes: 1), DigitTopology.Measure(diamond)[0]);
    }

    [Fact]
    public void Every_image_of_a_batch_is_measured_and_the_threshold_decides_what_is_ink()
    {
        using var ring = Ring();
        using var batch = cat([zeros(1, 1, 7, 7), ring * 0.4f, ring], 0).squeeze(1);   // (3, 7, 7)

        Assert.Equal([new DigitTopology(0, 0), new DigitTopology(0, 0), new DigitTopology(1, 1)], DigitTopology.Measure(batch));
        Assert.Equal(new DigitTopology(1, 1), DigitTopology.Measure(batch, threshold: 0.3)[1]);
    }

    [Fact]
    public void Wrong_shapes_and_thresholds_are_refused()
    {
        Assert.Contains("(n, 1, h, w) or (n, h, w)", Assert.Throws<ArgumentException>(() => DigitTopology.Measure(zeros(2, 3, 7, 7))).Message);
        Assert.Contains("strictly between 0 and 1", Assert.Throws<ArgumentException>(() => DigitTopology.Measure(zeros(2, 7, 7), threshold: 1)).Message);
    }
}
