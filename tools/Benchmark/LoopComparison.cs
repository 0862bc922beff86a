using GanKit.Training;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// GanKit's trainer against the hand-written loop on one configuration at a fixed thread count: both start from the
/// same weights and the same order of batches. Each timed window of a loop is made of short blocks that alternate with
/// the other loop's (GanKit, hand-written, hand-written, GanKit, …: each goes first equally often), so a drift of the
/// machine's speed, which on a shared virtual machine moves a rate by several percent within seconds, moves both loops'
/// rates of a window alike and not their ratio. The ratio is the median over the windows' ratios, so one disturbed
/// window does not move it.
/// </summary>
internal static class LoopComparison
{
    /// <summary>About how long one loop runs before the other takes over.</summary>
    private const double BlockSeconds = 0.5;

    public static Measurement Run(Configuration configuration, int threads, RealData data, Device device, MeasurementPlan plan)
    {
        manual_seed(MeasurementPlan.Seed);
        var (generator, discriminator) = configuration.Build(device);
        manual_seed(MeasurementPlan.Seed);
        var (handGenerator, handDiscriminator) = configuration.Build(device);
        try
        {
            using var ganKitBatches = data.For(configuration, MeasurementPlan.Seed);
            using var handBatches = data.For(configuration, MeasurementPlan.Seed);
            var trainer = new GanTrainer(generator, discriminator, configuration.Options, device);
            var hand = new HandWrittenLoop(handGenerator, handDiscriminator, configuration.Options, device);
            void GanKitStep() => trainer.TrainStep(ganKitBatches.Next);
            void HandStep() => hand.Step(handBatches.Next);

            var ganKitFirst = StepTiming.Milliseconds(GanKitStep, device);
            var handFirst = StepTiming.Milliseconds(HandStep, device);
            StepTiming.WarmUp(GanKitStep, device, plan.WarmUp, MeasurementPlan.WarmUpSteps);
            StepTiming.WarmUp(HandStep, device, plan.WarmUp, MeasurementPlan.WarmUpSteps);
            var ganKitRates = new List<double>();
            var handRates = new List<double>();
            var memory = (Now: 0.0, Peak: 0.0);
            var blocks = Math.Max(2, (int)Math.Round(plan.Seconds / BlockSeconds));
            for (var repeat = 0; repeat < plan.Repeats; repeat++)
            {
                var ganKit = (Steps: 0, Seconds: 0.0);
                var handWritten = (Steps: 0, Seconds: 0.0);
                for (var block = 0; block < blocks; block++)
                {
                    var ganKitLeads = block % 2 == 0;
                    var first = StepTiming.Block(ganKitLeads ? GanKitStep : HandStep, device, plan.Seconds / blocks);
                    var second = StepTiming.Block(ganKitLeads ? HandStep : GanKitStep, device, plan.Seconds / blocks);
                    var (ganKitBlock, handBlock) = ganKitLeads ? (first, second) : (second, first);
                    ganKit = (ganKit.Steps + ganKitBlock.Steps, ganKit.Seconds + ganKitBlock.Seconds);
                    handWritten = (handWritten.Steps + handBlock.Steps, handWritten.Seconds + handBlock.Seconds);
                }

                ganKitRates.Add(ganKit.Steps / ganKit.Seconds);
                handRates.Add(handWritten.Steps / handWritten.Seconds);
                memory = Measurement.Memory();
            }

            var extras = TrainerExtras.Measure(hand.Generator, configuration.BatchSize, device, plan.ExtrasTime);
            var ratios = ganKitRates.Zip(handRates, (ganKit, handWritten) => ganKit / handWritten).ToList();
            return new Measurement(configuration, $"{threads}", threads, Median.Of(ganKitRates), ganKitFirst, Median.Of(handRates), handFirst, Median.Of(ratios), extras, memory.Now, memory.Peak);
        }
        finally
        {
            foreach (var network in new nn.Module[] { generator, discriminator, handGenerator, handDiscriminator })
            {
                network.Dispose();
            }
        }
    }
}
