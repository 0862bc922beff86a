using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The two optimizers of an adversarial run, made from <see cref="GanTrainerOptions"/> (Adam or RMSprop, one per
/// network), with the options' linear learning-rate decay applied before each step. Shared by <see cref="GanTrainer"/>
/// and <see cref="ConditionalGanTrainer"/>.
/// </summary>
internal sealed class AdversarialOptimizers
{
    private readonly GanTrainerOptions options;

    /// <summary>One optimizer per network, each at its own rate from <paramref name="options"/>.</summary>
    /// <param name="options">The optimizer, its rates and betas, and the decay schedule.</param>
    /// <param name="generator">The network G.</param>
    /// <param name="discriminator">The network D, or <c>null</c> when the run has none (a pixel-loss-only run).</param>
    public AdversarialOptimizers(GanTrainerOptions options, nn.Module generator, nn.Module? discriminator)
    {
        this.options = options;
        Generator = Create(generator, options.GeneratorLearningRate);
        Discriminator = discriminator is null ? null : Create(discriminator, options.DiscriminatorLearningRate);
    }

    public optim.Optimizer Generator { get; }

    public optim.Optimizer? Discriminator { get; }

    /// <summary>Sets the rates of step <paramref name="completedSteps"/> + 1 (<see cref="GanTrainerOptions.LearningRateDecaySteps"/>).</summary>
    /// <exception cref="InvalidOperationException">The rates have already decayed to 0.</exception>
    public void PrepareStep(int completedSteps)
    {
        if (options.LearningRateDecaySteps <= 0)
        {
            return;
        }

        if (completedSteps >= options.LearningRateDecaySteps)
        {
            throw new InvalidOperationException(
                $"The learning rates have decayed to 0 after {options.LearningRateDecaySteps:N0} steps ({nameof(GanTrainerOptions.LearningRateDecaySteps)}): further steps would change nothing. Set it to the number of steps you train.");
        }

        var remaining = 1 - ((double)completedSteps / options.LearningRateDecaySteps);   // step t + 1 runs at rate × (1 − t / N)
        SetLearningRate(Generator, options.GeneratorLearningRate * remaining);
        if (Discriminator is not null)
        {
            SetLearningRate(Discriminator, options.DiscriminatorLearningRate * remaining);
        }
    }

    /// <summary>
    /// ‖∇θ loss‖ over all of <paramref name="network"/>'s parameters together: the norm of the per-parameter norms, each
    /// read in place in 32-bit floats (a float64 copy of every gradient cost 4–7 % of a fully-connected GAN's step).
    /// </summary>
    public static double GradientNorm(nn.Module network)
    {
        using var scope = NewDisposeScope();
        var norms = new List<Tensor>();
        foreach (var parameter in network.parameters())
        {
            // .grad makes a new handle on each read; released at once, so it never holds the gradient past this step.
            using var gradient = parameter.grad;
            if (gradient is not null)
            {
                norms.Add(linalg.vector_norm(gradient));
            }
        }

        return norms.Count == 0 ? 0 : linalg.vector_norm(stack(norms)).item<float>();
    }

    /// <summary>The value of <paramref name="loss"/>, checked before any update, so NaN never reaches the weights.</summary>
    /// <exception cref="TrainingDivergedException">The loss is NaN or infinite; the message says what to try.</exception>
    public double Finite(Tensor loss, string network, int completedSteps)
    {
        var value = loss.item<float>();
        if (!float.IsFinite(value))
        {
            throw new TrainingDivergedException(
                $"The {network} loss became {value} at step {completedSteps + 1}: training diverged. Lower the learning rates " +
                $"(now G {options.GeneratorLearningRate}, D {options.DiscriminatorLearningRate}), check the data for NaN, or start again from another seed.");
        }

        return value;
    }

    private static void SetLearningRate(optim.Optimizer optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    private optim.Optimizer Create(nn.Module network, double learningRate) => options.Optimizer switch
    {
        GanOptimizer.RMSprop => optim.RMSProp(network.parameters(), learningRate),
        _ => optim.Adam(network.parameters(), learningRate, options.Beta1, options.Beta2),
    };
}
