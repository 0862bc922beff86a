using System.Diagnostics;
using GanKit.Data;
using GanKit.Display;
using GanKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// The controlled comparison of chapter 06's paired tasks (super-resolution, image-to-image translation, next-frame
/// prediction): does an adversarial loss add anything to a pixel loss? One generator trains with the pixel loss alone
/// for a shared start; then the run <b>branches</b>: the network continues with the pixel loss alone, and a copy of it
/// trains with pixel + adversarial loss against a fresh discriminator, for the same number of steps on the same
/// batches. The two branches differ only in the adversarial loss, and each has had the same number of generator
/// updates. (SRGAN started its adversarial generator from the trained pixel-loss network the same way.)
/// <code>
/// var run = new BranchedTraining(() => new UNetGenerator(), () => new PatchDiscriminator(), pixelOptions, adversarialOptions, device, seed: 1)
///     .Run(targets, inputs, sharedSteps: 1_000, branchSteps: 1_000, "outline");
/// run.LossChart("outline → digit")
/// </code>
/// Everything random comes from the seed: the generator's and the discriminator's initial weights (each built right after
/// <c>manual_seed(seed)</c>) and the batch order (the shared start draws from seed, both branches from seed + shared steps).
/// </summary>
public sealed class BranchedTraining
{
    private readonly Func<ConditionalGeneratorNetwork> createGenerator;
    private readonly Func<nn.Module<Tensor, Tensor, Tensor>> createDiscriminator;

    /// <summary>A comparison of generators made by <paramref name="createGenerator"/>, the adversarial branch judged by <paramref name="createDiscriminator"/>.</summary>
    /// <param name="createGenerator">Makes a new generator (on the CPU; it is moved to <paramref name="device"/>): called once for the shared start and once for the adversarial branch's copy.</param>
    /// <param name="createDiscriminator">Makes the adversarial branch's discriminator.</param>
    /// <param name="pixelOptions">The shared start's and the pixel branch's options: <see cref="ConditionalGanOptions.Adversarial"/> false.</param>
    /// <param name="adversarialOptions">The adversarial branch's options: <see cref="ConditionalGanOptions.Adversarial"/> true.</param>
    /// <param name="device">Where the networks train; the targets and conditions given to <see cref="Run"/> must be there too.</param>
    /// <param name="seed">The seed of both networks' initial weights and of the batch order.</param>
    /// <exception cref="ArgumentException">The options are the wrong way round, or one of them cannot work.</exception>
    public BranchedTraining(
        Func<ConditionalGeneratorNetwork> createGenerator,
        Func<nn.Module<Tensor, Tensor, Tensor>> createDiscriminator,
        ConditionalGanOptions pixelOptions,
        ConditionalGanOptions adversarialOptions,
        Device device,
        int seed)
    {
        ArgumentNullException.ThrowIfNull(createGenerator);
        ArgumentNullException.ThrowIfNull(createDiscriminator);
        ArgumentNullException.ThrowIfNull(pixelOptions);
        ArgumentNullException.ThrowIfNull(adversarialOptions);
        ArgumentNullException.ThrowIfNull(device);
        if (pixelOptions.Adversarial || !adversarialOptions.Adversarial)
        {
            throw new ArgumentException($"The pixel options need {nameof(ConditionalGanOptions.Adversarial)} = false and the adversarial options {nameof(ConditionalGanOptions.Adversarial)} = true.");
        }

        pixelOptions.Validate();
        adversarialOptions.Validate();
        if (pixelOptions.Gan.BatchSize != adversarialOptions.Gan.BatchSize)
        {
            throw new ArgumentException($"Both branches must draw the same batches: the batch sizes are {pixelOptions.Gan.BatchSize} and {adversarialOptions.Gan.BatchSize}.");
        }

        this.createGenerator = createGenerator;
        this.createDiscriminator = createDiscriminator;
        PixelOptions = pixelOptions;
        AdversarialOptions = adversarialOptions;
        Device = device;
        Seed = seed;
    }

