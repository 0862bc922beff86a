using GanKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// Chapter 05's digit GANs (<see cref="DigitGanModel"/>) as the notebook and <c>tools/Digits train-gan</c> build, train
/// and sample them. Generators draw (batch, 1, 28, 28) in (−1, 1); <see cref="Sample"/> maps them to [0, 1].
/// Introduced in chapter 05.
/// </summary>
public static class DigitGan
{
    /// <summary>The DCGAN's full training length in steps.</summary>
    public const int DcganSteps = 10_000;

    /// <summary>The fully-connected GAN's full training length in steps.</summary>
    public const int MlpSteps = 5_000;

    /// <summary>The pretrained generator's file name in <c>data/generator/</c>.</summary>
    public const string PretrainedFileName = "dcgan-generator.bin";

    /// <summary>
    /// The shipped DCGAN generator from <paramref name="folder"/> (from a notebook: <c>../data/generator</c>), checked
    /// against its <c>SHA256SUMS</c>: what chapter 06 starts from, and what chapter 05 uses when it skips training.
    /// </summary>
    /// <exception cref="Data.DataFileException">The file is missing, corrupt or not such a generator; it is left as it is.</exception>
    public static DcganGenerator LoadPretrained(string folder, Device? device = null)
    {
        var recipe = Recipe(DigitGanModel.Dcgan);
        var generator = Data.ShippedWeights.Load(folder, PretrainedFileName, new DcganGenerator(recipe.NoiseSize, recipe.Width), device);
        generator.train();   // sample with batch statistics, as during training (see Sample)
        return generator;
    }

    /// <summary>The settings chapter 05 trains <paramref name="model"/> with.</summary>
    public static DigitGanRecipe Recipe(DigitGanModel model) => model switch
    {
        // Width 32, narrower than the DCGAN paper's, to fit a CPU, with a discriminator twice as wide, no dropout, the R1
        // penalty from the first step and rates of 1e-3: the recipe that met the bar soonest (data/generator/recipe-trials.json).
        DigitGanModel.Dcgan => new DigitGanRecipe(model, "DCGAN", NoiseSize: 100, Width: 32,
            new GanTrainerOptions { GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-3, R1Weight = 1 },
            AverageDecay: 0.999, DiscriminatorDropout: 0, DiscriminatorWidth: 64),
        DigitGanModel.Mlp => new DigitGanRecipe(model, "fully-connected GAN", NoiseSize: 100, Width: 0, new GanTrainerOptions(), AverageDecay: 0.999),
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Choose DigitGanModel.Dcgan or DigitGanModel.Mlp."),
    };

    /// <summary>A new, untrained generator and discriminator for <paramref name="recipe"/>.</summary>
    public static (GeneratorNetwork Generator, nn.Module<Tensor, Tensor> Discriminator) Build(DigitGanRecipe recipe, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        recipe.Validate();
        (GeneratorNetwork generator, nn.Module<Tensor, Tensor> discriminator) = recipe.Model switch
        {
            DigitGanModel.Dcgan => ((GeneratorNetwork)new DcganGenerator(recipe.NoiseSize, recipe.Width), (nn.Module<Tensor, Tensor>)new DcganDiscriminator(recipe.DiscriminatorChannels, recipe.DiscriminatorDropout)),
            DigitGanModel.Mlp => (new MlpGenerator(recipe.NoiseSize, 28 * 28, [256, 512, 1024], tanhOutput: true, sampleShape: [1, 28, 28]), new MlpDiscriminator(28 * 28, [1024, 512, 256])),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Model, "Unknown digit GAN model."),
        };

        return device is null ? (generator, discriminator) : (generator.to(device), discriminator.to(device));
    }

    /// <summary>
    /// A trainer for a new GAN of <paramref name="recipe"/>, with the generator's weight average if the recipe keeps one.
    /// Seed first for reproducible weights; sample from <see cref="GanTrainer.Sampler"/>.
    /// </summary>
    public static GanTrainer CreateTrainer(DigitGanRecipe recipe, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        var (generator, discriminator) = Build(recipe, device);
        var average = recipe.AverageDecay > 0 ? new ExponentialMovingAverage(generator, Build(recipe, device).Generator, recipe.AverageDecay) : null;
        return new GanTrainer(generator, discriminator, recipe.Options, device, average);
    }

    /// <summary><paramref name="count"/> digits (count, 1, 28, 28) in [0, 1], made in batches without gradient.</summary>
    public static Tensor Sample(GeneratorNetwork generator, int count, Device? device = null, int batchSize = 1_000)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        var parts = new List<Tensor>();
        for (var start = 0; start < count; start += batchSize)
        {
            parts.Add(generator.call(randn(Math.Min(batchSize, count - start), generator.NoiseSize, device: device ?? CPU)));
        }

        return ((cat(parts, 0) + 1) / 2).clamp(0, 1).MoveToOuterDisposeScope();
    }
}
