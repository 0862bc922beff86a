namespace GanKit.Training;

/// <summary>
/// The knobs of <see cref="ConditionalGanTrainer"/>: chapter 03's <see cref="GanTrainerOptions"/> for the two passes,
/// plus an optional pixel loss against the paired target (pix2pix, Isola et al. 2017; SRGAN, Ledig et al. 2017).
/// Introduced in chapter 06.
/// </summary>
public sealed record ConditionalGanOptions
{
    /// <summary>Batch size, learning rates, betas, loss, R1, decay, optimizer and clipping, as for <see cref="GanTrainer"/>.</summary>
    public GanTrainerOptions Gan { get; init; } = new();

    /// <summary>Whether D is trained and G learns from its verdict. The default is <c>true</c>; <c>false</c> trains G by the pixel loss alone.</summary>
    public bool Adversarial { get; init; } = true;

    /// <summary>The weight λ of the pixel loss in G's objective, adversarial loss + λ · pixel loss. The default is 0: none.</summary>
    public double PixelWeight { get; init; }

    /// <summary>How the pixel loss compares a generated sample with its target. The default is <see cref="PixelLoss.L1"/>, as pix2pix.</summary>
    public PixelLoss PixelLoss { get; init; } = PixelLoss.L1;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first setting that cannot work.</summary>
    public void Validate()
    {
        if (Gan is null)
        {
            throw new ArgumentException($"{nameof(ConditionalGanOptions)}.{nameof(Gan)} must be set.");
        }

        Gan.Validate();
        if (!(PixelWeight >= 0 && double.IsFinite(PixelWeight)))
        {
            throw new ArgumentException($"{nameof(ConditionalGanOptions)}.{nameof(PixelWeight)} must be 0 (no pixel loss) or a positive number, not {PixelWeight}.");
        }

        if (!Adversarial && PixelWeight == 0)
        {
            throw new ArgumentException($"With {nameof(Adversarial)} false the pixel loss is all G learns from: set {nameof(PixelWeight)} above 0.");
        }

        if (!Enum.IsDefined(PixelLoss))
        {
            throw new ArgumentException($"{nameof(ConditionalGanOptions)}.{nameof(PixelLoss)} must be one of {string.Join(", ", Enum.GetNames<PixelLoss>())}, not {PixelLoss}.");
        }

        if (Gan.GradientPenaltyWeight > 0)
        {
            throw new ArgumentException($"The conditional trainer has no WGAN-GP gradient penalty: set {nameof(GanTrainerOptions.GradientPenaltyWeight)} to 0 (R1 and weight clipping work).");
        }
    }
}

/// <summary>How <see cref="ConditionalGanTrainer"/>'s pixel loss measures the distance between a generated sample and its target.</summary>
public enum PixelLoss
{
    /// <summary>Mean absolute difference: pix2pix's choice, less blurring than the squared error.</summary>
    L1,

    /// <summary>Mean squared difference: what PSNR measures, and what SRGAN's pixel-only baseline (SRResNet) minimises.</summary>
    MeanSquared,
}