    public ConditionalGanOptions PixelOptions { get; }

    public ConditionalGanOptions AdversarialOptions { get; }

    public Device Device { get; }

    public int Seed { get; }

    /// <summary>The pixel branch's name in histories, charts and tables.</summary>
    public string PixelName { get; init; } = "pixel loss only";

    /// <summary>The adversarial branch's name in histories, charts and tables.</summary>
    public string AdversarialName { get; init; } = "pixel + adversarial loss";

    /// <summary>A history point is kept every this many steps (and at each phase's last step).</summary>
    public int RecordEvery { get; init; } = 10;

    /// <summary>What the live progress shows under its line, drawn from the network being trained (for example a grid of its outputs); none by default.</summary>
    public Func<ConditionalGeneratorNetwork, object>? Picture { get; init; }

    /// <summary>
    /// Trains the shared start for <paramref name="sharedSteps"/> steps and each branch for <paramref name="branchSteps"/>
    /// on (target, condition) pairs drawn from <paramref name="targets"/> and <paramref name="conditions"/> (same first
    /// dimension, on <see cref="Device"/>), with a live progress line per phase titled after <paramref name="title"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A step count is negative, or the targets and conditions do not pair up.</exception>
    public BranchedRun Run(Tensor targets, Tensor conditions, int sharedSteps, int branchSteps, string title)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentOutOfRangeException.ThrowIfNegative(sharedSteps);
        ArgumentOutOfRangeException.ThrowIfNegative(branchSteps);
        if (targets.dim() == 0 || conditions.dim() == 0 || targets.shape[0] != conditions.shape[0])
        {
            throw new ArgumentException($"Every target needs its condition: targets ({string.Join(", ", targets.shape)}) and conditions ({string.Join(", ", conditions.shape)}) must have the same first dimension.", nameof(conditions));
        }

        var clock = Stopwatch.StartNew();
        manual_seed(Seed);
        var pixelNetwork = createGenerator().to(Device);
        var pixelTrainer = new ConditionalGanTrainer(pixelNetwork, discriminator: null, PixelOptions, Device);
        var sharedHistory = TrainSteps(pixelTrainer, targets, conditions, sharedSteps, 0, $"{title}: shared start, pixel loss");
        var shared = new TrainingBranch("shared start", pixelNetwork, sharedHistory, clock.Elapsed);

        var adversarialNetwork = createGenerator().to(Device);
        adversarialNetwork.load_state_dict(pixelNetwork.state_dict());          // the branch point: a copy of the weights
        clock.Restart();
        var pixelHistory = TrainSteps(pixelTrainer, targets, conditions, branchSteps, sharedSteps, $"{title}: branch 1, {PixelName}");
        var pixel = new TrainingBranch(PixelName, pixelNetwork, pixelHistory, clock.Elapsed);

