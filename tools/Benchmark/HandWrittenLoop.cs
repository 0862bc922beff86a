using GanKit.Models;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Benchmark;

/// <summary>
/// The least a TorchSharp user would write to train a GAN the way GanKit's trainer does, without GanKit's trainer: the
/// same two passes, losses and Adam settings, but no loss checks, verdicts, gradient norm or thread policy. What GanKit
/// costs on top is the difference between the two loops' rates.
/// </summary>
internal sealed class HandWrittenLoop
{
    private readonly GeneratorNetwork generator;
    private readonly nn.Module<Tensor, Tensor> discriminator;
    private readonly optim.Optimizer generatorOptimizer;
    private readonly optim.Optimizer discriminatorOptimizer;
    private readonly int batchSize;
    private readonly Device device;

    /// <summary>Adam at 2e-4 with β = (0.5, 0.999) for both networks, GanTrainerOptions' defaults.</summary>
    public HandWrittenLoop(GeneratorNetwork generator, nn.Module<Tensor, Tensor> discriminator, int batchSize, Device device)
    {
        this.generator = generator;
        this.discriminator = discriminator;
        this.batchSize = batchSize;
        this.device = device;
        generatorOptimizer = optim.Adam(generator.parameters(), 2e-4, 0.5, 0.999);
        discriminatorOptimizer = optim.Adam(discriminator.parameters(), 2e-4, 0.5, 0.999);
    }

    /// <summary>The generator, whose gradients the last step left behind (for timing GanKit's extras on them).</summary>
    public GeneratorNetwork Generator => generator;

    /// <summary>One step: pass 1 (D learns on a real batch and as many generated samples), then pass 2 (G learns through a frozen D).</summary>
    public void Step(Func<Tensor> nextRealBatch)
    {
        using (NewDisposeScope())
        {
            var real = nextRealBatch();
            Tensor generated;
            using (no_grad())
            {
                generated = generator.call(randn(batchSize, generator.NoiseSize, device: device));
            }

            // The non-saturating pair on raw scores: softplus(−s) = −log σ(s), the binary cross-entropy with logits.
            var loss = softplus(-discriminator.call(real)).mean() + softplus(discriminator.call(generated)).mean();
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
