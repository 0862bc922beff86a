using System.CommandLine;
using GanKit.Runtime;
using GanKit.Tools;

namespace NotebookRunner;

/// <summary>The runner's command line: its options, their checks and its help.</summary>
internal static class RunnerCommand
{
    /// <summary>The longest <c>--cell-timeout</c>, a day: longer limits overflow the timers of the routes that multiply it by the cell count.</summary>
    public const int MaximumCellSeconds = 86_400;

    private static readonly Dictionary<KernelRoute, string> KernelNames = new()
    {
        [KernelRoute.InProcess] = "in-process",
        [KernelRoute.DotnetRepl] = "dotnet-repl",
        [KernelRoute.Jupyter] = "jupyter",
    };

    /// <summary>The name <c>--kernel</c> takes for <paramref name="kernel"/>.</summary>
    public static string Name(KernelRoute kernel) => KernelNames[kernel];

    /// <summary>The kernel named <paramref name="name"/>, or null when there is none of that name.</summary>
    private static KernelRoute? Route(string? name) =>
        KernelNames.Where(pair => pair.Value == name).Select(pair => (KernelRoute?)pair.Key).FirstOrDefault();

    /// <summary>The root command; a valid command line runs <paramref name="run"/>.</summary>
    public static RootCommand Create(Func<RunnerOptions, Task<int>> run)
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb) or folders of notebooks, run in name order.",
            HelpName = "notebook.ipynb|folder",
            Arity = ArgumentArity.OneOrMore,
        };
        notebooks.Validators.Add(result =>
        {
            // Every notebook is checked before any runs: one that cannot run stops the whole command line.
            foreach (var path in result.Tokens.Select(token => token.Value))
            {
                foreach (var problem in Problems(path))
                {
                    result.AddError(problem);
                }
            }
        });

        var output = new Option<string>("--output")
        {
            Description = "Where the executed copies go (default: artifacts/notebooks, or artifacts/notebooks/smoke with GANKIT_SMOKE=1; a subfolder named for the kernel unless in-process).",
            HelpName = "folder",
        };

        var cellTimeout = TypedOptions.Number("--cell-timeout", "seconds", "Time limit per cell (chapter 05 trains a GAN for 12 minutes in one cell).",
            seconds => seconds > 0 && seconds <= MaximumCellSeconds, $"a positive number of seconds, at most {MaximumCellSeconds} (a day)", _ => 2400);

        var kernel = new Option<string>("--kernel")
        {
            Description = "in-process: .NET Interactive's C# kernel in a child process per notebook; dotnet-repl: the dotnet-interactive "
                + "kernel through the dotnet-repl tool; jupyter: the .net-csharp Jupyter kernel through jupyter nbconvert --execute.",
            HelpName = string.Join('|', KernelNames.Values),
            DefaultValueFactory = _ => Name(KernelRoute.InProcess),
        };
        kernel.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (Route(text) is null)
            {
                result.AddError($"--kernel must be {string.Join(", ", KernelNames.Values.SkipLast(1))} or {KernelNames.Values.Last()}, not '{text}'.");
            }
        });
        kernel.CompletionSources.Add(KernelNames.Values.ToArray());

        var single = new Option<bool>("--single")
        {
            Description = "Run exactly one notebook in this process on the in-process kernel (what each child process of the in-process kernel does).",
        };

        var twice = new Option<bool>("--twice")
        {
            Description = "Run each notebook, then run it again in the same kernel from the first cell after its setup cells (the #r "
                + "references, usings and TorchSession.Start()), as a learner who re-runs a chapter does. In-process kernel only.",
        };

        var grade = new Option<bool>("--grade")
        {
            Description = "Grade a learner's notebook: run every cell even after one fails, and report each exercise as correct, wrong, "
                + "not attempted or not run (a table, and NAME.grades.json beside the executed copy). In-process kernel only.",
        };

        var command = new RootCommand(
            "Runs the course notebooks headless, top to bottom, one process per notebook, and writes their executed copies "
            + "(nbformat 4.5). GANKIT_SMOKE=1 runs them in smoke size. Exit code: 0 all passed, 1 a cell failed (or an "
            + "unexpected error, its trace in a file), 2 a command line or set-up problem, 3 a cell over its time limit.")
        {
            notebooks, output, cellTimeout, kernel, single, twice, grade,
        };
        command.Validators.Add(result =>
        {
            // A validator sees no default values: an absent --kernel is null here.
            var kernelRoute = Route(result.GetValue(kernel) ?? Name(KernelRoute.InProcess));
            if (result.GetValue(single) && (result.GetValue(notebooks) is not [var notebook] || !File.Exists(notebook) || kernelRoute != KernelRoute.InProcess))
            {
                result.AddError("--single runs exactly one notebook, on the in-process kernel.");
            }

            if (result.GetValue(twice) && kernelRoute != KernelRoute.InProcess)
            {
                result.AddError("--twice runs on the in-process kernel only: the other kernels are driven by their own tools, which run a notebook once.");
            }

            if (result.GetValue(grade) && kernelRoute != KernelRoute.InProcess)
            {
                result.AddError("--grade runs on the in-process kernel only: the other kernels stop at the first failing cell.");
            }
        });

        command.SetAction(async (parseResult, _) =>
        {
            RunnerOptions options;
            try
            {
                var smoke = Settings.IsSmoke;
                var kernelRoute = Route(parseResult.GetValue(kernel))!.Value;
                var paths = parseResult.GetValue(notebooks)!.SelectMany(Expand).ToList();
                var outputFolder = Path.GetFullPath(parseResult.GetValue(output) ?? RunnerOptions.DefaultOutputFolder(paths[0], kernelRoute, smoke));
                options = new RunnerOptions(paths, outputFolder, TimeSpan.FromSeconds(parseResult.GetValue(cellTimeout)), kernelRoute, parseResult.GetValue(single), smoke, parseResult.GetValue(twice), parseResult.GetValue(grade));
            }
            catch (ArgumentException exception)
            {
                // A GANKIT_* setting that is not allowed: Settings says which and what it may be.
                await Console.Error.WriteLineAsync(exception.Message);
                return Program.UsageError;
            }

            if (OutputFolderCheck.Problem(options.OutputFolder, options.Notebooks) is { } outputProblem)
            {
                await Console.Error.WriteLineAsync(outputProblem);
                return Program.UsageError;
            }

            return await run(options);
        });
        return command;
    }

    /// <summary>
    /// What keeps <paramref name="path"/>, as typed, from being run: not a notebook nor a folder, a folder without notebooks,
    /// or a notebook that <see cref="NotebookFileCheck"/> refuses (each of a folder's). One line each; none when it can run.
    /// </summary>
    private static IEnumerable<string> Problems(string path)
    {
        if (Directory.Exists(path))
        {
            var folder = Path.GetFullPath(path);
            string[] files;
            try
            {
                files = Directory.GetFiles(folder, "*.ipynb");
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                return [$"The folder {folder} cannot be read ({OneLine.Of(exception.Message)}). Check that you may read it."];
            }

            if (files.Length == 0)
            {
                return [folder.EndsWith(".ipynb", StringComparison.Ordinal)
                    ? $"{folder} is a folder, not a notebook file, and holds no notebook (.ipynb). Name the notebook file itself, or a folder of notebooks."
                    : $"The folder {folder} holds no notebook (.ipynb). Name a notebook, or a folder of notebooks."];
            }

            return files.Order(StringComparer.Ordinal).Select(NotebookFileCheck.Problem).OfType<string>();
        }

        if (!(File.Exists(path) && path.EndsWith(".ipynb", StringComparison.Ordinal)))
        {
            return [$"{path} is neither a notebook (.ipynb) nor a folder."];
        }

        return NotebookFileCheck.Problem(Path.GetFullPath(path)) is { } problem ? [problem] : [];
    }

    /// <summary>A notebook's full path, or a folder's notebooks in name order.</summary>
    private static IEnumerable<string> Expand(string path) =>
        Directory.Exists(path)
            ? Directory.GetFiles(Path.GetFullPath(path), "*.ipynb").Order(StringComparer.Ordinal)
            : [Path.GetFullPath(path)];
}
