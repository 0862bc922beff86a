using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Runs the course notebooks headless and writes their executed copies.
/// <code>
/// dotnet run --project tools/NotebookRunner -- notebooks                 # every chapter, one process each
/// dotnet run --project tools/NotebookRunner -- --kernel dotnet-repl notebooks/01-what-is-a-gan.ipynb
/// </code>
/// GANKIT_SMOKE=1 selects the smoke size; the notebooks read it themselves.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: NotebookRunner [options] <notebook.ipynb | folder>...
          --output <folder>          where executed copies go (default: artifacts/notebooks, or artifacts/notebooks/smoke
                                     when GANKIT_SMOKE=1; a dotnet-repl subfolder for that kernel)
          --cell-timeout <seconds>   time limit per cell (default 2400: chapter 05 trains a GAN for 12 minutes in one cell)
          --kernel <name>            in-process (default): .NET Interactive's C# kernel in a child process per notebook;
                                     dotnet-repl: the dotnet-interactive C# kernel through the dotnet-repl tool
          --single                   run exactly one notebook in this process (what each child does)
        """;

    public static async Task<int> Main(string[] args)
    {
        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine(exception.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }

        if (options.Single)
        {
            var notebook = options.Notebooks.Single();
            return await NotebookExecution.RunAsync(notebook, Path.Combine(options.OutputFolder, Path.GetFileName(notebook)), options.CellTimeout);
        }

        Console.WriteLine($"Notebooks: {options.Notebooks.Count} · kernel: {options.Kernel} · {SizeLine()} · executed copies: {options.OutputFolder}");
        var failed = 0;
        var worstExitCode = 0;
        foreach (var notebook in options.Notebooks)
        {
            var (exitCode, line) = options.Kernel == "dotnet-repl"
                ? await DotnetRepl.RunAsync(notebook, options)
                : await RunChildAsync(notebook, options);
            Console.WriteLine(line);
            if (exitCode != 0)
            {
                failed++;
                worstExitCode = Math.Max(worstExitCode, exitCode);
            }
        }

        Console.WriteLine($"{options.Notebooks.Count - failed} passed, {failed} failed");
        return worstExitCode;
    }

    private static string SizeLine() =>
        Environment.GetEnvironmentVariable("GANKIT_SMOKE") is "1" or "true" ? "size: smoke (GANKIT_SMOKE=1)" : "size: full";

    private static async Task<(int ExitCode, string Line)> RunChildAsync(string notebook, Options options)
    {
        var name = Path.GetFileNameWithoutExtension(notebook);
        var logPath = Path.Combine(options.OutputFolder, "logs", $"{name}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"{name}: running …");
        var (exitCode, log) = await RunDotnetAsync(
            Path.GetDirectoryName(Path.GetFullPath(notebook))!,
            [typeof(Program).Assembly.Location, "--single", "--output", options.OutputFolder, "--cell-timeout", options.CellTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture), Path.GetFullPath(notebook)],
            limit: null);
        await File.WriteAllLinesAsync(logPath, log);

        var seconds = clock.Elapsed.TotalSeconds;
        var result = log.LastOrDefault(line => line.StartsWith("Result:", StringComparison.Ordinal))?["Result:".Length..].Trim();
        if (exitCode == 0)
        {
            return (0, $"{name}: passed in {seconds:F1} s — {result ?? "(the notebook printed no Result: line)"}");
        }

        var failureStart = log.FindLastIndex(line => line.StartsWith("FAILED:", StringComparison.Ordinal));
        var details = failureStart >= 0 ? log.Skip(failureStart) : log.TakeLast(40);
        return (exitCode ?? 1, $"{name}: FAILED (exit {exitCode}) after {seconds:F1} s; log: {logPath}\n{string.Join('\n', details)}");
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/>; the exit code is <c>null</c> when it ran past <paramref name="limit"/> and was ended.</summary>
    private static async Task<(int? ExitCode, List<string> Log)> RunDotnetAsync(string workingDirectory, IEnumerable<string> arguments, TimeSpan? limit)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {string.Join(' ', start.ArgumentList)}.");
        var log = new List<string>();
        var reading = Task.WhenAll(Collect(process.StandardOutput, log), Collect(process.StandardError, log));
        using var cancel = new CancellationTokenSource(limit ?? Timeout.InfiniteTimeSpan);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (null, log);
        }

        await reading;
        return (process.ExitCode, log);
    }

    private static async Task Collect(StreamReader reader, List<string> lines)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    /// <summary>The command line, checked.</summary>
    internal sealed record Options(IReadOnlyList<string> Notebooks, string OutputFolder, TimeSpan CellTimeout, string Kernel, bool Single)
    {
        public static Options Parse(string[] args)
        {
            var paths = new List<string>();
            string? output = null;
            var timeout = TimeSpan.FromSeconds(2400);
            var kernel = "in-process";
            var single = false;
            for (var index = 0; index < args.Length; index++)
            {
                string Value() => index + 1 < args.Length ? args[++index] : throw new ArgumentException($"{args[index]} needs a value.");
                switch (args[index])
                {
                    case "--output":
                        output = Value();
                        break;
                    case "--cell-timeout":
                        var text = Value();
                        timeout = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                            ? TimeSpan.FromSeconds(seconds)
                            : throw new ArgumentException($"--cell-timeout must be a positive number of seconds, not '{text}'.");
                        break;
                    case "--kernel":
                        kernel = Value();
                        if (kernel is not ("in-process" or "dotnet-repl"))
                        {
                            throw new ArgumentException($"--kernel must be in-process or dotnet-repl, not '{kernel}'.");
                        }

                        break;
                    case "--single":
                        single = true;
                        break;
                    case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                        throw new ArgumentException($"Unknown option {flag}.");
                    default:
                        paths.Add(args[index]);
                        break;
                }
            }

            var notebooks = paths.SelectMany(Expand).ToList();
            if (notebooks.Count == 0)
            {
                throw new ArgumentException("Name at least one notebook or a folder of notebooks.");
            }

            if (single && notebooks.Count != 1)
            {
                throw new ArgumentException("--single runs exactly one notebook.");
            }

            output ??= DefaultOutput(notebooks[0], kernel);
            return new Options(notebooks, Path.GetFullPath(output), timeout, kernel, single);
        }

        private static IEnumerable<string> Expand(string path)
        {
            if (Directory.Exists(path))
            {
                return Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal);
            }

            return File.Exists(path) && path.EndsWith(".ipynb", StringComparison.Ordinal)
                ? [path]
                : throw new ArgumentException($"{path} is neither a notebook (.ipynb) nor a folder.");
        }

        private static string DefaultOutput(string notebook, string kernel)
        {
            var folder = new DirectoryInfo(Path.GetDirectoryName(Path.GetFullPath(notebook))!);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "global.json")))
            {
                folder = folder.Parent;
            }

            var root = folder?.FullName ?? Directory.GetCurrentDirectory();
            var output = Path.Combine(root, "artifacts", "notebooks");
            if (Environment.GetEnvironmentVariable("GANKIT_SMOKE") is "1" or "true")
            {
                output = Path.Combine(output, "smoke");
            }

            return kernel == "dotnet-repl" ? Path.Combine(output, "dotnet-repl") : output;
        }
    }

    /// <summary>Runs a notebook through the dotnet-repl tool (the dotnet-interactive C# kernel) and checks its outputs.</summary>
    private static class DotnetRepl
    {
        public static async Task<(int ExitCode, string Line)> RunAsync(string notebook, Options options)
        {
            var name = Path.GetFileNameWithoutExtension(notebook);
            var fullNotebook = Path.GetFullPath(notebook);
            var output = Path.Combine(options.OutputFolder, Path.GetFileName(notebook));
            Directory.CreateDirectory(options.OutputFolder);
            var codeCells = JsonNode.Parse(await File.ReadAllTextAsync(fullNotebook))!["cells"]!.AsArray().Count(cell => (string?)cell!["cell_type"] == "code");
            var limit = options.CellTimeout * Math.Max(1, codeCells);

            // dotnet-repl resolves relative paths against the folder it starts in, so start it in the notebook's folder.
            var clock = Stopwatch.StartNew();
            Console.WriteLine($"{name}: running under dotnet-repl …");
            var (exitCode, log) = await RunDotnetAsync(Path.GetDirectoryName(fullNotebook)!, ["repl", "--run", fullNotebook, "--exit-after-run", "--output-path", output], limit);
            if (exitCode is null)
            {
                return (3, $"{name}: FAILED under dotnet-repl: not finished within {limit.TotalSeconds:F0} s");
            }

            var seconds = clock.Elapsed.TotalSeconds;
            if (!File.Exists(output))
            {
                return (exitCode.Value == 0 ? 1 : exitCode.Value, $"{name}: FAILED under dotnet-repl (exit {exitCode.Value}), no executed copy written:\n{string.Join('\n', log.TakeLast(40))}");
            }

            var executed = JsonNode.Parse(await File.ReadAllTextAsync(output))!;
            var firstError = FirstError(executed);
            if (exitCode.Value != 0 || firstError is not null)
            {
                return (exitCode.Value == 0 ? 1 : exitCode.Value, $"{name}: FAILED under dotnet-repl (exit {exitCode.Value}) after {seconds:F1} s; executed copy: {output}\n{firstError ?? string.Join('\n', log.TakeLast(40))}");
            }

            var result = Outputs(executed)
                .SelectMany(text => text.Split('\n'))
                .LastOrDefault(line => line.StartsWith("Result:", StringComparison.Ordinal))?["Result:".Length..].Trim();
            return (0, $"{name}: passed under dotnet-repl in {seconds:F1} s — {result ?? "(no Result: line)"}");
        }

        private static string? FirstError(JsonNode notebook)
        {
            foreach (var cell in notebook["cells"]!.AsArray())
            {
                foreach (var output in cell!["outputs"]?.AsArray() ?? [])
                {
                    if ((string?)output!["output_type"] == "error")
                    {
                        return $"----- cell source -----\n{Lines(cell["source"])}\n----- error -----\n{output["ename"]}: {output["evalue"]}";
                    }
                }
            }

            return null;
        }

        private static IEnumerable<string> Outputs(JsonNode notebook) =>
            notebook["cells"]!.AsArray()
                .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
                .Select(output => output!["text"] ?? output["data"]?["text/plain"])
                .Where(text => text is not null)
                .Select(Lines);

        private static string Lines(JsonNode? node) => node switch
        {
            JsonArray array => string.Concat(array.Select(line => (string?)line)),
            JsonValue value => (string?)value ?? "",
            _ => "",
        };
    }
}
