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
/// One of chapter 05's digit GANs with the settings it trains with: the networks' sizes, the trainer's knobs and the
/// decay of the generator's weight average (0: none).
/// </summary>
/// <param name="Model">Which networks.</param>
/// <param name="Name">What the course calls it.</param>
/// <param name="NoiseSize">The length of the noise vector z.</param>
/// <param name="Width">The DCGAN's channel width (the fully-connected GAN has fixed layer widths).</param>
/// <param name="Options">The trainer's knobs.</param>
/// <param name="AverageDecay">The decay of <see cref="ExponentialMovingAverage"/> for the generator; 0 samples from the trained weights.</param>
/// <param name="DiscriminatorDropout">
/// The DCGAN discriminator's dropout probability. It has no weights, so a run can continue from a checkpoint with
/// another value.
/// </param>
public sealed record DigitGanRecipe(DigitGanModel Model, string Name, int NoiseSize, int Width, GanTrainerOptions Options, double AverageDecay, double DiscriminatorDropout = 0.3);
