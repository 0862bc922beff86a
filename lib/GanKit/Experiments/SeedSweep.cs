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
    /// Calls <paramref name="run"/> once per seed in <paramref name="seeds"/>, in order, with a <see cref="SeededRun"/> and
    /// times it; <paramref name="completed"/> hears of each run as it ends. The runs come back in seed order.
    /// </summary>
    /// <remarks>
    /// The seeds run one after another on the calling thread, never side by side on threads of their own. TorchSharp
    /// turns the plain numbers given to its operations (inside <c>optimizer.step()</c>, <c>softplus</c>,
    /// <c>leaky_relu</c>, <c>x * 0.5</c>) into native scalars and hands their handles to libtorch without keeping them
    /// alive, so a garbage collection started by a second training thread can let the finaliser free a scalar that the
    /// first thread's native call is still reading. Chapter 03's seeds, trained side by side, failed in CI with libtorch's
    /// "Expected false to be true" from <c>Scalar::toFloat</c> (a cell of the same chapter failed in a later CI run), and a
    /// probe whose third thread forced collections failed the same way in Adam's step within two minutes. One training loop
    /// per process is safe: its own collections happen between native calls.
    /// </remarks>
    /// <param name="label">The configuration's name.</param>
    /// <param name="seeds">The seeds, each once.</param>
    /// <param name="run">Trains and measures one seed; draw randomness only from the <see cref="SeededRun"/>.</param>
    /// <param name="completed">Called after each run, for a progress line.</param>
    /// <param name="device">Where each run's random generator lives; the CPU by default.</param>
    /// <exception cref="ArgumentException">No seeds, or a seed twice.</exception>
    public static SeedSweep<TResult> Run<TResult>(string label, IEnumerable<int> seeds, Func<SeededRun, TResult> run, Action<SeedRun<TResult>>? completed = null, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        ArgumentNullException.ThrowIfNull(run);
        var runs = new List<SeedRun<TResult>>();
        foreach (var seed in DistinctSeeds(seeds))
        {
            var clock = Stopwatch.StartNew();
            var result = run(new SeededRun(seed, device ?? torch.CPU));
            runs.Add(new SeedRun<TResult>(seed, result, clock.Elapsed));
            completed?.Invoke(runs[^1]);
        }

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
