using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>Chapter 06's shared-start-then-branch comparison: both branches start from the same weights, histories, seeds, refusals.</summary>
public sealed class BranchedTrainingTests
{
    private static readonly ConditionalGanOptions PixelOptions = new() { Adversarial = false, PixelWeight = 1, Gan = new GanTrainerOptions { BatchSize = 4 } };
    private static readonly ConditionalGanOptions AdversarialOptions = PixelOptions with { Adversarial = true, PixelWeight = 10 };

    public BranchedTrainingTests() => TorchSession.Start();

    private static BranchedTraining Comparison(int seed = 1) =>
        new(() => new UNetGenerator(width: 4), () => new PatchDiscriminator(width: 4), PixelOptions, AdversarialOptions, CPU, seed) { RecordEvery = 1 };

    private static (Tensor Targets, Tensor Conditions) Pairs()
    {
        manual_seed(7);
        var targets = rand(16, 1, 28, 28) * 2 - 1;
        return (targets, -targets);   // learn to invert the image
    }

    private static bool SameWeights(nn.Module first, nn.Module second) =>
        first.state_dict().All(entry => entry.Value.equal(second.state_dict()[entry.Key]).all().item<bool>());

    [Fact]
    public void Both_branches_start_from_the_shared_weights()
    {
        var (targets, conditions) = Pairs();
        var run = Comparison().Run(targets, conditions, sharedSteps: 3, branchSteps: 0, "start");

        Assert.True(SameWeights(run.Pixel.Network, run.Adversarial.Network));
        Assert.NotSame(run.Pixel.Network, run.Adversarial.Network);
        Assert.Same(run.Shared.Network, run.Pixel.Network);
        Assert.Equal([1, 2, 3], run.Shared.History.Select(point => point.Step));
        Assert.Empty(run.Pixel.History);
    }

    [Fact]
    public void The_branches_record_their_steps_after_the_shared_start_and_only_the_adversarial_one_has_verdicts()
    {
        var (targets, conditions) = Pairs();
        var run = Comparison().Run(targets, conditions, sharedSteps: 2, branchSteps: 3, "histories");

        Assert.Equal([3, 4, 5], run.Pixel.History.Select(point => point.Step));
        Assert.Equal([3, 4, 5], run.Adversarial.History.Select(point => point.Step));
        Assert.All(run.Pixel.History, point => Assert.True(double.IsNaN(point.VerdictOnGenerated)));
        Assert.All(run.Adversarial.History, point => Assert.InRange(point.VerdictOnGenerated, 0, 1));
        Assert.All(run.Shared.History.Concat(run.Pixel.History).Concat(run.Adversarial.History), point => Assert.True(point.PixelLoss > 0 && double.IsFinite(point.PixelLoss)));
        Assert.False(SameWeights(run.Pixel.Network, run.Adversarial.Network), "The adversarial loss must change the second branch.");
        Assert.Equal(4, run.LossChart("chart").TraceCount);
        Assert.StartsWith("histories: shared start ", run.ToString());
    }

    [Fact]
    public void A_seed_gives_the_same_networks_every_time_and_another_seed_others()
    {
        var (targets, conditions) = Pairs();
        var first = Comparison(seed: 3).Run(targets, conditions, 2, 2, "first");
        var again = Comparison(seed: 3).Run(targets, conditions, 2, 2, "again");
        var other = Comparison(seed: 4).Run(targets, conditions, 2, 2, "other");

        Assert.True(SameWeights(first.Pixel.Network, again.Pixel.Network));
        Assert.True(SameWeights(first.Adversarial.Network, again.Adversarial.Network));
        Assert.Equal(first.Adversarial.History, again.Adversarial.History);
        Assert.False(SameWeights(first.Pixel.Network, other.Pixel.Network));
    }

    [Fact]
    public void A_phase_trained_on_its_own_records_every_nth_step_and_the_last()
    {
        var (targets, conditions) = Pairs();
        manual_seed(5);
        var trainer = new ConditionalGanTrainer(new UNetGenerator(width: 4), new PatchDiscriminator(width: 4), AdversarialOptions);
        using var batches = new GanKit.Data.ShuffledBatches(targets, 4, new Generator(5), conditions);
        var pictures = 0;
        var history = BranchedTraining.TrainPhase(trainer, batches.NextWithConditions, steps: 5, firstStep: 100, "phase", _ => ++pictures, recordEvery: 2);

        Assert.Equal([102, 104, 105], history.Select(point => point.Step));
        Assert.Equal(5, trainer.Step);
        Assert.True(pictures >= 2, "The first and the last step draw the picture.");
        Assert.Empty(BranchedTraining.TrainPhase(trainer, batches.NextWithConditions, steps: 0, firstStep: 105, "nothing"));
    }

    [Fact]
    public void Settings_that_cannot_work_are_refused_by_name()
    {
        var (targets, conditions) = Pairs();
        var swapped = Assert.Throws<ArgumentException>(() => new BranchedTraining(() => new UNetGenerator(width: 4), () => new PatchDiscriminator(width: 4), AdversarialOptions, PixelOptions, CPU, 1));
        Assert.Contains("Adversarial = false", swapped.Message);
        var batches = Assert.Throws<ArgumentException>(() => new BranchedTraining(() => new UNetGenerator(width: 4), () => new PatchDiscriminator(width: 4), PixelOptions,
            AdversarialOptions with { Gan = new GanTrainerOptions { BatchSize = 8 } }, CPU, 1));
        Assert.Contains("same batches", batches.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Comparison().Run(targets, conditions, -1, 1, "negative"));
        var unpaired = Assert.Throws<ArgumentException>(() => Comparison().Run(targets, conditions.narrow(0, 0, 8), 1, 1, "unpaired"));
        Assert.Contains("Every target needs its condition", unpaired.Message);
    }
}
