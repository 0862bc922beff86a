using GanKit.Training;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// GanKit's trainer against the hand-written loop on one configuration at a fixed thread count: both start from the
/// same weights and the same order of batches, and their timed windows alternate (GanKit, hand-written, GanKit, …);
/// the ratio is the median over the pairs of adjacent windows, so a drift of the machine's speed moves both rates of a
/// pair, not their ratio, and one disturbed window does not move the median.
/// </summary>
internal static class LoopComparison
{
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
            var hand = new HandWrittenLoop(handGenerator, handDiscriminator, configuration.BatchSize, device);
            void GanKitStep() => trainer.TrainStep(ganKitBatches.Next);
            void HandStep() => hand.Step(handBatches.Next);

            var ganKitFirst = StepTiming.Milliseconds(GanKitStep, device);
            var handFirst = StepTiming.Milliseconds(HandStep, device);
            StepTiming.WarmUp(GanKitStep, device, plan.WarmUp, MeasurementPlan.WarmUpSteps);
            StepTiming.WarmUp(HandStep, device, plan.WarmUp, MeasurementPlan.WarmUpSteps);
            var ganKitRates = new List<double>();
            var handRates = new List<double>();
            var memory = (Now: 0.0, Peak: 0.0);
            for (var repeat = 0; repeat < plan.Repeats; repeat++)
            {
                ganKitRates.Add(StepTiming.StepsPerSecond(GanKitStep, device, plan.Seconds));
                memory = Measurement.Memory();
                handRates.Add(StepTiming.StepsPerSecond(HandStep, device, plan.Seconds));
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
