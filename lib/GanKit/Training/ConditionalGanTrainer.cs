using GanKit.Models;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// Trains a conditional GAN in chapter 03's two passes, each sample with its condition: pass 1 shows D real samples
/// and forgeries made from the same conditions, D(x, c) against D(G(z, c), c); pass 2 updates G through the frozen D,
/// plus λ · a pixel loss against the batch's own samples when the task is paired (a shrunk digit and the digit it came
/// from). With <see cref="ConditionalGanOptions.Adversarial"/> off it trains the same generator by the pixel loss alone:
/// the baseline every adversarial result of chapter 06 is compared with. Introduced in chapter 06.
/// </summary>
public sealed class ConditionalGanTrainer
{
    private readonly string loopName;   // for the thread policy: steps of one model and batch size take about as long
    private readonly AdversarialOptimizers optimizers;

    /// <summary>Sets up the optimizer of <paramref name="options"/> for each network.</summary>
    /// <param name="generator">Maps (noise, condition) to samples.</param>
    /// <param name="discriminator">Maps (sample, condition) to raw scores, (batch, 1) or one per patch (the losses average them); <c>null</c> only for a pixel-loss-only run.</param>
    /// <param name="options"><c>null</c> takes the defaults of <see cref="ConditionalGanOptions"/>.</param>
    /// <param name="device">Where noise is made (default the CPU); put the models there too.</param>
    /// <param name="random">Where the noise comes from: a generator of its own on <paramref name="device"/>, or <c>null</c> for TorchSharp's global one.</param>
    /// <exception cref="ArgumentException">An option cannot work, or the discriminator is missing for an adversarial run.</exception>
    public ConditionalGanTrainer(ConditionalGeneratorNetwork generator, nn.Module<Tensor, Tensor, Tensor>? discriminator, ConditionalGanOptions? options = null, Device? device = null, Generator? random = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Options = options ?? new ConditionalGanOptions();
        Options.Validate();
        if (Options.Adversarial && discriminator is null)
        {
            throw new ArgumentException($"An adversarial run needs a discriminator; pass one, or set {nameof(ConditionalGanOptions.Adversarial)} to false for the pixel loss alone.", nameof(discriminator));
        }

        Generator = generator;
        Discriminator = Options.Adversarial ? discriminator : null;
        Device = device ?? CPU;
        Random = random;
        optimizers = new AdversarialOptimizers(Options.Gan, generator, Discriminator);
        loopName = $"{generator.GetType().Name} and {Discriminator?.GetType().Name ?? "no discriminator"} at batch {Options.Gan.BatchSize}";
    }

    /// <summary>Raised after each <see cref="TrainStep"/>, for live displays and logs.</summary>
    public event EventHandler<ConditionalGanStepResult>? StepCompleted;

    public ConditionalGanOptions Options { get; }

    public ConditionalGeneratorNetwork Generator { get; }

    /// <summary>D, or <c>null</c> in a pixel-loss-only run.</summary>
    public nn.Module<Tensor, Tensor, Tensor>? Discriminator { get; }

    /// <summary>The device noise is made on.</summary>
    public Device Device { get; }

    /// <summary>The trainer's own random generator, or <c>null</c> for TorchSharp's global one.</summary>
    public Generator? Random { get; }

    /// <summary>The number of completed <see cref="TrainStep"/> calls.</summary>
    public int Step { get; private set; }

    /// <summary>Draws <paramref name="count"/> noise vectors z ~ N(0, I) on <see cref="Device"/>: shape (count, noise size), possibly (count, 0).</summary>
    public Tensor SampleNoise(long count) => randn(count, Generator.NoiseSize, device: Device, generator: Random);

    /// <summary>
    /// Pass 1: one update of D on <paramref name="batch"/> and as many forgeries made without gradient from the same
    /// conditions, then the weight clipping if asked. The reported loss leaves out the R1 penalty.
    /// </summary>
    /// <exception cref="InvalidOperationException">The run has no discriminator.</exception>
    public DiscriminatorStepResult TrainDiscriminator(ConditionalBatch batch)
    {
        var discriminator = Discriminator ?? throw new InvalidOperationException("This run trains by the pixel loss alone: it has no discriminator to train.");
        var count = BatchCount(batch);
        using var scope = NewDisposeScope();
        Tensor generated;
        using (no_grad())
        {
            generated = Generator.call(SampleNoise(count), batch.Conditions);   // forgeries for the same conditions; G is fixed
        }

        var options = Options.Gan;
        var penalised = options.R1Weight > 0;
        var realInput = penalised ? batch.Samples.detach().requires_grad_(true) : batch.Samples;   // R1 needs ∂score/∂x
        var realScores = discriminator.call(realInput, batch.Conditions);           // (batch, 1)
        var generatedScores = discriminator.call(generated, batch.Conditions);      // (batch, 1)
        var loss = options.Loss.DiscriminatorLoss(realScores, generatedScores);
        var objective = penalised ? loss + R1Penalty.Compute(realInput, realScores, options.R1Weight) : loss;
        var lossValue = optimizers.Finite(loss, "discriminator", Step);            // checked before the update
        if (!ReferenceEquals(objective, loss))
        {
            optimizers.Finite(objective, "discriminator's penalised", Step);
        }

        optimizers.Discriminator!.zero_grad();
        objective.backward();
        optimizers.Discriminator.step();
        if (options.WeightClip > 0)
        {
            WeightClipping.Clip(discriminator, options.WeightClip);
        }

        return new DiscriminatorStepResult(lossValue, options.Loss.MeanVerdict(realScores), options.Loss.MeanVerdict(generatedScores));
    }

