using System.Globalization;
using GanKit.Metrics;
using static TorchSharp.torch;

namespace Digits;

/// <summary>
/// One measurement of a run's generator: the course's report (precision and recall at k = 3) and, as a second opinion,
/// precision and recall at k = 5, with the step and the training time (evaluations not counted) it was taken at.
/// </summary>
internal sealed record Evaluation(int Step, TimeSpan TrainingTime, DigitReport Report, PrecisionRecall SecondOpinion)
{
    /// <summary>The k of the second opinion.</summary>
    public const int SecondOpinionNeighbours = 5;

    /// <summary>Measures <paramref name="samples"/> ([0, 1], as many as the evaluator expects).</summary>
    public static Evaluation Of(DigitEvaluator evaluator, Tensor samples, int step, TimeSpan trainingTime) =>
        new(step, trainingTime, evaluator.Evaluate(samples), evaluator.Coverage(samples, SecondOpinionNeighbours));

    /// <summary>The line printed for it: the report, then the second opinion.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Report} (at k = {SecondOpinionNeighbours}: {SecondOpinion})");

    /// <summary>Its entry in metrics.json's <c>evaluations</c>.</summary>
    public Dictionary<string, object> ToJson() => new()
    {
        ["step"] = Step,
        ["training_seconds"] = TrainingTime.TotalSeconds,
        ["digit_fid"] = Report.Fid,
        ["fid_ratio"] = Report.FidRatio,
        ["class_kl"] = Report.Classes.KlToUniform,
        ["smallest_class_share"] = Report.Classes.SmallestShare,
        ["precision"] = Report.Coverage.Precision,
        ["recall"] = Report.Coverage.Recall,
        ["precision_k5"] = SecondOpinion.Precision,
        ["recall_k5"] = SecondOpinion.Recall,
        ["meets_bar"] = Report.MeetsBar,
        ["samples"] = Report.SampleCount,
    };
}
