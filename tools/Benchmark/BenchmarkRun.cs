using System.Globalization;
using GanKit;
using GanKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Benchmark;

/// <summary>A run's table rows and the notes printed under the table.</summary>
internal sealed record BenchmarkResults(IReadOnlyList<TableRow> Rows, IReadOnlyList<string> Notes);

/// <summary>
/// One benchmark run: the matrix-product yardstick at each thread count, then every configuration at each fixed count
/// (GanKit against hand-written) and under the automatic policy (GanKit alone), then the PyTorch twin. Everything runs
/// on this thread: libtorch keeps its thread count per OS thread.
/// </summary>
internal static class BenchmarkRun
{
    public static BenchmarkResults Execute(IReadOnlyList<Configuration> configurations, ThreadSettings threads, MeasurementPlan plan, Device device, string mnistFolder)
    {
        var policy = ThreadPolicy.Current;   // null on a GPU: TorchSession leaves the CPU threads alone there
        if (policy is not null)
        {
            policy.Report = line => Console.WriteLine($"  policy: {line}");   // printed as it happens; the table comes at the end
        }

        var torchSharpLoad = new MachineLoad();
        var notes = new List<string>();
        var matrixRates = new Dictionary<int, double>();
        double MatrixRate(int count)
        {
            if (!matrixRates.TryGetValue(count, out var rate))
            {
                UseThreads(policy, count);
                rate = matrixRates[count] = MatrixProductRate.Measure(device, plan.MatrixRepeats);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Matrix product {MatrixProductRate.Size}², {Plural(count, "thread")}: {rate / 1e9:F1} GFLOP/s"));
            }

            return rate;
        }

        foreach (var count in threads.Fixed)
        {
            MatrixRate(count);
        }

        using var data = new RealData(mnistFolder, CourseSize.Pick<int?>(null, 10_000), device);
        var measurements = new List<(Measurement Measurement, double Flops)>();
        var extras = new List<string>();
        foreach (var configuration in configurations)
        {
            var flops = Flops(configuration, device);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{configuration.Name}: {configuration.Description}, batch {configuration.BatchSize}, {flops / 1e9:F3} GFLOP per step"));
            foreach (var count in threads.Fixed)
            {
                UseThreads(policy, count);
                var measurement = LoopComparison.Run(configuration, count, data, device, plan);
                measurements.Add((measurement, flops));
                var handStepMilliseconds = 1000 / measurement.HandStepsPerSecond!.Value;
                var time = measurement.Extras!;
                extras.Add($"{configuration.Name} at {Plural(count, "thread")}: gradient norm {ResultsTable.Number(time.GradientNormMilliseconds)} ms, reads {ResultsTable.Number(time.ReadsMilliseconds)} ms, a collection {ResultsTable.Number(time.CollectionMilliseconds)} ms; together {ResultsTable.Number(100 * time.PerStepMilliseconds(handStepMilliseconds) / handStepMilliseconds)} % of a hand-written step ({ResultsTable.Number(handStepMilliseconds)} ms)");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {Plural(count, "thread")}: GanKit {measurement.GanKitStepsPerSecond:F2} steps/s (first step {measurement.GanKitFirstStepMilliseconds:F0} ms), hand-written {measurement.HandStepsPerSecond:F2} steps/s (first step {measurement.HandFirstStepMilliseconds:F0} ms); GanKit ÷ hand {measurement.GanKitToHand:F3} (median over windows of alternating blocks)"));
            }

            if (threads.Automatic && policy is not null)
            {
                var (measurement, choice) = AutoThreads.Run(configuration, policy, data, device, plan);
                measurements.Add((measurement, flops));
                notes.Add($"{configuration.Name}, auto: {string.Join("; ", choice)}");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {measurement.ThreadsLabel}: GanKit {measurement.GanKitStepsPerSecond:F2} steps/s (first step {measurement.GanKitFirstStepMilliseconds:F0} ms)"));
            }
        }

        if (threads.Automatic && policy is null)
        {
            notes.Add("auto: not measured: on a GPU GanKit has no thread policy");
        }

        var digitCount = configurations.Any(configuration => configuration.Samples == RealSamples.Digits) ? data.DigitCount : 0;
        var torchSharpShare = torchSharpLoad.OthersShare();
        var twinLoad = new MachineLoad();
        var twin = PyTorchTwin.Run(configurations, threads.Fixed, plan, mnistFolder, digitCount, device.type == DeviceType.CUDA ? "cuda" : "cpu");
        var twinShare = twin.Results.Count > 0 ? twinLoad.OthersShare() : null;
        notes.Insert(0, twin.Line);
        var alone = $"{MachineLoad.Describe(torchSharpShare, "while the TorchSharp loops were measured")}{(twinShare is null ? "" : $"; {MachineLoad.Describe(twinShare, "while the PyTorch twin ran")}")}.";
        notes.Insert(0, char.ToUpperInvariant(alone[0]) + alone[1..]);
        if (extras.Count > 0)
        {
            notes.Add($"GanKit's extras, timed alone (each step: the generator's gradient norm, and four `.item()` reads: two losses, two verdicts; and a collection of the youngest .NET generation, which frees TorchSharp's native scalars, at most once per {NativeScalars.Interval.TotalMilliseconds:F0} ms):{string.Concat(extras.Select(line => $"\n  - {line}"))}");
        }

        var rows = measurements.Select(item => new TableRow(item.Measurement, item.Flops, MatrixRate(item.Measurement.Threads),
            item.Measurement.HandStepsPerSecond is null ? null : twin.StepsPerSecond(item.Measurement.Configuration.Name, item.Measurement.Threads))).ToList();
        return new BenchmarkResults(rows, notes);
    }

    /// <summary>Fixes libtorch's intra-op threads at <paramref name="count"/> (through GanKit's policy when there is one).</summary>
    private static void UseThreads(ThreadPolicy? policy, int count)
    {
        if (policy is null)
        {
            torch.set_num_threads(count);
        }
        else
        {
            policy.Use(count);
        }
    }

    private static double Flops(Configuration configuration, Device device)
    {
        var (generator, discriminator) = configuration.Build(device);
        using (generator)
        using (discriminator)
        {
            var (generatorFlops, discriminatorFlops) = FlopCounter.ForwardPerSample(generator, discriminator, device);
            return FlopCounter.PerTrainingStep(generatorFlops, discriminatorFlops, configuration.BatchSize, r1: configuration.Options.R1Weight > 0);
        }
    }

    private static string Plural(int count, string noun) => string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");
}