    /// <summary>
    /// Pass 2: one update of G on fresh noise for <paramref name="batch"/>'s conditions: the adversarial loss through the
    /// frozen D (if the run is adversarial) plus λ · the pixel loss against <paramref name="batch"/>'s samples (if λ &gt; 0).
    /// </summary>
    public ConditionalGeneratorStepResult TrainGenerator(ConditionalBatch batch)
    {
        var count = BatchCount(batch);
        using var scope = NewDisposeScope();
        using var frozen = Discriminator is null ? null : new FrozenParameters(Discriminator);
        var generated = Generator.call(SampleNoise(count), batch.Conditions);      // (batch, …)
        var (adversarialValue, verdict) = (double.NaN, double.NaN);
        var (pixelValue, objective) = (double.NaN, (Tensor?)null);
        if (Discriminator is not null)
        {
            var scores = Discriminator.call(generated, batch.Conditions);            // (batch, 1)
            objective = Options.Gan.Loss.GeneratorLoss(scores);
            adversarialValue = optimizers.Finite(objective, "generator", Step);
            verdict = Options.Gan.Loss.MeanVerdict(scores);
        }

        if (Options.PixelWeight > 0)
        {
            var pixel = Options.PixelLoss == PixelLoss.L1 ? nn.functional.l1_loss(generated, batch.Samples) : nn.functional.mse_loss(generated, batch.Samples);
            pixelValue = optimizers.Finite(pixel, "generator's pixel", Step);
            objective = objective is null ? pixel * Options.PixelWeight : objective + (pixel * Options.PixelWeight);
        }

        optimizers.Generator.zero_grad();
        objective!.backward();
        optimizers.Generator.step();
        return new ConditionalGeneratorStepResult(adversarialValue, pixelValue, verdict);
    }

    /// <summary>
    /// One step: <see cref="GanTrainerOptions.DiscriminatorSteps"/> passes 1, each on a batch from
    /// <paramref name="nextBatch"/>, then one pass 2 on the last of them (only pass 2, on one batch, without D); every
    /// batch is disposed after use.
    /// </summary>
    /// <exception cref="TrainingDivergedException">A loss became NaN or infinite.</exception>
    public ConditionalGanStepResult TrainStep(Func<ConditionalBatch> nextBatch)
    {
        ArgumentNullException.ThrowIfNull(nextBatch);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        optimizers.PrepareStep(Step);
        using var scope = NewDisposeScope();                               // whatever nextBatch makes goes with the step
        DiscriminatorStepResult? discriminatorResult = null;
        var passes = Discriminator is null ? 0 : Options.Gan.DiscriminatorSteps;
        for (var pass = 1; pass < passes; pass++)
        {
            using var earlier = nextBatch();
            discriminatorResult = TrainDiscriminator(earlier);
        }

        using var batch = nextBatch();
        if (passes > 0)
        {
            discriminatorResult = TrainDiscriminator(batch);
        }

        var generatorResult = TrainGenerator(batch);
        Step++;
        Runtime.NativeScalars.Release();
        Runtime.ThreadPolicy.Current?.StepDone(loopName, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        var result = new ConditionalGanStepResult(Step, discriminatorResult, generatorResult);
        StepCompleted?.Invoke(this, result);
        return result;
    }

    /// <summary>Writes a checkpoint of the run so far to <paramref name="path"/>, which must not exist (see <see cref="GanCheckpoint"/>).</summary>
    /// <exception cref="InvalidOperationException">A pixel-loss-only run: save its generator with <c>Generator.save(path)</c>.</exception>
    public void SaveCheckpoint(string path) =>
        GanCheckpoint.Save(path, Step, Generator, RequireDiscriminator(), optimizers.Generator, optimizers.Discriminator!, average: null);

    /// <summary>Continues the run saved at <paramref name="path"/>, verified first, from its <see cref="Step"/>.</summary>
    /// <exception cref="Data.DataFileException">The file is missing, truncated, altered, foreign or for other networks.</exception>
    public void LoadCheckpoint(string path) =>
        Step = GanCheckpoint.Load(path, Generator, RequireDiscriminator(), optimizers.Generator, optimizers.Discriminator!, average: null).Step;

    private static long BatchCount(ConditionalBatch batch)
    {
        if (batch.Samples is null || batch.Conditions is null || batch.Samples.dim() == 0 || batch.Samples.shape[0] == 0)
        {
            throw new ArgumentException("The batch is empty: pass at least one sample with its condition (batch first).", nameof(batch));
        }

        if (batch.Conditions.dim() == 0 || batch.Conditions.shape[0] != batch.Samples.shape[0])
        {
            throw new ArgumentException($"The batch has {batch.Samples.shape[0]} samples but conditions of shape ({string.Join(", ", batch.Conditions.shape)}): give one condition per sample.", nameof(batch));
        }

        return batch.Samples.shape[0];
    }

    private nn.Module<Tensor, Tensor, Tensor> RequireDiscriminator() =>
        Discriminator ?? throw new InvalidOperationException("A pixel-loss-only run has no discriminator, so no GAN checkpoint: save its generator with Generator.save(path).");
}
