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

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        Require(BatchSize >= 1, $"{nameof(BatchSize)} must be at least 1, not {BatchSize}.");
        Require(DiscriminatorSteps >= 1, $"{nameof(DiscriminatorSteps)} must be at least 1, not {DiscriminatorSteps}.");
        Require(GeneratorLearningRate > 0 && double.IsFinite(GeneratorLearningRate), $"{nameof(GeneratorLearningRate)} must be a positive number, not {GeneratorLearningRate}.");
        Require(DiscriminatorLearningRate > 0 && double.IsFinite(DiscriminatorLearningRate), $"{nameof(DiscriminatorLearningRate)} must be a positive number, not {DiscriminatorLearningRate}.");
        Require(Beta1 is >= 0 and < 1, $"{nameof(Beta1)} must be in [0, 1), not {Beta1}.");
        Require(Beta2 is >= 0 and < 1, $"{nameof(Beta2)} must be in [0, 1), not {Beta2}.");
        Require(R1Weight >= 0 && double.IsFinite(R1Weight), $"{nameof(R1Weight)} must be 0 (off) or a positive number, not {R1Weight}.");
        Require(Loss is not null, $"{nameof(Loss)} must be set.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
