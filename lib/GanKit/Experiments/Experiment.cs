using GanKit.Display;
using static TorchSharp.torch;

namespace GanKit.Experiments;

/// <summary>One column of an <see cref="Experiment{TResult}"/>'s table: a number read from each run's result, and how to print it.</summary>
public sealed record Metric<TResult>(string Name, Func<TResult, double> Value, string Format = "F2");

/// <summary>
/// Configurations compared on the same seeds: each <see cref="Run"/> adds a row (a <see cref="SeedSweep{TResult}"/>), and
/// <see cref="Table"/> shows every metric as mean ± sd (min–max) over the seeds, with the seconds per run. Introduced in
/// chapter 04 (methods × data sets); chapter 06 compares its models with it.
/// <code>
/// var experiment = new Experiment&lt;ModeCoverage&gt;("Mode collapse", seeds: [1, 2, 3],
///     [new Metric&lt;ModeCoverage&gt;("modes", c => c.ModesCaptured, "F1")]);
/// experiment.Run("non-saturating · ring", run => TrainAndMeasure(run));
/// experiment.Table()
/// </code>
/// </summary>
public sealed class Experiment<TResult>
{
    private readonly List<SeedSweep<TResult>> rows = [];

    /// <summary>
    /// An empty table titled <paramref name="title"/>, whose rows run on <paramref name="seeds"/> one after another
    /// (<see cref="SeedSweep.Run{TResult}"/> says why), with random generators on <paramref name="device"/>, and show
    /// <paramref name="metrics"/>.
    /// </summary>
    public Experiment(string title, IEnumerable<int> seeds, IReadOnlyList<Metric<TResult>> metrics, Device? device = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(metrics);
        Title = title;
        Seeds = SeedSweep.DistinctSeeds(seeds);
        Metrics = metrics;
        Device = device ?? CPU;
    }

    public string Title { get; }

    public IReadOnlyList<int> Seeds { get; }

    public IReadOnlyList<Metric<TResult>> Metrics { get; }

    /// <summary>Where each run's random generator lives.</summary>
    public Device Device { get; }

    /// <summary>The rows run so far, in order.</summary>
    public IReadOnlyList<SeedSweep<TResult>> Rows => rows;

    /// <summary>The row labelled <paramref name="label"/>.</summary>
    /// <exception cref="KeyNotFoundException">No row has that label; the message lists the labels.</exception>
    public SeedSweep<TResult> this[string label] =>
        rows.Find(row => row.Label == label)
        ?? throw new KeyNotFoundException($"No row is labelled '{label}'. The rows: {string.Join(", ", rows.Select(row => $"'{row.Label}'"))}.");

    /// <summary>Runs <paramref name="run"/> on every seed (see <see cref="SeedSweep.Run"/>) and adds the row.</summary>
    /// <exception cref="ArgumentException">A row already has the label.</exception>
    public SeedSweep<TResult> Run(string label, Func<SeededRun, TResult> run, Action<SeedRun<TResult>>? completed = null)
    {
        if (rows.Exists(row => row.Label == label))
        {
            throw new ArgumentException($"A row is already labelled '{label}': give each configuration its own label.", nameof(label));
        }

        var sweep = SeedSweep.Run(label, Seeds, run, completed, Device);
        rows.Add(sweep);
        return sweep;
    }

    /// <summary>The rows so far as a table: one column per metric, then seconds per run.</summary>
    public ResultTable Table()
    {
        var columns = Metrics.Select(metric => metric.Name).Append("seconds per run").ToList();
        var cells = rows.Select(row => (IReadOnlyList<string>)Metrics
                .Select(metric => row.Measure(metric.Value).ToString(metric.Format))
                .Append(row.Seconds.ToString("F0"))
                .ToList())
            .ToList();
        return new ResultTable(
            $"{Title}: mean ± sd (min–max) over seeds {string.Join(", ", Seeds)}",
            columns,
            rows.Select(row => row.Label).ToList(),
            cells);
    }
}
