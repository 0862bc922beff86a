namespace Benchmark;

/// <summary>The middle of a list of measurements, which one disturbed measurement cannot move far.</summary>
internal static class Median
{
    /// <summary>The middle value, or the mean of the two middle ones for an even count.</summary>
    /// <exception cref="ArgumentException"><paramref name="values"/> is empty.</exception>
    public static double Of(IReadOnlyCollection<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("The median of no values is undefined.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
