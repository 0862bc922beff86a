using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The original WGAN's way to keep the critic Lipschitz (Arjovsky et al. 2017): after every update, clamp each weight
/// into [−c, c]. The paper calls it "a clearly terrible way" to do so: too small a c makes gradients vanish, too large
/// a c makes the critic slow to train. <see cref="GanTrainer"/> applies it after pass 1 when
/// <see cref="GanTrainerOptions.WeightClip"/> is above 0. Introduced in chapter 04.
/// </summary>
public static class WeightClipping
{
    /// <summary>Clamps every parameter of <paramref name="network"/> into [−<paramref name="bound"/>, <paramref name="bound"/>], in place.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is not a positive number.</exception>
    public static void Clip(nn.Module network, double bound)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (!(bound > 0) || !double.IsFinite(bound))
        {
            throw new ArgumentOutOfRangeException(nameof(bound), bound, "The clipping bound c must be a positive number (the WGAN paper uses 0.01).");
        }

        using var noGradient = no_grad();
        foreach (var parameter in network.parameters())
        {
            parameter.clamp_(-bound, bound);
        }
    }
}
