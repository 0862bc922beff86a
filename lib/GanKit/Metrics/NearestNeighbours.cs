using System.Globalization;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>The nearest row of a reference set to one query (the lowest on ties) and its distance. Introduced in chapter 05.</summary>
public sealed record Neighbour(long Index, double Distance)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"#{Index} at {Distance:G4}");
}

/// <summary>
/// The memorisation check: each generated sample's nearest training sample, in pixels or in a feature space; a distance
/// near 0, or a neighbour that looks the same, suggests the generator copies. Introduced in chapter 05.
/// </summary>
public static class NearestNeighbours
{
    public const int DefaultBlockRows = 1_000;

    /// <summary>
    /// For each row of <paramref name="queries"/> (Q, …), the nearest row of <paramref name="reference"/> (R, …), rows
    /// flattened, on the reference's device. Distances are exact in float64 (not the matrix-product form, so a copy is at
    /// 0), computed in blocks of <paramref name="blockRows"/> × <paramref name="blockRows"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Either set has no rows, or the rows differ in size.</exception>
    public static IReadOnlyList<Neighbour> Find(Tensor queries, Tensor reference, int blockRows = DefaultBlockRows)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockRows, 1);
        if (queries.dim() < 1 || queries.shape[0] == 0 || queries.numel() == 0)
        {
            throw new ArgumentException($"Queries must be a non-empty (Q, …) tensor, not shape [{string.Join(", ", queries.shape)}].", nameof(queries));
        }

        if (reference.dim() < 1 || reference.shape[0] == 0 || reference.numel() == 0)
        {
            throw new ArgumentException($"The reference must be a non-empty (R, …) tensor, not shape [{string.Join(", ", reference.shape)}].", nameof(reference));
        }

        var queryWidth = queries.numel() / queries.shape[0];
        var referenceWidth = reference.numel() / reference.shape[0];
        if (queryWidth != referenceWidth)
        {
            throw new ArgumentException(
                $"Each query row must hold as many values as each reference row: queries [{string.Join(", ", queries.shape)}] have {queryWidth}, "
                + $"the reference [{string.Join(", ", reference.shape)}] has {referenceWidth}.",
                nameof(queries));
        }

        using var scope = NewDisposeScope();
        var targets = reference.detach().reshape(reference.shape[0], referenceWidth).to(float64);
        var points = queries.detach().reshape(queries.shape[0], queryWidth).to(float64, targets.device);
        var queryCount = points.shape[0];
        var referenceCount = targets.shape[0];
        var bestDistance = full(queryCount, double.PositiveInfinity, float64, targets.device);
        var bestIndex = zeros(queryCount, int64, targets.device);
        for (long queryStart = 0; queryStart < queryCount; queryStart += blockRows)
        {
            var queryLength = Math.Min(blockRows, queryCount - queryStart);
            var queryBlock = points.narrow(0, queryStart, queryLength);
            var blockDistance = bestDistance.narrow(0, queryStart, queryLength);
            var blockIndex = bestIndex.narrow(0, queryStart, queryLength);
            for (long referenceStart = 0; referenceStart < referenceCount; referenceStart += blockRows)
            {
                using var block = NewDisposeScope();
                var referenceLength = Math.Min(blockRows, referenceCount - referenceStart);
                var distances = cdist(queryBlock, targets.narrow(0, referenceStart, referenceLength), compute_mode: TorchSharp.compute_mode.donot_use_mm_for_euclid_dist);
                var (nearest, index) = distances.min(1);
                var closer = nearest.lt(blockDistance);                               // strict: earlier rows win ties
                blockDistance.copy_(where(closer, nearest, blockDistance));
                blockIndex.copy_(where(closer, index + referenceStart, blockIndex));
            }
        }

        var distancesOut = bestDistance.to(CPU).data<double>().ToArray();
        var indicesOut = bestIndex.to(CPU).data<long>().ToArray();
        return [.. indicesOut.Select((index, row) => new Neighbour(index, distancesOut[row]))];
    }
}
