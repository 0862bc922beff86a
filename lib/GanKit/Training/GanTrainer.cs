using GanKit.Models;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// Trains a GAN in chapter 03's two passes: <see cref="TrainDiscriminator"/> (pass 1: G fixed, D learns to tell real from
/// generated, plus the <see cref="Training.R1Penalty"/> when asked) and <see cref="TrainGenerator"/> (pass 2: D frozen, G
/// learns to make D say "real"). <see cref="TrainStep"/> runs k passes 1 and one pass 2. Each pass runs in its own
/// dispose scope, so no tensor outlives it. Introduced in chapter 03; chapters 04 and 05 train with it.
/// </summary>
public sealed class GanTrainer
{
    private readonly AdversarialOptimizers optimizers;
    private readonly string loopName;   // for the thread policy: steps of one model and batch size take about as long

    /// <summary>Sets up the optimizer of <paramref name="options"/> (Adam unless asked otherwise) for both networks.</summary>
    /// <param name="generator">Maps noise to samples.</param>
    /// <param name="discriminator">Maps samples to raw scores (batch, 1).</param>
    /// <param name="options"><c>null</c> takes the defaults of <see cref="GanTrainerOptions"/>.</param>
    /// <param name="device">Where noise is made (default the CPU); put the models there too.</param>
    /// <param name="generatorAverage">An average of the generator's weights to update after every step and keep in checkpoints, or <c>null</c>.</param>
    /// <param name="random">
    /// Where the trainer's noise (and the gradient penalty's mixing) comes from: a generator of its own, on
    /// <paramref name="device"/>, makes a run independent of other runs in the same process; <c>null</c> uses
    /// TorchSharp's global generator (<c>manual_seed</c>).
    /// </param>
    /// <exception cref="ArgumentException">An option cannot work; the message names it.</exception>
    public GanTrainer(GeneratorNetwork generator, nn.Module<Tensor, Tensor> discriminator, GanTrainerOptions? options = null, Device? device = null, ExponentialMovingAverage? generatorAverage = null, Generator? random = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(discriminator);
        Generator = generator;
        Discriminator = discriminator;
        Options = options ?? new GanTrainerOptions();
        Options.Validate();
        Device = device ?? CPU;
        GeneratorAverage = generatorAverage;
        Random = random;
        optimizers = new AdversarialOptimizers(Options, generator, discriminator);
        loopName = $"{generator.GetType().Name} and {discriminator.GetType().Name} at batch {Options.BatchSize}";
    }

    /// <summary>Raised after each <see cref="TrainStep"/>, for live displays and logs.</summary>
    public event EventHandler<GanStepResult>? StepCompleted;

    public GanTrainerOptions Options { get; }

    public GeneratorNetwork Generator { get; }

    public nn.Module<Tensor, Tensor> Discriminator { get; }

    /// <summary>The generator to draw samples from: the weight average if there is one, else the generator.</summary>
    public GeneratorNetwork Sampler => GeneratorAverage?.Average ?? Generator;

    public ExponentialMovingAverage? GeneratorAverage { get; }

    /// <summary>The device noise is made on.</summary>
    public Device Device { get; }

    /// <summary>The trainer's own random generator, or <c>null</c> for TorchSharp's global one.</summary>
    public Generator? Random { get; }

    /// <summary>The number of completed <see cref="TrainStep"/> calls.</summary>
    public int Step { get; private set; }

    /// <summary>Draws <paramref name="count"/> noise vectors z ~ N(0, I) on <see cref="Device"/>: shape (count, noise size).</summary>
    public Tensor SampleNoise(long count) => randn(count, Generator.NoiseSize, device: Device, generator: Random);