        clock.Restart();
        manual_seed(Seed);
        var discriminator = createDiscriminator().to(Device);
        var adversarialTrainer = new ConditionalGanTrainer(adversarialNetwork, discriminator, AdversarialOptions, Device);
        var adversarialHistory = TrainSteps(adversarialTrainer, targets, conditions, branchSteps, sharedSteps, $"{title}: branch 2, {AdversarialName}");
        var adversarial = new TrainingBranch(AdversarialName, adversarialNetwork, adversarialHistory, clock.Elapsed);
        return new BranchedRun(title, shared, pixel, adversarial);
    }

    /// <summary>
    /// One phase of a comparison, for a chapter that arranges its phases itself (chapter 06e runs each branch over
    /// several seeds): trains <paramref name="trainer"/> for <paramref name="steps"/> steps on <paramref name="nextBatch"/>,
    /// keeps a history point every <paramref name="recordEvery"/> steps and at the last (steps numbered from
    /// <paramref name="firstStep"/> + 1), and shows a live progress line titled <paramref name="title"/> with
    /// <paramref name="picture"/> under it.
    /// </summary>
    public static IReadOnlyList<BranchPoint> TrainPhase(ConditionalGanTrainer trainer, Func<ConditionalBatch> nextBatch, int steps, int firstStep, string title,
        Func<ConditionalGeneratorNetwork, object>? picture = null, int recordEvery = 10)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        ArgumentNullException.ThrowIfNull(nextBatch);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordEvery, 1);
        var history = new List<BranchPoint>();
        if (steps == 0)
        {
            return history;
        }

        var progress = new TrainingProgress(title, steps);
        for (var step = 1; step <= steps; step++)
        {
            var result = trainer.TrainStep(nextBatch);
            var verdict = result.Discriminator?.VerdictOnGenerated ?? double.NaN;
            if (step % recordEvery == 0 || step == steps)
            {
                history.Add(new BranchPoint(firstStep + step, result.Generator.PixelLoss, verdict));
            }

            if (progress.IsDue(step))
            {
                progress.Report(step, picture?.Invoke(trainer.Generator), ("pixel loss", result.Generator.PixelLoss), ("D's verdict on generated", verdict));
            }
        }

        return history;
    }

    // One phase on batches drawn in the order seeded by Seed + firstStep.
    private IReadOnlyList<BranchPoint> TrainSteps(ConditionalGanTrainer trainer, Tensor targets, Tensor conditions, int steps, int firstStep, string title)
    {
        using var order = new Generator((ulong)(Seed + firstStep), Device);
        using var batches = new ShuffledBatches(targets, trainer.Options.Gan.BatchSize, order, conditions);
        return TrainPhase(trainer, batches.NextWithConditions, steps, firstStep, title, Picture, RecordEvery);
    }
}

/// <summary>One point of a <see cref="TrainingBranch"/>'s history: the generator step, its pixel loss and D's mean verdict on the generated samples (NaN without D).</summary>
public readonly record struct BranchPoint(int Step, double PixelLoss, double VerdictOnGenerated);

/// <summary>One phase of a <see cref="BranchedTraining"/> run: its name, the network it trained (as it stands at the end of the run), its history and wall time.</summary>
public sealed record TrainingBranch(string Name, ConditionalGeneratorNetwork Network, IReadOnlyList<BranchPoint> History, TimeSpan Duration);

/// <summary>
/// What <see cref="BranchedTraining.Run"/> returns. <see cref="Shared"/>'s network is the pixel branch's network: the
/// shared start continued into branch 1, so after the run it holds the pixel branch's weights.
/// </summary>
public sealed record BranchedRun(string Title, TrainingBranch Shared, TrainingBranch Pixel, TrainingBranch Adversarial)
{
    /// <summary>The three phases' pixel losses (solid, log scale) and, on a second axis, D's mean verdict on the adversarial branch's samples (dotted): ½ means D cannot tell them from real ones.</summary>
    public PlotlyChart LossChart(string title, string pixelLossTitle = "pixel loss")
    {
        var chart = new PlotlyChart(title, xTitle: "generator step", yTitle: pixelLossTitle).LogY();
        foreach (var (branch, color) in new[] { (Shared, "#7f7f7f"), (Pixel, "#1f77b4"), (Adversarial, "#d62728") })
        {
            chart.Line(branch.Name, branch.History.Select(point => point.Step), branch.History.Select(point => point.PixelLoss), color: color);
        }

        return chart.Line($"D's verdict, {Adversarial.Name}", Adversarial.History.Select(point => point.Step), Adversarial.History.Select(point => point.VerdictOnGenerated), secondAxis: true, dash: "dot", color: "#d62728")
            .SecondAxis("mean verdict", 0, 1);
    }

    /// <summary>One line: each phase's wall time.</summary>
    public override string ToString() =>
        $"{Title}: shared start {Shared.Duration.TotalSeconds:F0} s, {Pixel.Name} {Pixel.Duration.TotalSeconds:F0} s, {Adversarial.Name} {Adversarial.Duration.TotalSeconds:F0} s";
}
