using System.Diagnostics;
using GanKit.Runtime;
using GanKit.Training;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>
/// GanKit's trainer under GanKit's automatic thread policy. The policy times 1, 2, 4, … threads on a loop's first steps,
/// so the warm-up lasts until it has chosen (a new line in <see cref="ThreadPolicy.Decisions"/>), or until it is clear
/// that it keeps one thread for a loop whose steps are too short to tune; only then are the windows timed.
/// </summary>
internal static class AutoThreads
{
    /// <summary>The measurement, and how the policy chose its count (its decision lines, or why there were none).</summary>
    public static (Measurement Measurement, IReadOnlyList<string> Choice) Run(Configuration configuration, ThreadPolicy policy, RealData data, Device device, MeasurementPlan plan)
    {
        policy.Use(null);   // the measuring policy, with nothing remembered: it calibrates on this loop afresh
        var decided = policy.Decisions.Count;
        manual_seed(MeasurementPlan.Seed);
        var (generator, discriminator) = configuration.Build(device);
        try
        {
            using var batches = data.For(configuration, MeasurementPlan.Seed);
            var trainer = new GanTrainer(generator, discriminator, configuration.Options, device);
            void Step() => trainer.TrainStep(batches.Next);

            var first = StepTiming.Milliseconds(Step, device);
            var choice = WaitForChoice(Step, policy, decided, device, plan);
            StepTiming.WarmUp(Step, device, TimeSpan.Zero, MeasurementPlan.WarmUpSteps);   // the chosen threads start
            var rates = new List<double>();
            var memory = (Now: 0.0, Peak: 0.0);
            for (var repeat = 0; repeat < plan.Repeats; repeat++)
            {
                rates.Add(StepTiming.StepsPerSecond(Step, device, plan.Seconds));
                memory = Measurement.Memory();
            }

            // A decision taken while the windows ran (the policy measures again after a minute, then less often) is reported too.
            var threads = ThreadPolicy.Threads;
            var lines = choice.Concat(policy.Decisions.Skip(decided).Except(choice)).ToList();
            return (new Measurement(configuration, $"auto → {threads}", threads, Median.Of(rates), first, null, null, null, null, memory.Now, memory.Peak), lines);
        }
        finally
        {
            generator.Dispose();
            discriminator.Dispose();
        }
    }

    // Steps until the policy reports a decision. A loop it finds too small to tune stays on one thread without a report:
    // that is clear once one thread has run well past the policy's first timed steps (the 5th step on) without the
    // count ever changing — a calibration moves on to 2 threads after at most a quarter of a second.
    private static IReadOnlyList<string> WaitForChoice(Action step, ThreadPolicy policy, int decided, Device device, MeasurementPlan plan)
    {
        if (policy.MaximumThreads == 1)
        {
            return ["one core: the policy has nothing to choose"];
        }

        var clock = Stopwatch.StartNew();
        var untuned = new Stopwatch();
        var stayedAtOne = true;
        for (var steps = 1; clock.Elapsed < plan.AutoLimit; steps++)
        {
            step();
            if (policy.Decisions.Count > decided)
            {
                StepTiming.Synchronize(device);
                return [.. policy.Decisions.Skip(decided)];
            }

            stayedAtOne &= ThreadPolicy.Threads == 1;
            if (steps == 5)
            {
                untuned.Start();
            }

            if (stayedAtOne && steps >= 15 && untuned.Elapsed > TimeSpan.FromSeconds(0.6))
            {
                return [$"1 thread, untuned: steps under {ThreadPolicy.ShortestTunedStep.TotalMilliseconds:F0} ms on one thread are too short to gain from more"];
            }
        }

        return [$"no decision within {plan.AutoLimit.TotalSeconds:F0} s; measured at the count it had then"];
    }
}
