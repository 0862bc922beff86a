namespace GanKit.Training;

/// <summary>What one discriminator step (pass 1) measured: its loss and its mean verdict D(x) on real and generated samples.</summary>
public readonly record struct DiscriminatorStepResult(double Loss, double VerdictOnReal, double VerdictOnGenerated);

/// <summary>
/// What one generator step (pass 2) measured: its loss, D's mean verdict D(G(z)) on its samples before the update, and
/// the norm of the gradient the loss sent into G's parameters (near 0 when D's verdict saturates; chapter 04).
/// </summary>
public readonly record struct GeneratorStepResult(double Loss, double VerdictOnGenerated, double GradientNorm);

/// <summary>One training step: <see cref="GanTrainerOptions.DiscriminatorSteps"/> passes 1 (the last reported) and one pass 2.</summary>
public readonly record struct GanStepResult(int Step, DiscriminatorStepResult Discriminator, GeneratorStepResult Generator);

/// <summary>A loss became NaN or infinite: training diverged. The message says at which step and what to try.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);

/// <summary>
/// What one pass 2 of <see cref="ConditionalGanTrainer"/> measured: the adversarial loss and D's mean verdict on the
/// forgeries (both NaN without D), and the pixel loss against the targets (NaN when its weight is 0).
/// </summary>
public readonly record struct ConditionalGeneratorStepResult(double AdversarialLoss, double PixelLoss, double VerdictOnGenerated);

/// <summary>One step of <see cref="ConditionalGanTrainer"/>: its last pass 1 (<c>null</c> without D) and its pass 2.</summary>
public readonly record struct ConditionalGanStepResult(int Step, DiscriminatorStepResult? Discriminator, ConditionalGeneratorStepResult Generator);
