using System.Globalization;

namespace GanKit.Metrics;

/// <summary>
/// Every number chapter 05 puts on <c>SampleCount</c> generated digits (as <c>EVALUATION.md</c> describes): digit-FID
/// against the test digits beside its floor (as many training digits), the IS-style score, the class histogram and
/// precision / recall.
/// </summary>
public sealed record DigitReport(double Fid, double Floor, ScoreWithSpread Score, ClassBalance Classes, PrecisionRecall Coverage, int SampleCount)
{
    /// <summary>The sample count the bar is set for: with fewer the floor is higher and precision and recall read higher.</summary>
    public const int BarSampleCount = 10_000;

    /// <summary>digit-FID in units of the floor: ≤ 10 is good, ≤ 3 excellent (EVALUATION.md).</summary>
    public double FidRatio => Fid / Floor;

    /// <summary>The course's bar for "good digits": digit-FID ≤ 10× the floor, class KL ≤ 0.02, every class present, precision and recall ≥ 0.7.</summary>
    public bool MeetsBar => FidRatio <= 10 && Classes.KlToUniform <= 0.02 && Classes.Counts.All(count => count > 0)
        && Coverage.Precision >= 0.7 && Coverage.Recall >= 0.7;

    /// <summary>The numbers as (name, value) pairs, for progress lines and charts.</summary>
    public IReadOnlyList<(string Name, double Value)> Values =>
    [
        ("digit-FID", Fid), ("× floor", FidRatio), ("IS", Score.Mean), ("class KL", Classes.KlToUniform),
        ("smallest class", Classes.SmallestShare), ("precision", Coverage.Precision), ("recall", Coverage.Recall),
    ];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"digit-FID {Fid:F2} = {FidRatio:F1}× the floor {Floor:F2} · IS {Score} · class KL {Classes.KlToUniform:F4}, smallest class {Classes.SmallestClass} at {Classes.SmallestShare:P1} · {Coverage} · {SampleCount:N0} samples · {(MeetsBar ? "meets" : "misses")} the bar{(SampleCount < BarSampleCount ? $" (set for {BarSampleCount:N0} samples)" : "")}");
}
