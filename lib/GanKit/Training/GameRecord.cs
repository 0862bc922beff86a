namespace GanKit.Training;

/// <summary>
/// One recorded training step of a GAN: both networks' losses and D's mean verdicts on the real and the generated
/// batch — what chapters 03, 05 and 06a chart as training goes (<see cref="Display.TrainingCurves"/>).
/// </summary>
public sealed record GameRecord(int Step, double DiscriminatorLoss, double GeneratorLoss, double OnReal, double OnGenerated)
{
    /// <summary>The record of a <see cref="GanTrainer"/> step.</summary>
    public static GameRecord Of(GanStepResult result) =>
        new(result.Step, result.Discriminator.Loss, result.Generator.Loss, result.Discriminator.VerdictOnReal, result.Discriminator.VerdictOnGenerated);

    /// <summary>The record of a <see cref="ConditionalGanTrainer"/> step, whose generator loss is its adversarial loss.</summary>
    /// <exception cref="ArgumentException">The trainer has no discriminator, so there is no game to record.</exception>
    public static GameRecord Of(ConditionalGanStepResult result) => result.Discriminator is { } pass1
        ? new(result.Step, pass1.Loss, result.Generator.AdversarialLoss, pass1.VerdictOnReal, pass1.VerdictOnGenerated)
        : throw new ArgumentException("This step had no discriminator (a pixel-loss-only trainer): there is no loss of D or verdict to record.", nameof(result));
}
