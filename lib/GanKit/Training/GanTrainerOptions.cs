namespace GanKit.Training;

/// <summary>The knobs of <see cref="GanTrainer"/>, with the defaults of the papers the course follows. Introduced in chapter 03.</summary>
public sealed record GanTrainerOptions
{
    /// <summary>Samples per batch, in both passes. The default is 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Discriminator steps per generator step, k in Algorithm 1 of Goodfellow et al. 2014. The default is 1, as theirs.</summary>
    public int DiscriminatorSteps { get; init; } = 1;

    /// <summary>The generator's Adam learning rate. The default is 2e-4, from the DCGAN paper (Radford et al. 2015).</summary>
    public double GeneratorLearningRate { get; init; } = 2e-4;

    /// <summary>The discriminator's Adam learning rate. The default is 2e-4, from the DCGAN paper.</summary>
    public double DiscriminatorLearningRate { get; init; } = 2e-4;

    /// <summary>Adam's β1 for both networks. The default is 0.5 (DCGAN): Adam's usual 0.9 made their training oscillate.</summary>
    public double Beta1 { get; init; } = 0.5;

    /// <summary>Adam's β2 for both networks. The default is 0.999, Adam's own.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>The losses. The default is <see cref="GanLoss.NonSaturating"/>, as Goodfellow et al. recommend in practice.</summary>
    public GanLoss Loss { get; init; } = GanLoss.NonSaturating;

    /// <summary>γ of the <see cref="R1Penalty"/>. The default is 0: off, as in Goodfellow et al. 2014 and DCGAN.</summary>
    public double R1Weight { get; init; }

    /// <summary>
    /// Decays both learning rates linearly to 0 over this many steps (as pix2pix and CycleGAN do in their second half):
    /// step t runs at rate × (1 − t / steps). The default is 0: constant rates. Steps beyond it would run at rate 0, so
    /// the trainer refuses them.
    /// </summary>
    public int LearningRateDecaySteps { get; init; }

    /// <summary>
    /// The optimizer of both networks. The default is <see cref="GanOptimizer.Adam"/>; the original WGAN used
    /// <see cref="GanOptimizer.RMSprop"/> (learning rate 5e-5), because Adam made its clipped critic unstable.
    /// </summary>
    public GanOptimizer Optimizer { get; init; } = GanOptimizer.Adam;

    /// <summary>λ of the WGAN-GP <see cref="GradientPenalty"/>. The default is 0: off. The paper uses 10, with <see cref="GanLoss.Wasserstein"/>.</summary>
    public double GradientPenaltyWeight { get; init; }

    /// <summary>c of the original WGAN's <see cref="WeightClipping"/> of D after every pass 1. The default is 0: off. The paper uses 0.01.</summary>
    public double WeightClip { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(BatchSize >= 1, $"{nameof(GanTrainerOptions)}.{nameof(BatchSize)} must be at least 1, not {BatchSize}.");
        Require(DiscriminatorSteps >= 1, $"{nameof(GanTrainerOptions)}.{nameof(DiscriminatorSteps)} must be at least 1, not {DiscriminatorSteps}.");
        Require(GeneratorLearningRate > 0 && double.IsFinite(GeneratorLearningRate), $"{nameof(GanTrainerOptions)}.{nameof(GeneratorLearningRate)} must be a positive number, not {GeneratorLearningRate}.");
        Require(DiscriminatorLearningRate > 0 && double.IsFinite(DiscriminatorLearningRate), $"{nameof(GanTrainerOptions)}.{nameof(DiscriminatorLearningRate)} must be a positive number, not {DiscriminatorLearningRate}.");
        Require(Beta1 is >= 0 and < 1, $"{nameof(GanTrainerOptions)}.{nameof(Beta1)} must be in [0, 1), not {Beta1}.");
        Require(Beta2 is >= 0 and < 1, $"{nameof(GanTrainerOptions)}.{nameof(Beta2)} must be in [0, 1), not {Beta2}.");
        Require(R1Weight >= 0 && double.IsFinite(R1Weight), $"{nameof(GanTrainerOptions)}.{nameof(R1Weight)} must be 0 (off) or a positive number, not {R1Weight}.");
        Require(Loss is not null, $"{nameof(GanTrainerOptions)}.{nameof(Loss)} must be set.");
        Require(LearningRateDecaySteps >= 0, $"{nameof(GanTrainerOptions)}.{nameof(LearningRateDecaySteps)} must be 0 (constant rates) or a number of steps, not {LearningRateDecaySteps}.");
        Require(Enum.IsDefined(Optimizer), $"{nameof(GanTrainerOptions)}.{nameof(Optimizer)} must be one of {string.Join(", ", Enum.GetNames<GanOptimizer>())}, not {Optimizer}.");
        Require(GradientPenaltyWeight >= 0 && double.IsFinite(GradientPenaltyWeight), $"{nameof(GanTrainerOptions)}.{nameof(GradientPenaltyWeight)} must be 0 (off) or a positive number, not {GradientPenaltyWeight}.");
        Require(WeightClip >= 0 && double.IsFinite(WeightClip), $"{nameof(GanTrainerOptions)}.{nameof(WeightClip)} must be 0 (off) or a positive number, not {WeightClip}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}

/// <summary>The optimizers <see cref="GanTrainer"/> can use for both networks.</summary>
public enum GanOptimizer
{
    /// <summary>Adam with <see cref="GanTrainerOptions.Beta1"/> and <see cref="GanTrainerOptions.Beta2"/> (Kingma and Ba 2015).</summary>
    Adam,

    /// <summary>RMSprop with PyTorch's defaults (α 0.99, ε 1e-8), as the original WGAN; the betas are not used.</summary>
    RMSprop,
}
