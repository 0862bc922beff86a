using System.CommandLine;
using GanKit;
using GanKit.Runtime;
using GanKit.Tools;

namespace Benchmark;

/// <summary>The command line: what to measure, for how long, and where the results go.</summary>
internal static class BenchmarkCommand
{
    private static readonly Option<double> Seconds = TypedOptions.Number("--seconds", "S",
        "Length of each timed window, per loop and repeat (quick mode: 1)", value => value > 0, "a positive number of seconds", _ => CourseSize.Pick(6.0, 1.0));

    // No default value of their own (help would print it as an object): not given means the default the description names.
    private static readonly Option<ThreadSettings?> Threads = new("--threads")
    {
        Description = $"Thread settings to measure at, comma-separated: fixed counts and 'auto' (GanKit's automatic policy) [default: {string.Join(',', ThreadSettings.Default.Names)}]",
        HelpName = "LIST",
        CustomParser = result => result.Tokens is [var token]
            ? ThreadSettings.Parse(token.Value) is { } settings && (settings.Fixed.Count > 0 || settings.Automatic)
                ? settings
                : Error<ThreadSettings>(result, $"{TypedOptions.Typed(result)} must be thread counts (whole numbers of at least 1) and 'auto', comma-separated and each once, such as {string.Join(',', ThreadSettings.Default.Names)}; not '{token.Value}'.")
            : null,   // the parser reports a missing value itself
    };

    private static readonly Option<Configuration[]?> Configs = new("--configs")
    {
        Description = $"Configurations to measure, comma-separated: {string.Join(", ", Configurations.Names)} [default: all]",
        HelpName = "NAMES",
        Arity = ArgumentArity.ExactlyOne,
        CustomParser = result => result.Tokens is [var token]
            ? token.Value.Split(',', StringSplitOptions.TrimEntries).Select(Configurations.Find).ToArray() is { Length: > 0 } found && found.All(item => item is not null) && found.Distinct().Count() == found.Length
                ? [.. found.OfType<Configuration>()]
                : Error<Configuration[]>(result, $"{TypedOptions.Typed(result)} must be names from {string.Join(", ", Configurations.Names)}, comma-separated and each once; not '{token.Value}'.")
            : null,
    };

    private static readonly Option<FileInfo?> Output = new("--output")
    {
        Description = "The markdown file the run is added to (never overwritten: runs are appended) [default: benchmarks/<today, UTC>.md in the repository]",
        HelpName = "FILE",
        CustomParser = result =>
        {
            if (result.Tokens is not [var token])
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(token.Value) || Directory.Exists(token.Value))
            {
                result.AddError($"{TypedOptions.Typed(result)} must name a file, not '{token.Value}'{(Directory.Exists(token.Value) ? ", which is a folder" : "")}.");
                return null;
            }

            return new FileInfo(token.Value);
        },
    };

    public static RootCommand Create()
    {
        var root = new RootCommand("""
            Measures the course's training loops: GanKit's trainer against a hand-written TorchSharp loop (and PyTorch,
            when python3 imports torch), at fixed thread counts and GanKit's automatic one. From the repository:
              dotnet run --project tools/Benchmark -c Release
            GANKIT_SMOKE=1 in front makes it a quick check of the command (1 s windows, one repeat); its numbers are no results.
            """)
        {
            Seconds, Threads, Configs, Output,
        };
        root.SetAction(Run);
        return root;
    }

    private static T? Error<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
        where T : class
    {
        result.AddError(message);
        return null;
    }

    private static int Run(ParseResult parse)
    {
        TorchSession.CheckSettings();
        var started = DateTime.UtcNow;
        var output = parse.GetValue(Output)?.FullName ?? ResultsFile.DefaultPath(started);
        ResultsFile.Check(output);   // before minutes of measuring
        var loadAverage = RunHeading.LoadAverage();   // before this process adds to it
        var machineLoad = new MachineLoad();
        var plan = new MeasurementPlan(
            Seconds: parse.GetValue(Seconds),
            Repeats: CourseSize.Pick(5, 1),
            WarmUp: TimeSpan.FromSeconds(CourseSize.Pick(2.0, 0.25)),
            MatrixRepeats: CourseSize.Pick(5, 2),
            ExtrasTime: TimeSpan.FromSeconds(CourseSize.Pick(1.0, 0.2)),
            AutoLimit: TimeSpan.FromSeconds(CourseSize.Pick(120, 30)));
        var threads = parse.GetValue(Threads) ?? ThreadSettings.Default;
        // Not given, the array option reads as empty rather than null.
        IReadOnlyList<Configuration> configurations = parse.GetValue(Configs) is { Length: > 0 } named ? named : [.. Configurations.All];

        var session = TorchSession.Start();
        var results = BenchmarkRun.Execute(configurations, threads, plan, session.Device, RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"));
        var othersShare = machineLoad.OthersShare();
        var run = string.Join('\n', RunHeading.Markdown(started, session.Device, threads.Names, plan, $"load average at the start {loadAverage}; {MachineLoad.Describe(othersShare)}"), ResultsTable.Markdown(results.Rows), string.Join('\n', results.Notes.Select(note => $"- {note}")), "");
        Console.WriteLine();
        Console.WriteLine(run);
        ResultsFile.Append(output, $"# Training-loop benchmarks, {started:yyyy-MM-dd} (UTC)\n\nRuns of `dotnet run --project tools/Benchmark -c Release`, oldest first; benchmarks/README.md says how to read them.\n", run);
        Console.WriteLine($"Added to {output}");
        if (othersShare > MachineLoad.Negligible)
        {
            Console.WriteLine($"Other processes used {100 * othersShare:F0} % of the CPU time while this ran: run it again when the machine is idle.");
        }

        return 0;
    }
}
