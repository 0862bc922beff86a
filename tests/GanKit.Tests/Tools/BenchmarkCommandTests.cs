using System.Globalization;
using Xunit;

namespace GanKit.Tests.Tools;

/// <summary>
/// <c>tools/Benchmark</c> in quick mode (GANKIT_SMOKE=1, short windows): it prints the table, appends the run to its
/// results file and never replaces an earlier run; a bad option is one line naming it, exit code 2. Its numbers are
/// only checked to be there and positive: speed is the benchmark's business, never a test's.
/// </summary>
public sealed class BenchmarkCommandTests : IDisposable
{
    /// <summary>The table's columns, in order: what benchmarks/README.md explains.</summary>
    private static readonly string[] Columns =
    [
        "configuration", "batch", "threads", "GanKit steps/s", "hand steps/s", "GanKit ÷ hand", "PyTorch steps/s", "GanKit ÷ PyTorch",
        "GanKit images/s", "first step ms", "GFLOP/step", "GanKit GFLOP/s", "matmul GFLOP/s", "% of matmul", "working set MiB", "peak MiB",
    ];

    private static readonly string Dll = Path.Combine(RepositoryPaths.Root, "artifacts", "benchmark", "Benchmark.dll");
    private readonly string folder = Directory.CreateTempSubdirectory("gankit-benchmark-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void A_quick_run_prints_the_table_and_a_second_run_is_appended_after_the_first()
    {
        var results = Path.Combine(folder, "results", "benchmark.md");

        var (code, output) = Run("--seconds", "0.5", "--configs", "toy2d-256,mlp-64", "--threads", "1,auto", "--output", results);

        Assert.True(code == 0, output);
        var first = File.ReadAllText(results);
        var rows = Table(first);
        Assert.Equal(["toy2d-256 1", "toy2d-256 auto", "mlp-64 1", "mlp-64 auto"], rows.Select(row => $"{row["configuration"]} {row["threads"].Split(' ')[0]}"));
        foreach (var row in rows)
        {
            var automatic = row["threads"].StartsWith("auto → ", StringComparison.Ordinal);
            foreach (var column in Columns.Skip(3))
            {
                var handOnly = column is "hand steps/s" or "GanKit ÷ hand";
                var twinOnly = column is "PyTorch steps/s" or "GanKit ÷ PyTorch";
                if (twinOnly || (handOnly && automatic))
                {
                    Assert.True(row[column] == "—" || (!automatic && Positive(row[column])), $"{column} = '{row[column]}'");
                }
                else
                {
                    Assert.True(Positive(row[column]), $"{row["configuration"]} {row["threads"]}: {column} = '{row[column]}'");
                }
            }
        }

        Assert.Contains("- PyTorch twin: ", first, StringComparison.Ordinal);
        Assert.Contains("GANKIT_SMOKE: set", first, StringComparison.Ordinal);
        Assert.Contains($"| {string.Join(" | ", Columns)} |", output, StringComparison.Ordinal);   // the console shows the table too

        // Without --configs: every configuration, here at one thread only.
        var (secondCode, secondOutput) = Run("--seconds", "0.2", "--threads", "1", "--output", results);

        Assert.True(secondCode == 0, secondOutput);
        var both = File.ReadAllText(results);
        Assert.StartsWith(first, both, StringComparison.Ordinal);   // the first run is kept as it was, the second follows
        Assert.Equal(2, both.Split('\n').Count(line => line.StartsWith("## ", StringComparison.Ordinal)));
        Assert.Single(both.Split('\n'), line => line.StartsWith("# ", StringComparison.Ordinal));
        Assert.Equal(["dcgan-64", "dcgan-128", "mlp-64", "mlp-128", "toy2d-256"], Table(both).Skip(rows.Count).Select(row => row["configuration"]));
        Assert.All(Table(both).Skip(rows.Count), row => Assert.True(Positive(row["GanKit ÷ hand"]), row["GanKit ÷ hand"]));
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--threads", "1,two")]
    [InlineData("--configs", "dcgan-32")]
    [InlineData("--seconds", "0")]
    public void A_bad_value_is_one_line_naming_the_option_and_exit_code_2(string option, string value)
    {
        var results = Path.Combine(folder, "never.md");

        var (code, output) = Run(option, value, "--output", results);

        Assert.Equal(2, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith($"{option} must be ", line, StringComparison.Ordinal);
        Assert.Contains($"'{value}'", line, StringComparison.Ordinal);
        Assert.False(File.Exists(results));
    }

    [Fact]
    public void An_output_that_is_a_folder_is_refused_before_anything_is_measured()
    {
        var (code, output) = Run("--output", folder);

        Assert.Equal(2, code);
        Assert.StartsWith("--output must name a file", output.Trim(), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(folder));
    }

    private static (int Code, string Output) Run(params string[] arguments) =>
        Notebooks.NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?> { ["GANKIT_SMOKE"] = "1" }, TimeSpan.FromMinutes(5), [Dll, .. arguments]);

    // Every row of every table in the markdown, by column name; each table's header must be Columns.
    private static List<Dictionary<string, string>> Table(string markdown)
    {
        var rows = new List<Dictionary<string, string>>();
        string[]? header = null;
        foreach (var line in markdown.Split('\n').Where(line => line.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray();
            if (cells[0] == "configuration")
            {
                Assert.Equal(Columns, cells);
                header = cells;
            }
            else if (!cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                Assert.NotNull(header);
                Assert.Equal(header.Length, cells.Length);
                rows.Add(header.Zip(cells).ToDictionary(pair => pair.First, pair => pair.Second));
            }
        }

        return rows;
    }

    private static bool Positive(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value);
}
