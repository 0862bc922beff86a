namespace GanKit.Training;

/// <summary>Chapter 05's two digit GANs.</summary>
public enum DigitGanModel
{
    /// <summary>A DCGAN: transposed convolutions up to 28 × 28 and convolutions back down.</summary>
    Dcgan,   // first, so it is the default value

    /// <summary>The article's fully-connected GAN (100 → 256 → 512 → 1024 → 784 and back down to one score).</summary>
    Mlp,
}

/// <summary>
/// One of chapter 05's digit GANs with the settings it trains with. <c>Width</c> is the DCGAN's channel width (the
/// fully-connected GAN's layers are fixed) and <c>DiscriminatorWidth</c> its discriminator's when it differs (null: the
/// same); <c>AverageDecay</c> that of the generator's <see cref="ExponentialMovingAverage"/> (0: none); the dropout has no
/// weights, so a resumed run may change it.
/// </summary>
public sealed record DigitGanRecipe(DigitGanModel Model, string Name, int NoiseSize, int Width, GanTrainerOptions Options, double AverageDecay, double DiscriminatorDropout = 0.3, int? DiscriminatorWidth = null)
{
    /// <summary>The DCGAN discriminator's channel width: <c>DiscriminatorWidth</c>, or <c>Width</c> when that is null.</summary>
    public int DiscriminatorChannels => DiscriminatorWidth ?? Width;

    /// <summary>Checks every setting by name; <c>DigitGan.Build</c> calls it before any network is made.</summary>
    /// <exception cref="ArgumentException">A setting that cannot work; the message names it and the values allowed.</exception>
    public void Validate()
    {
        Require(Enum.IsDefined(Model), $"{nameof(DigitGanRecipe)}.{nameof(Model)} must be {string.Join(" or ", Enum.GetNames<DigitGanModel>().Select(name => $"DigitGanModel.{name}"))}, not {Model}.");
        Require(NoiseSize >= 1, $"{nameof(DigitGanRecipe)}.{nameof(NoiseSize)} must be at least 1, not {NoiseSize}.");
        Require(Model != DigitGanModel.Dcgan || Width >= 1, $"{nameof(DigitGanRecipe)}.{nameof(Width)} must be at least 1 for the DCGAN (its recipe has 32), not {Width}.");
        Require(Model != DigitGanModel.Mlp || Width == 0, $"{nameof(DigitGanRecipe)}.{nameof(Width)} must be 0 for the fully-connected GAN, whose layers are fixed, not {Width}; for a wider DCGAN use DigitGanModel.Dcgan.");
        Require(DiscriminatorWidth is null || (Model == DigitGanModel.Dcgan && DiscriminatorWidth >= 1), $"{nameof(DigitGanRecipe)}.{nameof(DiscriminatorWidth)} must be null (the generator's width) or, for the DCGAN only, at least 1, not {DiscriminatorWidth}.");
        Require(AverageDecay is >= 0 and < 1, $"{nameof(DigitGanRecipe)}.{nameof(AverageDecay)} must be at least 0 (no average) and below 1, not {AverageDecay}.");
        Require(DiscriminatorDropout is >= 0 and < 1, $"{nameof(DigitGanRecipe)}.{nameof(DiscriminatorDropout)} must be at least 0 and below 1, not {DiscriminatorDropout}.");
        if (Options is null)
        {
            throw new ArgumentException($"{nameof(DigitGanRecipe)}.{nameof(Options)} must be set (new GanTrainerOptions() for the defaults).");
        }

        Options.Validate();
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
