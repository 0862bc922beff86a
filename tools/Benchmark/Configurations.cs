using GanKit.Models;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>What a configuration trains on: MNIST digits in (−1, 1), or points from chapter 04's ring of Gaussians.</summary>
internal enum RealSamples
{
    Digits,
    Ring,
}

/// <summary>
/// One training loop of the course to measure: its networks (built the way the course builds them), its batch size and
/// trainer options, and what its real batches are. <c>Recipe</c> is the chapter 05 recipe the networks come from, or null
/// for chapter 04's 2-D GAN.
/// </summary>
internal sealed record Configuration(string Name, string Description, int BatchSize, RealSamples Samples, GanTrainerOptions Options, Func<Device, (GeneratorNetwork Generator, nn.Module<Tensor, Tensor> Discriminator)> Build, DigitGanRecipe? Recipe = null)
{
    /// <summary>What the PyTorch twin must copy beyond the name: the rates, betas and R1 weight, and the DCGAN's widths and dropout.</summary>
    public Dictionary<string, double> TwinSettings() => new()
    {
        ["g_lr"] = Options.GeneratorLearningRate,
        ["d_lr"] = Options.DiscriminatorLearningRate,
        ["beta1"] = Options.Beta1,
        ["beta2"] = Options.Beta2,
        ["r1"] = Options.R1Weight,
        ["width"] = Recipe?.Width ?? 0,
        ["discriminator_width"] = Recipe is { Width: > 0 } recipe ? recipe.DiscriminatorChannels : 0,
        ["dropout"] = Recipe?.DiscriminatorDropout ?? 0,
    };
}

/// <summary>The configurations the benchmark knows, by name.</summary>
internal static class Configurations
{
    /// <summary>Chapter 04's 2-D networks: three hidden layers of 128 units each, leaky ReLU, 2-D noise.</summary>
    private static readonly int[] ToyHidden = [128, 128, 128];

    /// <summary>Every configuration, in the order a run measures them.</summary>
    public static IReadOnlyList<Configuration> All { get; } =
    [
        Digit(DigitGanModel.Dcgan, "dcgan", 64),
        Digit(DigitGanModel.Dcgan, "dcgan", 128),
        Digit(DigitGanModel.Mlp, "mlp", 64),
        Digit(DigitGanModel.Mlp, "mlp", 128),
        new Configuration("toy2d-256", "chapter 04's 2-D GAN (ring of 8 Gaussians)", 256, RealSamples.Ring, new GanTrainerOptions { BatchSize = 256 },
            device => (new MlpGenerator(2, outputSize: 2, hidden: ToyHidden).to(device), new MlpDiscriminator(inputSize: 2, hidden: ToyHidden).to(device))),
    ];

    /// <summary>The names, as <c>--configs</c> takes them.</summary>
    public static IEnumerable<string> Names => All.Select(configuration => configuration.Name);

    /// <summary>The configuration called <paramref name="name"/> (ignoring case), or null.</summary>
    public static Configuration? Find(string name) =>
        All.FirstOrDefault(configuration => string.Equals(configuration.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    // Chapter 05's recipe at the given batch size, without the generator's weight average: the hand-written loop keeps
    // none, so both loops do the same work.
    private static Configuration Digit(DigitGanModel model, string prefix, int batchSize)
    {
        var recipe = DigitGan.Recipe(model);
        recipe = recipe with { AverageDecay = 0, Options = recipe.Options with { BatchSize = batchSize } };
        return new Configuration($"{prefix}-{batchSize}", $"chapter 05's {recipe.Name}", batchSize, RealSamples.Digits, recipe.Options,
            device => DigitGan.Build(recipe, device), recipe);
    }
}