    /// <summary>
    /// Pass 1: one update of D on <paramref name="realBatch"/> and as many samples made without gradient (G fixed), then
    /// the weight clipping if asked. The reported loss leaves out the R1 and gradient penalties.
    /// </summary>
    public DiscriminatorStepResult TrainDiscriminator(Tensor realBatch)
    {
        ArgumentNullException.ThrowIfNull(realBatch);
        if (realBatch.dim() == 0 || realBatch.shape[0] == 0)
        {
            throw new ArgumentException("The real batch is empty: pass at least one sample (batch first).", nameof(realBatch));
        }

        using var scope = NewDisposeScope();
        Tensor generated;
        using (no_grad())
        {
            generated = Generator.call(SampleNoise(realBatch.shape[0]));   // (batch, …) forgeries; G is fixed
        }

        var penalised = Options.R1Weight > 0;
        var realInput = penalised ? realBatch.detach().requires_grad_(true) : realBatch;   // R1 needs ∂score/∂x
        var realScores = Discriminator.call(realInput);                     // (batch, 1)
        var generatedScores = Discriminator.call(generated);                // (batch, 1)
        var loss = Options.Loss.DiscriminatorLoss(realScores, generatedScores);
        var objective = penalised ? loss + R1Penalty.Compute(realInput, realScores, Options.R1Weight) : loss;
        if (Options.GradientPenaltyWeight > 0)
        {
            objective += GradientPenalty.Compute(Discriminator, realBatch, generated, Options.GradientPenaltyWeight, Random);
        }

        var lossValue = optimizers.Finite(loss, "discriminator", Step);     // checked before the update: NaN never reaches the weights
        if (!ReferenceEquals(objective, loss))
        {
            optimizers.Finite(objective, "discriminator's penalised", Step);
        }

        optimizers.Discriminator!.zero_grad();
        objective.backward();
        optimizers.Discriminator.step();
        if (Options.WeightClip > 0)
        {
            WeightClipping.Clip(Discriminator, Options.WeightClip);
        }

        return new DiscriminatorStepResult(
            lossValue,
            Options.Loss.MeanVerdict(realScores),
            Options.Loss.MeanVerdict(generatedScores));
    }

    /// <summary>Pass 2: one update of G on <paramref name="batchSize"/> fresh samples; D's parameters are frozen meanwhile.</summary>
    public GeneratorStepResult TrainGenerator(long batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var scope = NewDisposeScope();
        using var frozen = new FrozenParameters(Discriminator);          // a layer frozen by the user stays frozen afterwards
        var generated = Generator.call(SampleNoise(batchSize));          // (batch, …)
        var scores = Discriminator.call(generated);                      // (batch, 1)
        var loss = Options.Loss.GeneratorLoss(scores);
        var lossValue = optimizers.Finite(loss, "generator", Step);      // checked before the update, as in pass 1
        optimizers.Generator.zero_grad();
        loss.backward();
        var gradientNorm = AdversarialOptimizers.GradientNorm(Generator);
        optimizers.Generator.step();
        return new GeneratorStepResult(lossValue, Options.Loss.MeanVerdict(scores), gradientNorm);
    }

    /// <summary>
    /// One step: <see cref="GanTrainerOptions.DiscriminatorSteps"/> passes 1, each on a batch from
    /// <paramref name="nextRealBatch"/> (disposed after use), then one pass 2, at the step's learning rates
    /// (<see cref="GanTrainerOptions.LearningRateDecaySteps"/>).
    /// </summary>
    /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
    public GanStepResult TrainStep(Func<Tensor> nextRealBatch)
    {
        ArgumentNullException.ThrowIfNull(nextRealBatch);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        optimizers.PrepareStep(Step);
        var discriminatorResult = default(DiscriminatorStepResult);
        for (var pass = 0; pass < Options.DiscriminatorSteps; pass++)
        {
            using var scope = NewDisposeScope();
            discriminatorResult = TrainDiscriminator(nextRealBatch());
        }

        var generatorResult = TrainGenerator(Options.BatchSize);
        GeneratorAverage?.Update();
        Step++;
        Runtime.NativeScalars.Release();
        Runtime.ThreadPolicy.Current?.StepDone(loopName, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        var result = new GanStepResult(Step, discriminatorResult, generatorResult);
        StepCompleted?.Invoke(this, result);
        return result;
    }

    /// <summary>
    /// About how many bytes a checkpoint of this trainer takes: both networks' weights and buffers, Adam's two moments
    /// per weight, and the weight average, in 32-bit floats, plus an eighth for the format's overhead.
    /// </summary>
    public long CheckpointSizeEstimate
    {
        get
        {
            static long Elements(nn.Module module) => module.parameters().Sum(parameter => parameter.numel()) + module.buffers().Sum(buffer => buffer.numel());
            var elements = (3 * (Elements(Generator) + Elements(Discriminator))) + (GeneratorAverage is null ? 0 : Elements(Generator));
            return elements * sizeof(float) * 9 / 8;
        }
    }

    /// <summary>Writes a checkpoint of the run so far to <paramref name="path"/>, which must not exist (see <see cref="GanCheckpoint"/>).</summary>
    public void SaveCheckpoint(string path) => GanCheckpoint.Save(path, Step, Generator, Discriminator, optimizers.Generator, optimizers.Discriminator!, GeneratorAverage);

    /// <summary>Continues the run saved at <paramref name="path"/>, verified first, from its <see cref="Step"/>.</summary>
    /// <exception cref="Data.DataFileException">The file is missing, truncated, altered, foreign or for other networks.</exception>
    public void LoadCheckpoint(string path) =>
        Step = GanCheckpoint.Load(path, Generator, Discriminator, optimizers.Generator, optimizers.Discriminator!, GeneratorAverage).Step;
}
