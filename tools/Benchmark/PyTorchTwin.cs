using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GanKit.Tools;

namespace Benchmark;

/// <summary>One PyTorch measurement: a configuration at a fixed thread count.</summary>
internal sealed record TwinResult(string Configuration, int Threads, double StepsPerSecond, double FirstStepMilliseconds);

/// <summary>The twin's JSON: PyTorch's version, its BLAS, its own matrix-product rate per thread count, and its results.</summary>
internal sealed record TwinOutput(string Torch, string Blas, Dictionary<string, double> MatrixFlopsPerSecond, TwinResult[] Results);

/// <summary>What the PyTorch twin gave: its results (none when it could not run) and one line saying what happened.</summary>
internal sealed record TwinOutcome(IReadOnlyList<TwinResult> Results, string Line)
{
    /// <summary>The twin's rate for <paramref name="configuration"/> at <paramref name="threads"/>, or null.</summary>
    public double? StepsPerSecond(string configuration, int threads) =>
        Results.FirstOrDefault(result => result.Configuration == configuration && result.Threads == threads)?.StepsPerSecond;
}

/// <summary>
/// Runs <c>pytorch_twin.py</c> (beside the tool) — the same networks, loop and thread counts in PyTorch — with the first
/// Python 3 that imports torch: <c>python3</c> on the path, then Debian's <c>/usr/bin/python3</c> (where
/// <c>apt install python3-torch</c> puts it). It prints its results as JSON on its last line.
/// </summary>
internal static class PyTorchTwin
{
    private static readonly string[] Interpreters = ["python3", "/usr/bin/python3"];
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TwinOutcome Run(IReadOnlyList<Configuration> configurations, IReadOnlyList<int> threads, MeasurementPlan plan, string mnistFolder, long digitCount, string device)
    {
        if (threads.Count == 0)
        {
            return new TwinOutcome([], "PyTorch twin: not run (no fixed thread count asked for).");
        }

        if (FindInterpreter() is not { } found)
        {
            return new TwinOutcome([], "PyTorch twin: python3-torch not installed (apt install python3-torch).");
        }

        var script = Path.Combine(AppContext.BaseDirectory, "pytorch_twin.py");
        string[] arguments =
        [
            script,
            "--configs", string.Join(',', configurations.Select(configuration => configuration.Name)),
            "--threads", string.Join(',', threads),
            "--seconds", plan.Seconds.ToString("R", CultureInfo.InvariantCulture),
            "--repeats", $"{plan.Repeats}",
            "--warm-up", plan.WarmUp.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--mnist", mnistFolder,
            "--digits", $"{digitCount}",
            "--device", device,
            "--matrix-repeats", $"{plan.MatrixRepeats}",
            "--settings", JsonSerializer.Serialize(configurations.ToDictionary(configuration => configuration.Name, configuration => configuration.TwinSettings())),
        ];
        // Each measurement: a fresh pair of networks, a warm-up and the timed windows; plus start-up and loading.
        var expected = configurations.Count * threads.Count * ((plan.Repeats * plan.Seconds) + plan.WarmUp.TotalSeconds + 5);
        var (code, output, errors) = Execute(found.Path, arguments, TimeSpan.FromSeconds((3 * expected) + 120), echo: true);
        if (code != 0)
        {
            return new TwinOutcome([], $"PyTorch twin: {found.Path} {Path.GetFileName(script)} failed (exit code {code}: {OneLine.Of(errors.LastOrDefault(line => line.Trim().Length > 0) ?? "no message")}).");
        }

        try
        {
            var twin = JsonSerializer.Deserialize<TwinOutput>(output.Last(line => line.Trim().Length > 0), JsonOptions)
                ?? throw new JsonException("null");
            var matrix = string.Join(", ", twin.MatrixFlopsPerSecond.Select(rate => $"{ResultsTable.Number(rate.Value / 1e9)} GFLOP/s at {rate.Key}"));
            return new TwinOutcome(twin.Results,
                $"PyTorch twin: PyTorch {twin.Torch} ({found.Path}), the same networks and loop at the same fixed thread counts; its BLAS {twin.Blas}, whose 2048² product runs at {matrix} thread(s) — compare with the matmul column before reading its ratio as TorchSharp against PyTorch.");
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return new TwinOutcome([], $"PyTorch twin: its output was not the JSON expected ({OneLine.Of(exception.Message)}).");
        }
    }

    // The first interpreter that imports torch, with torch's version.
    private static (string Path, string Version)? FindInterpreter()
    {
        foreach (var interpreter in Interpreters)
        {
            try
            {
                var (code, output, _) = Execute(interpreter, ["-c", "import torch; print(torch.__version__)"], TimeSpan.FromMinutes(1), echo: false);
                if (code == 0 && output.LastOrDefault(line => line.Trim().Length > 0) is { } version)
                {
                    return (interpreter, version.Trim());
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under that name.
            }
        }

        return null;
    }

    // Runs a program to its end (killed after the limit); standard error is echoed line by line when asked.
    private static (int Code, List<string> Output, List<string> Errors) Execute(string program, IEnumerable<string> arguments, TimeSpan limit, bool echo)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var output = new List<string>();
        var errors = new List<string>();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        process.OutputDataReceived += (_, line) => { lock (output) { if (line.Data is not null) { output.Add(line.Data); } } };
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (errors)
            {
                errors.Add(line.Data);
            }

            if (echo)
            {
                Console.WriteLine($"  twin: {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            return (-1, output, [.. errors, $"did not finish within {limit.TotalSeconds:F0} s"]);
        }

        process.WaitForExit();   // the output's last lines
        return (process.ExitCode, output, errors);
    }
}
