using System.Globalization;
using System.Text;

namespace Benchmark;

/// <summary>One line of the table: a measurement with the yardsticks it is read against.</summary>
/// <param name="Measurement">The loops' rates, latency and memory.</param>
/// <param name="FlopsPerStep">A training step's FLOPs, counted from the layers' shapes (<see cref="FlopCounter"/>).</param>
/// <param name="MatrixFlopsPerSecond">The large matrix product's FLOP/s at the same thread count.</param>
/// <param name="TwinStepsPerSecond">PyTorch's rate at the same fixed count, or null.</param>
internal sealed record TableRow(Measurement Measurement, double FlopsPerStep, double MatrixFlopsPerSecond, double? TwinStepsPerSecond);

/// <summary>The results as a markdown table, one row per configuration and thread setting.</summary>
internal static class ResultsTable
{
    /// <summary>The columns, in order (the tests read the table by these names).</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "configuration", "batch", "threads", "GanKit steps/s", "hand steps/s", "GanKit ÷ hand", "PyTorch steps/s", "GanKit ÷ PyTorch",
        "GanKit images/s", "first step ms", "GFLOP/step", "GanKit GFLOP/s", "matmul GFLOP/s", "% of matmul", "working set MiB", "peak MiB",
    ];

    /// <summary>The table's markdown, header first.</summary>
    public static string Markdown(IEnumerable<TableRow> rows)
    {
        var text = new StringBuilder();
        text.Append("| ").AppendJoin(" | ", Columns).AppendLine(" |");
        text.Append('|').AppendJoin('|', Columns.Select((_, index) => index < 3 ? "---" : "---:")).AppendLine("|");
        foreach (var row in rows)
        {
            text.Append("| ").AppendJoin(" | ", Cells(row)).AppendLine(" |");
        }

        return text.ToString();
    }

    /// <summary><paramref name="value"/> with three significant figures (no exponent), or a dash for no value.</summary>
    public static string Number(double? value)
    {
        if (value is not { } number || !double.IsFinite(number))
        {
            return "—";
        }

        var decimals = number == 0 ? 0 : Math.Clamp(2 - (int)Math.Floor(Math.Log10(Math.Abs(number))), 0, 6);
        return number.ToString($"F{decimals}", CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Cells(TableRow row)
    {
        var measurement = row.Measurement;
        var rate = measurement.GanKitStepsPerSecond;
        var flopRate = row.FlopsPerStep * rate;
        return
        [
            measurement.Configuration.Name,
            $"{measurement.Configuration.BatchSize}",
            measurement.ThreadsLabel,
            Number(rate),
            Number(measurement.HandStepsPerSecond),
            Number(measurement.GanKitToHand),
            Number(row.TwinStepsPerSecond),
            Number(rate / row.TwinStepsPerSecond),
            Number(measurement.Configuration.BatchSize * rate),
            Number(measurement.GanKitFirstStepMilliseconds),
            Number(row.FlopsPerStep / 1e9),
            Number(flopRate / 1e9),
            Number(row.MatrixFlopsPerSecond / 1e9),
            Number(100 * flopRate / row.MatrixFlopsPerSecond),
            Number(measurement.WorkingSetMiB),
            Number(measurement.PeakWorkingSetMiB),
        ];
    }
}
