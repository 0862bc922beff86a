using GanKit.Training;

namespace GanKit.Display;

/// <summary>
/// The chart of a GAN's training that chapters 03, 05 and 06a draw: D's and G's losses as solid lines, and D's mean
/// verdicts on real and generated samples as dotted lines against a second axis from 0 to 1, where ½ is the
/// equilibrium. Add further lines to the chart it returns (chapter 06a adds the label accuracy).
/// </summary>
public static class TrainingCurves
{
    /// <summary>The chart of <paramref name="records"/>; the two verdicts are named <paramref name="onReal"/> and <paramref name="onGenerated"/>.</summary>
    public static PlotlyChart Of(string title, IReadOnlyCollection<GameRecord> records, string onReal = "D(x) on real", string onGenerated = "D(G(z)) on generated", string verdictAxis = "mean verdict")
    {
        ArgumentNullException.ThrowIfNull(records);
        var steps = records.Select(record => record.Step).ToArray();
        return new PlotlyChart(title, xTitle: "step", yTitle: "loss")
            .Line("D loss", steps, records.Select(record => record.DiscriminatorLoss))
            .Line("G loss", steps, records.Select(record => record.GeneratorLoss))
            .Line(onReal, steps, records.Select(record => record.OnReal), secondAxis: true, dash: "dot")
            .Line(onGenerated, steps, records.Select(record => record.OnGenerated), secondAxis: true, dash: "dot")
            .SecondAxis(verdictAxis, 0, 1);
    }
}
