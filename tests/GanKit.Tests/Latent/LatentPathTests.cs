using GanKit.Latent;
using GanKit.Runtime;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Latent;

/// <summary>Straight and spherical paths between noise vectors: their ends, their lengths, their shapes, and what they refuse.</summary>
public sealed class LatentPathTests
{
    public LatentPathTests() => TorchSession.Start();

    [Fact]
    public void Positions_run_evenly_from_zero_to_one()
    {
        Assert.Equal([0, 0.25, 0.5, 0.75, 1], LatentPath.Positions(5));
        Assert.Equal([0, 1.0], LatentPath.Positions(2));
    }

    [Fact]
    public void A_straight_path_starts_and_ends_at_its_ends_and_passes_the_midpoint()
    {
        using var scope = torch.NewDisposeScope();
        var start = torch.tensor(new float[] { 1, -2, 3 });
        var end = torch.tensor(new float[] { -3, 4, 1 });

        var path = LatentPath.Straight(start, end, frames: 5);

        Assert.Equal([5L, 3], path.shape);
        Assert.Equal(torch.float32, path.dtype);
        Assert.Equal([1f, -2, 3], path[0].data<float>().ToArray());
        Assert.Equal([-1f, 1, 2], path[2].data<float>().ToArray());
        Assert.Equal([-3f, 4, 1], path[4].data<float>().ToArray());
    }

    [Fact]
    public void A_spherical_path_keeps_the_length_of_equally_long_ends_and_meets_them_exactly()
    {
        using var scope = torch.NewDisposeScope();
        var random = new torch.Generator(11);
        var start = torch.randn([100], generator: random);
        var end = torch.randn([100], generator: random);
        end = end * (start.norm() / end.norm());        // two ends of the same length, about √100

        var spherical = LatentPath.Spherical(start, end, frames: 9);
        var straight = LatentPath.Straight(start, end, frames: 9);

        Assert.Equal([9L, 100], spherical.shape);
        Assert.True(torch.allclose(spherical[0], start, rtol: 1e-5, atol: 1e-5));
        Assert.True(torch.allclose(spherical[8], end, rtol: 1e-5, atol: 1e-5));
        var length = start.norm().item<float>();
        foreach (var frameLength in spherical.norm(1).data<float>().ToArray())
        {
            Assert.Equal(length, frameLength, 3);
        }

        // The straight line's midpoint is shorter by the cosine of half the angle between the ends.
        var angle = Math.Acos((start.dot(end) / (start.norm() * end.norm())).item<float>());
        Assert.Equal(length * Math.Cos(angle / 2), straight[4].norm().item<float>(), 3);
    }

    [Fact]
    public void A_spherical_path_between_perpendicular_unit_vectors_is_the_quarter_circle()
    {
        using var scope = torch.NewDisposeScope();
        var path = LatentPath.Spherical(torch.tensor(new double[] { 1, 0 }), torch.tensor(new double[] { 0, 1 }), frames: 3);

        var middle = path[1].data<double>().ToArray();
        Assert.Equal(Math.Sqrt(0.5), middle[0], 12);
        Assert.Equal(Math.Sqrt(0.5), middle[1], 12);
    }

    [Fact]
    public void Batches_of_pairs_give_one_path_each_and_parallel_ends_give_the_straight_line()
    {
        using var scope = torch.NewDisposeScope();
        var starts = torch.tensor(new float[] { 1, 0, 2, 2 }, [2, 2]);
        var ends = torch.tensor(new float[] { 0, 1, 4, 4 }, [2, 2]);   // the second pair points the same way

        var spherical = LatentPath.Spherical(starts, ends, frames: 4);
        var straight = LatentPath.Straight(starts, ends, frames: 4);

        Assert.Equal([2L, 4, 2], spherical.shape);
        Assert.Equal([2L, 4, 2], straight.shape);
        Assert.True(torch.allclose(spherical[1], straight[1], rtol: 1e-6, atol: 1e-6));
        Assert.True(torch.allclose(spherical[0, 3], ends[0], rtol: 1e-6, atol: 1e-6));
        Assert.Equal(1f, spherical[0, 1].norm().item<float>(), 5);
    }

    [Fact]
    public void Ends_that_cannot_make_a_path_are_refused_with_a_message()
    {
        using var scope = torch.NewDisposeScope();
        var vector = torch.tensor(new float[] { 1, 2 });

        Assert.Contains("at least two frames", Assert.Throws<ArgumentOutOfRangeException>(() => LatentPath.Straight(vector, vector, frames: 1)).Message, StringComparison.Ordinal);
        Assert.Contains("differ in shape", Assert.Throws<ArgumentException>(() => LatentPath.Straight(vector, torch.zeros(3), frames: 3)).Message, StringComparison.Ordinal);
        Assert.Contains("(n, d)", Assert.Throws<ArgumentException>(() => LatentPath.Spherical(torch.zeros(2, 2, 2), torch.zeros(2, 2, 2), frames: 3)).Message, StringComparison.Ordinal);
        Assert.Contains("NaN", Assert.Throws<ArgumentException>(() => LatentPath.Straight(vector, torch.tensor(new float[] { float.NaN, 0 }), frames: 3)).Message, StringComparison.Ordinal);
        Assert.Contains("zero vector", Assert.Throws<ArgumentException>(() => LatentPath.Spherical(vector, torch.zeros(2), frames: 3)).Message, StringComparison.Ordinal);
        Assert.Contains("opposite directions", Assert.Throws<ArgumentException>(() => LatentPath.Spherical(vector, -vector, frames: 3)).Message, StringComparison.Ordinal);
    }
}
