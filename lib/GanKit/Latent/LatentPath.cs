using static TorchSharp.torch;

namespace GanKit.Latent;

/// <summary>
/// Paths between two noise vectors, to walk a generator's latent space one frame at a time: straight (linear)
/// interpolation, and spherical interpolation along the great circle between them (T. White 2016, "Sampling Generative
/// Networks"), which keeps a Gaussian vector's length where the generator saw it in training. Both include both ends.
/// Introduced in chapter 06c.
/// <code>
/// var frames = LatentPath.Spherical(start, end, frames: 9);   // (9, noiseSize): row 0 is start, row 8 is end
/// var strip = ImageGrid.ToPng(generator.call(frames), columns: 9, low: -1);
/// </code>
/// </summary>
public static class LatentPath
{
    /// <summary>Where the <paramref name="frames"/> frames sit along a path: k / (frames − 1) for k = 0 … frames − 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than two frames: a path needs both of its ends.</exception>
    public static double[] Positions(int frames)
    {
        if (frames < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "A path needs at least two frames, its start and its end.");
        }

        return Enumerable.Range(0, frames).Select(frame => (double)frame / (frames - 1)).ToArray();
    }

    /// <summary>
    /// (1 − t) · start + t · end at each of <see cref="Positions"/>. <paramref name="start"/> and <paramref name="end"/> are
    /// one vector (d) each, giving (frames, d), or n pairs (n, d), giving (n, frames, d); same dtype and device as the input.
    /// </summary>
    /// <exception cref="ArgumentException">The two ends differ in shape, are not (d) or (n, d), or hold NaN or infinite values.</exception>
    public static Tensor Straight(Tensor start, Tensor end, int frames)
    {
        var positions = Positions(frames);
        Check(start, end);
        using var scope = NewDisposeScope();
        var (first, last) = (Pairs(start), Pairs(end));                                   // (n, d) each, float64
        var t = tensor(positions, dtype: float64, device: start.device).reshape(1, frames, 1);
        var path = ((1 - t) * first.unsqueeze(1)) + (t * last.unsqueeze(1));               // (n, frames, d)
        return Shaped(path, start).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// sin((1 − t) Ω) / sin Ω · start + sin(t Ω) / sin Ω · end at each of <see cref="Positions"/>, Ω the angle between
    /// the two vectors: the arc of the great circle through them. Vectors of equal length keep that length along the
    /// whole path. Shapes as in <see cref="Straight"/>. Where the two ends point the same way (Ω below 1e-6) the arc
    /// and the straight line coincide, and the straight line is returned.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// As for <see cref="Straight"/>; also when an end is the zero vector (it has no direction), or when the two ends
    /// point in opposite directions (every great circle through them is as short as any other).
    /// </exception>
    public static Tensor Spherical(Tensor start, Tensor end, int frames)
    {
        var positions = Positions(frames);
        Check(start, end);
        using var scope = NewDisposeScope();
        var (first, last) = (Pairs(start), Pairs(end));                                   // (n, d) each, float64
        var (firstLength, lastLength) = (first.norm(1), last.norm(1));                     // (n)
        var zeroStart = firstLength.eq(0).any().item<bool>();
        if (zeroStart || lastLength.eq(0).any().item<bool>())
        {
            throw new ArgumentException("A spherical path needs two vectors with a direction; one end is the zero vector.", zeroStart ? nameof(start) : nameof(end));
        }

        var angle = ((first * last).sum(1) / (firstLength * lastLength)).clamp(-1, 1).acos();   // Ω, (n)
        if (angle.gt(Math.PI - 1e-6).any().item<bool>())
        {
            throw new ArgumentException("The two ends point in opposite directions, so no single great circle joins them; move one end a little.", nameof(end));
        }

        var t = tensor(positions, dtype: float64, device: start.device).unsqueeze(0);      // (1, frames)
        var omega = angle.unsqueeze(1);                                                    // (n, 1)
        var parallel = omega.lt(1e-6);                                                     // (n, 1): the arc is the line
        var sinOmega = where(parallel, ones_like(omega), omega.sin());
        var startWeight = where(parallel, 1 - t, ((1 - t) * omega).sin() / sinOmega);      // (n, frames)
        var endWeight = where(parallel, t, (t * omega).sin() / sinOmega);
        var path = (startWeight.unsqueeze(2) * first.unsqueeze(1)) + (endWeight.unsqueeze(2) * last.unsqueeze(1));   // (n, frames, d)
        return Shaped(path, start).MoveToOuterDisposeScope();
    }

    private static void Check(Tensor start, Tensor end)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (start.dim() is not (1 or 2) || start.shape[^1] == 0)
        {
            throw new ArgumentException($"The ends must be one vector (d) or a batch of vectors (n, d), not shape [{string.Join(", ", start.shape)}].", nameof(start));
        }

        if (!start.shape.SequenceEqual(end.shape))
        {
            throw new ArgumentException($"The two ends differ in shape: [{string.Join(", ", start.shape)}] and [{string.Join(", ", end.shape)}].", nameof(end));
        }

        if (!start.isfinite().all().item<bool>() || !end.isfinite().all().item<bool>())
        {
            throw new ArgumentException("The ends hold NaN or infinite values.", start.isfinite().all().item<bool>() ? nameof(end) : nameof(start));
        }
    }

    /// <summary>The ends as (n, d) in float64, so the angle of nearly parallel vectors is still accurate.</summary>
    private static Tensor Pairs(Tensor ends) => (ends.dim() == 1 ? ends.unsqueeze(0) : ends).detach().to(float64);

    /// <summary>(n, frames, d) back to the caller's dtype, without the batch dimension when the ends were single vectors.</summary>
    private static Tensor Shaped(Tensor path, Tensor like)
    {
        var typed = path.to(like.dtype);
        return like.dim() == 1 ? typed.squeeze(0) : typed;
    }
}
