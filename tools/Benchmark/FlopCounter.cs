using GanKit.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// Counts the floating-point operations of a training step from the layers' shapes: each Linear, Conv2d and
/// ConvTranspose2d layer does one multiply and one add per weight use (2 FLOPs), captured with forward hooks on one
/// small batch. Biases, normalisation, activations, losses and the optimizer's update are left out: they are a few
/// operations per value, against hundreds or thousands per output in the layers counted.
/// </summary>
internal static class FlopCounter
{
    /// <summary>
    /// The FLOPs of one training step at <paramref name="batchSize"/> from the forward FLOPs per sample of G and D. It
    /// uses the usual approximation that a forward and backward pass together cost about 3 forward passes (backward
    /// computes the gradients of both the input and the weights, each about as much work as the forward pass):
    /// <list type="bullet">
    /// <item>pass 1: G forward without gradient on a batch, and D forward and backward on two batches (real and generated): G + 3 × 2 × D;</item>
    /// <item>pass 2: G forward and backward, and D forward and backward through to its input: 3 × G + 3 × D;</item>
    /// <item>with the R1 penalty (<paramref name="r1"/>), pass 1 also takes the gradient of D's score on the real batch
    /// with respect to its input (about 1 × D) and back-propagates through that gradient to D's weights (about 2 × D): 3 × D.</item>
    /// </list>
    /// In pass 2 D's weights are frozen, so their gradients are not computed: counting 3 × D there slightly overcounts.
    /// </summary>
    public static double PerTrainingStep(double generatorPerSample, double discriminatorPerSample, int batchSize, bool r1) =>
        batchSize * ((4 * generatorPerSample) + ((r1 ? 12 : 9) * discriminatorPerSample));

    /// <summary>The forward FLOPs per sample of G and of D (on G's output), counted on a batch of two in evaluation mode.</summary>
    public static (double Generator, double Discriminator) ForwardPerSample(GeneratorNetwork generator, nn.Module<Tensor, Tensor> discriminator, Device device)
    {
        const int samples = 2;   // batch normalisation in training mode would want more than one; evaluation mode takes any
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        var noise = randn(samples, generator.NoiseSize, device: device);
        var generatorFlops = Count(generator, () => generator.call(noise));
        var generated = generator.call(noise);
        var discriminatorFlops = Count(discriminator, () => discriminator.call(generated));
        return (generatorFlops / samples, discriminatorFlops / samples);
    }

    private static double Count(nn.Module<Tensor, Tensor> network, Action runOnce)
    {
        var flops = 0.0;
        var hooks = new List<nn.Module<Tensor, Tensor>.HookRemover>();
        foreach (var module in network.modules())
        {
            if (module.children().Any() || module is not nn.Module<Tensor, Tensor> layer)
            {
                continue;   // containers: their layers are counted one by one
            }

            hooks.Add(layer.register_forward_hook((self, input, output) =>
            {
                flops += LayerFlops(self, input, output);
                return output;
            }));
        }

        var training = network.training;
        try
        {
            network.eval();
            runOnce();
        }
        finally
        {
            network.train(training);
            foreach (var hook in hooks)
            {
                hook.remove();
            }
        }

        return flops;
    }

    // 2 FLOPs per multiply–add. Linear: every output value sums in_features products (weight: out × in). Conv2d: every
    // output value sums (in / groups) × kH × kW products (weight: out × in/groups × kH × kW). ConvTranspose2d: every
    // input value is spread over (out / groups) × kH × kW outputs (weight: in × out/groups × kH × kW).
    private static double LayerFlops(nn.Module<Tensor, Tensor> layer, Tensor input, Tensor output) => layer switch
    {
        Linear linear => 2.0 * output.numel() * linear.weight!.shape[1],
        Conv2d convolution => 2.0 * output.numel() * convolution.weight!.shape[1] * convolution.weight.shape[2] * convolution.weight.shape[3],
        ConvTranspose2d transposed => 2.0 * input.numel() * transposed.weight!.shape[1] * transposed.weight.shape[2] * transposed.weight.shape[3],
        _ => 0,
    };
}
