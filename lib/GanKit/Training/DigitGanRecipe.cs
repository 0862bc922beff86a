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
/// fully-connected GAN's layers are fixed); <c>AverageDecay</c> that of the generator's
/// <see cref="ExponentialMovingAverage"/> (0: none); the dropout has no weights, so a resumed run may change it.
/// </summary>
public sealed record DigitGanRecipe(DigitGanModel Model, string Name, int NoiseSize, int Width, GanTrainerOptions Options, double AverageDecay, double DiscriminatorDropout = 0.3);
