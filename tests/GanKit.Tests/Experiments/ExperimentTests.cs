using GanKit.Experiments;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Experiments;

/// <summary>The seed harness: spreads with known answers, seeding, row lookup and the table.</summary>
public sealed class ExperimentTests
{
    public ExperimentTests() => TorchSession.Start();

    [Fact]
    public void ASpreadHasTheMeanTheSampleStandardDeviationAndTheRange()
    {
        var spread = Spread.Of([22, 24, 25, 25]);

        Assert.Equal(24, spread.Mean, 12);
        Assert.Equal(Math.Sqrt(2), spread.StandardDeviation, 12);     // squares 4 + 0 + 1 + 1 over n − 1 = 3
        Assert.Equal((22.0, 25.0, 4), (spread.Minimum, spread.Maximum, spread.Count));
        Assert.Equal("24.0 ± 1.4 (22.0–25.0)", spread.ToString("F1"));
        Assert.Equal("3.50", Spread.Of([3.5]).ToString("F2"));          // one seed: no spread to show
        Assert.Equal("0.0647", Spread.Of([0.0647, 0.0647, 0.0647]).ToString("F4"));   // the same on every seed: the value alone
        Assert.Equal("Infinity (0.10–Infinity)", Spread.Of([0.1, double.PositiveInfinity, 0.3]).ToString("F2"));   // no ± for an infinite value
    }

    [Fact]
    public void ARunThatDrawsFromItsSeededRunGivesTheSameResultWhateverRanBefore()
    {
        // A small GAN per seed: weights made in Create, noise and data from the run's own generator.
        static double TrainSmallGan(SeededRun run)
        {
            var (generator, discriminator) = run.Create(() => (new MlpGenerator(1, 1, [8, 8]), new MlpDiscriminator(1, [8, 8])));
            var trainer = new GanTrainer(generator, discriminator, new GanTrainerOptions { BatchSize = 32, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-3 }, random: run.Random);
            for (var step = 0; step < 30; step++)
            {
                trainer.TrainStep(() => randn([32, 1], generator: run.Random) + 4);
            }

            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            return generator.call(trainer.SampleNoise(1_000)).mean().item<float>();
        }

        var inOrder = SeedSweep.Run("small GAN", [3, 1, 2, 4], TrainSmallGan);
        manual_seed(99);                                                   // the global generator's state must not matter
        var again = SeedSweep.Run("small GAN", [3, 1, 2, 4], TrainSmallGan);
        var alone = SeedSweep.Run("small GAN", [2], TrainSmallGan);          // seed 2 without seeds 3 and 1 before it

        Assert.Equal([3, 1, 2, 4], again.Runs.Select(run => run.Seed));
        Assert.Equal(inOrder.Runs.Select(run => run.Result), again.Runs.Select(run => run.Result));
        Assert.Equal(inOrder.Runs[2].Result, alone.Runs[0].Result);
        Assert.Equal(4, inOrder.Runs.Select(run => run.Result).Distinct().Count());   // and the seeds differ
    }

    [Fact]
    public void CreateSeedsTheGlobalGeneratorWithTheRunsSeed()
    {
        var sweep = SeedSweep.Run("draw", [5], run => run.Create(() => randn(1).item<float>()));

        manual_seed(5);
        Assert.Equal(randn(1).item<float>(), sweep.Runs[0].Result);
    }

    [Fact]
    public void TheTableShowsEveryMetricAsMeanAndSpreadPerRow()
    {
        var experiment = new Experiment<double>("Squares", [1, 2, 3], [new Metric<double>("value", value => value, "F1"), new Metric<double>("twice", value => 2 * value, "F0")]);
        var seen = new List<int>();
        experiment.Run("square", run => run.Seed * run.Seed, run => seen.Add(run.Seed));
        experiment.Run("constant", _ => 5.0);

        var table = experiment.Table();

        Assert.Equal([1, 2, 3], seen);                                // in seed order
        Assert.Equal(["square", "constant"], table.Labels);
        Assert.Equal(["value", "twice", "seconds per run"], table.Columns);
        Assert.Equal("4.7 ± 4.0 (1.0–9.0)", table.Cells[0][0]);
        Assert.Equal("5.0", table.Cells[1][0]);                      // the same on every seed: the value alone
        Assert.Contains("over seeds 1, 2, 3", table.Title, StringComparison.Ordinal);
        Assert.Equal("9 ± 8 (2–18)", table.Cells[0][1]);
        Assert.Contains("<td style=\"text-align:left\">square</td><td style=\"text-align:right\">4.7 &#177; 4.0 (1.0–9.0)</td>", table.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("square    4.7 ± 4.0 (1.0–9.0)", table.ToString(), StringComparison.Ordinal);
        Assert.Equal(14.0 / 3, experiment["square"].Measure(value => value).Mean, 12);
    }

    [Fact]
    public void AnUnknownRowNamesTheRowsThereAreAndADuplicateLabelIsRefused()
    {
        var experiment = new Experiment<int>("Numbers", [1], []);
        experiment.Run("one", run => run.Seed);

        var missing = Assert.Throws<KeyNotFoundException>(() => experiment["two"]);
        var duplicate = Assert.Throws<ArgumentException>(() => experiment.Run("one", run => run.Seed));

        Assert.Contains("No row is labelled 'two'. The rows: 'one'.", missing.Message, StringComparison.Ordinal);
        Assert.Contains("already labelled 'one'", duplicate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SeedsMustBeGivenOnceEach()
    {
        Assert.Throws<ArgumentException>(() => new Experiment<int>("Numbers", [], []));
        Assert.Throws<ArgumentException>(() => SeedSweep.Run("twice", [1, 1], run => run.Seed));
    }
}
