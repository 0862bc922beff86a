using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The R1 gradient penalty of Mescheder, Geiger and Nowozin (2018), "Which training methods for GANs do actually
/// converge?": the discriminator also minimises γ/2 · E‖∇ₓ score(x)‖² over real samples x, so its score stays flat where
/// the real data are. Their intuition: a steep score there keeps pushing the generator back and forth around the data.
/// They show that unregularised training can circle round an equilibrium without reaching it (their "Dirac-GAN"
/// example) and prove that with this penalty it converges locally, near an equilibrium where the generator reproduces
/// the data (Theorem 4.1, for small enough learning rates). <see cref="GanTrainer"/> adds it to pass 1
/// when <see cref="GanTrainerOptions.R1Weight"/> is above 0; chapter 05's shipped generator was finished with it.
/// </summary>
internal static class R1Penalty
{
    /// <summary>
    /// γ/2 · the batch mean of ‖∇ₓ score(x)‖², where <paramref name="realScores"/> (batch, 1) = D(<paramref name="realInput"/>)
    /// and <paramref name="realInput"/> requires gradient. The gradient is taken with <c>create_graph</c>, so a backward pass
    /// through the result reaches D's weights.
    /// </summary>
    /// <param name="realInput">The real batch, batch first, made a leaf that requires gradient before D was called on it.</param>
    /// <param name="realScores">D's raw scores on <paramref name="realInput"/>.</param>
    /// <param name="weight">γ; 0 gives a zero penalty.</param>
    /// <exception cref="ArgumentException"><paramref name="realInput"/> does not require gradient.</exception>
    public static Tensor Compute(Tensor realInput, Tensor realScores, double weight)
    {
        ArgumentNullException.ThrowIfNull(realInput);
        ArgumentNullException.ThrowIfNull(realScores);
        if (!realInput.requires_grad)
        {
            throw new ArgumentException("The real batch must require gradient before D scores it (x.detach().requires_grad_(true)): R1 differentiates the score with respect to it.", nameof(realInput));
        }

        var gradient = autograd.grad([realScores.sum()], [realInput], retain_graph: true, create_graph: true)[0];   // like x
        return gradient.square().flatten(1).sum(1).mean() * (weight / 2);
    }
}
