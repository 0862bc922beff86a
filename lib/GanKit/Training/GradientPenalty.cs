using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The gradient penalty of WGAN-GP (Gulrajani et al. 2017): the critic also minimises λ · E[(‖∇ₓ score(x̂)‖ − 1)²] at
/// points x̂ = αx + (1 − α)G(z) between real and generated samples (α uniform in [0, 1] per sample), which keeps it close
/// to 1-Lipschitz where it matters without clipping its weights. <see cref="GanTrainer"/> adds it to pass 1 when
/// <see cref="GanTrainerOptions.GradientPenaltyWeight"/> is above 0. Introduced in chapter 04.
/// </summary>
public static class GradientPenalty
{
    /// <summary>
    /// λ · the batch mean of (‖∇ₓ score(x̂)‖ − 1)² on interpolates of <paramref name="real"/> and <paramref name="generated"/>
    /// (same shape, batch first). The gradient is taken with <c>create_graph</c>, so a backward pass through the penalty —
    /// a second derivative — reaches the critic's weights.
    /// </summary>
    /// <param name="critic">Maps samples to raw scores (batch, 1).</param>
    /// <param name="real">A batch of real samples.</param>
    /// <param name="generated">As many generated samples, without gradient to G.</param>
    /// <param name="weight">λ; the paper uses 10.</param>
    /// <param name="random">Draws α; <c>null</c> uses TorchSharp's global generator.</param>
    /// <exception cref="ArgumentException">The batches differ in shape or are empty.</exception>
    public static Tensor Compute(nn.Module<Tensor, Tensor> critic, Tensor real, Tensor generated, double weight, Generator? random = null)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(generated);
        if (!real.shape.SequenceEqual(generated.shape) || real.dim() == 0 || real.shape[0] == 0)
        {
            throw new ArgumentException(
                $"The real and generated batches must have one non-empty shape, not [{string.Join(", ", real.shape)}] and [{string.Join(", ", generated.shape)}].",
                nameof(generated));
        }

        long[] mixShape = [real.shape[0], .. Enumerable.Repeat(1L, (int)real.dim() - 1)];                 // one α per sample
        var alpha = rand(mixShape, dtype: real.dtype, device: real.device, generator: random);
        var between = (alpha * real.detach() + (1 - alpha) * generated.detach()).requires_grad_(true);  // x̂, like real
        var scores = critic.call(between);                                                              // (batch, 1)
        var gradient = autograd.grad([scores.sum()], [between], retain_graph: true, create_graph: true)[0];
        var norms = linalg.vector_norm(gradient.flatten(1), dims: [1]);                                  // (batch)
        return (norms - 1).square().mean() * weight;
    }
}
