namespace Benchmark;

/// <summary>How long and how often each loop is measured.</summary>
/// <param name="Seconds">The length of one timed window (<c>--seconds</c>).</param>
/// <param name="Repeats">Timed windows per loop; the table gives their median.</param>
/// <param name="WarmUp">Untimed steps before the first window (at least <see cref="WarmUpSteps"/>).</param>
/// <param name="MatrixRepeats">Timed matrix products per thread count.</param>
/// <param name="ExtrasTime">How long GanKit's per-step extras are timed alone.</param>
/// <param name="AutoLimit">The longest the automatic policy is given to choose a thread count.</param>
internal sealed record MeasurementPlan(double Seconds, int Repeats, TimeSpan WarmUp, int MatrixRepeats, TimeSpan ExtrasTime, TimeSpan AutoLimit)
{
    /// <summary>The fewest untimed steps before timing.</summary>
    public const int WarmUpSteps = 5;

    /// <summary>The seed of every configuration's weights: both loops start from the same ones.</summary>
    public const int Seed = 2026;
}
