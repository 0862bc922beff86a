using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace GanKit.Experiments;

/// <summary>One run of a configuration: its seed, what it returned and how long it took.</summary>
public sealed record SeedRun<TResult>(int Seed, TResult Result, TimeSpan Elapsed);

/// <summary>
/// One configuration run once per seed, each run seeded by its <see cref="SeededRun"/>, so a row of a table is
/// reproducible and no seed is picked after the fact. Introduced in chapter 04; <see cref="Experiment{TResult}"/> holds
/// several as a table.
/// <code>
/// var sweep = SeedSweep.Run("non-saturating", [1, 2, 3], run => TrainAndMeasure(run));
/// Console.WriteLine(sweep.Measure(coverage => coverage.ModesCaptured).ToString("F1"));
/// </code>
/// </summary>
public sealed class SeedSweep<TResult>
{
    internal SeedSweep(string label, IReadOnlyList<SeedRun<TResult>> runs)
    {
        Label = label;
        Runs = runs;
    }

    /// <summary>The configuration's name, a row of the table.</summary>
    public string Label { get; }

    /// <summary>The runs in seed order.</summary>
    public IReadOnlyList<SeedRun<TResult>> Runs { get; }

    /// <summary>How <paramref name="metric"/> of the results varied over the seeds.</summary>
    public Spread Measure(Func<TResult, double> metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Spread.Of(Runs.Select(run => metric(run.Result)));
    }

    /// <summary>How long one seed's run took, in seconds.</summary>
    public Spread Seconds => Spread.Of(Runs.Select(run => run.Elapsed.TotalSeconds));
}

/// <summary>Runs a configuration over seeds: see <see cref="SeedSweep{TResult}"/>.</summary>
public static class SeedSweep
{
    /// <summary>
    /// Calls <paramref name="run"/> once per seed in <paramref name="seeds"/> with a <see cref="SeededRun"/> and times it,
    /// up to <paramref name="parallelRuns"/> seeds at a time (each on its own thread: on a CPU with one intra-op thread per
    /// run, two runs use two cores); <paramref name="completed"/> hears of each run as it ends, one at a time. The runs come
    /// back in seed order.
    /// </summary>
    /// <param name="label">The configuration's name.</param>
    /// <param name="seeds">The seeds, each once.</param>
    /// <param name="run">Trains and measures one seed; draw randomness only from the <see cref="SeededRun"/>.</param>
    /// <param name="completed">Called after each run, for a progress line; never by two threads at once.</param>
    /// <param name="parallelRuns">How many seeds may run at the same time; 1 runs them in order.</param>
    /// <param name="device">Where each run's random generator lives; the CPU by default.</param>
    /// <exception cref="ArgumentException">No seeds, or a seed twice.</exception>
    public static SeedSweep<TResult> Run<TResult>(string label, IEnumerable<int> seeds, Func<SeededRun, TResult> run, Action<SeedRun<TResult>>? completed = null, int parallelRuns = 1, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelRuns, 1);
        var seedList = DistinctSeeds(seeds);
        var runs = new SeedRun<TResult>[seedList.Count];
        var reporting = new Lock();
        Parallel.For(0, seedList.Count, new ParallelOptions { MaxDegreeOfParallelism = parallelRuns }, index =>
        {
            var clock = Stopwatch.StartNew();
            var result = run(new SeededRun(seedList[index], device ?? torch.CPU));
            runs[index] = new SeedRun<TResult>(seedList[index], result, clock.Elapsed);
            lock (reporting)
            {
                completed?.Invoke(runs[index]);
            }
        });
        return new SeedSweep<TResult>(label, runs);
    }

    /// <summary>The seeds as a list, each once and at least one.</summary>
    /// <exception cref="ArgumentException">No seeds, or a seed twice.</exception>
    internal static List<int> DistinctSeeds(IEnumerable<int> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        var seedList = seeds.ToList();
        if (seedList.Count == 0 || seedList.Distinct().Count() != seedList.Count)
        {
            throw new ArgumentException($"Give each seed once, at least one: [{string.Join(", ", seedList)}].", nameof(seeds));
        }

        return seedList;
    }
}
