using System.Globalization;

namespace GanKit.Experiments;

/// <summary>
/// How one number varied over the seeds of a <see cref="SeedSweep{TResult}"/>: mean, sample standard deviation (0 for
/// one seed), smallest and largest. Introduced in chapter 04.
/// </summary>
public readonly record struct Spread(double Mean, double StandardDeviation, double Minimum, double Maximum, int Count)
{
    /// <summary>Summarises <paramref name="values"/> (at least one).</summary>
    public static Spread Of(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var list = values.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("A spread needs at least one value.", nameof(values));
        }

        var mean = list.Average();
        var deviation = list.Count < 2 ? 0 : Math.Sqrt(list.Sum(value => (value - mean) * (value - mean)) / (list.Count - 1));
        return new Spread(mean, deviation, list.Min(), list.Max(), list.Count);
    }

    /// <summary>
    /// "mean ± sd (min–max)" with <paramref name="format"/> for each number, such as "23.7 ± 1.5 (22–25)"; the value alone
    /// for one seed, or when every seed gave exactly the same value (a baseline that does not depend on the seed).
    /// </summary>
    public string ToString(string format) => Count < 2 || Minimum.Equals(Maximum)
        ? Mean.ToString(format, CultureInfo.InvariantCulture)
        : !double.IsFinite(StandardDeviation)   // an infinite value (a reverse KL with no high-quality sample) has no spread
        ? string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ({Minimum.ToString(format, CultureInfo.InvariantCulture)}–{Maximum.ToString(format, CultureInfo.InvariantCulture)})")
        : string.Create(CultureInfo.InvariantCulture, $"{Mean.ToString(format, CultureInfo.InvariantCulture)} ± {StandardDeviation.ToString(format, CultureInfo.InvariantCulture)} ({Minimum.ToString(format, CultureInfo.InvariantCulture)}–{Maximum.ToString(format, CultureInfo.InvariantCulture)})");

    public override string ToString() => ToString("G3");
}
