using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The R1 gradient penalty (Mescheder et al. 2018): D also minimises γ/2 · E‖∇ₓ score(x)‖² over real x, so its score
/// stays flat at the data instead of pushing G back and forth around it; with it, training converges locally.
/// <see cref="GanTrainer"/> adds it to pass 1 when <see cref="GanTrainerOptions.R1Weight"/> is above 0.
/// </summary>
internal static class R1Penalty
{
    /// <summary>
    /// γ/2 · the batch mean of ‖∇ₓ score(x)‖² for <paramref name="realScores"/> = D(<paramref name="realInput"/>), taken
    /// with <c>create_graph</c> so a backward pass through it reaches D's weights.
    /// </summary>
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
