using GanKit.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Benchmark;

/// <summary>
/// The least a TorchSharp user would write to train a GAN the way GanKit's trainer does, without GanKit's trainer: the
/// same two passes, losses, Adam settings and R1 penalty (when the options ask for one), but no loss checks, verdicts,
/// gradient norm or thread policy. What GanKit costs on top is the difference between the two loops' rates.
/// </summary>
internal sealed class HandWrittenLoop
{
    private readonly GeneratorNetwork generator;
    private readonly nn.Module<Tensor, Tensor> discriminator;
    private readonly optim.Optimizer generatorOptimizer;
    private readonly optim.Optimizer discriminatorOptimizer;
    private readonly int batchSize;
    private readonly double r1Weight;
    private readonly Device device;

    /// <summary>Adam with <paramref name="options"/>' rates and betas for each network, and its R1 weight (0: none).</summary>
    public HandWrittenLoop(GeneratorNetwork generator, nn.Module<Tensor, Tensor> discriminator, GanKit.Training.GanTrainerOptions options, Device device)
    {
        this.generator = generator;
        this.discriminator = discriminator;
        batchSize = options.BatchSize;
        r1Weight = options.R1Weight;
        this.device = device;
        generatorOptimizer = optim.Adam(generator.parameters(), options.GeneratorLearningRate, options.Beta1, options.Beta2);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), options.DiscriminatorLearningRate, options.Beta1, options.Beta2);
    }

    /// <summary>The generator, whose gradients the last step left behind (for timing GanKit's extras on them).</summary>
    public GeneratorNetwork Generator => generator;

    /// <summary>One step: pass 1 (D learns on a real batch and as many generated samples), then pass 2 (G learns through a frozen D).</summary>
    public void Step(Func<Tensor> nextRealBatch)
    {
        using (NewDisposeScope())
        {
            var real = r1Weight > 0 ? nextRealBatch().requires_grad_(true) : nextRealBatch();
            Tensor generated;
            using (no_grad())
            {
                generated = generator.call(randn(batchSize, generator.NoiseSize, device: device));
            }

            // The non-saturating pair on raw scores: softplus(−s) = −log σ(s), the binary cross-entropy with logits.
            var realScores = discriminator.call(real);
            var loss = softplus(-realScores).mean() + softplus(discriminator.call(generated)).mean();
            if (r1Weight > 0)
            {
                // R1: γ/2 · the batch mean of the squared gradient of D's score at the real digits.
                var gradient = autograd.grad([realScores.sum()], [real], retain_graph: true, create_graph: true)[0];
                loss += gradient.square().flatten(1).sum(1).mean() * (r1Weight / 2);
            }

            discriminatorOptimizer.zero_grad();
            loss.backward();
            discriminatorOptimizer.step();
        }

        using (NewDisposeScope())
        {
            SetTrainable(discriminator, false);   // gradients flow through D into G, not into D's weights
            var scores = discriminator.call(generator.call(randn(batchSize, generator.NoiseSize, device: device)));
            var loss = softplus(-scores).mean();
            generatorOptimizer.zero_grad();
            loss.backward();
            generatorOptimizer.step();
            SetTrainable(discriminator, true);
        }
    }

    private static void SetTrainable(nn.Module network, bool trainable)
    {
        foreach (var parameter in network.parameters())
        {
            parameter.requires_grad = trainable;
        }
    }
}
