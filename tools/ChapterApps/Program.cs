using System.CommandLine;
using System.Text;
using GanKit.Data;
using GanKit.Display;
using GanKit.Tools;

namespace ChapterApps;

/// <summary>
/// Writes each chapter as a .NET file-based app, <c>notebooks/apps/NN-topic.cs</c>, or checks that the committed apps
/// are what their notebooks make now.
/// <code>
/// dotnet run --project tools/ChapterApps -c Release             # every notebook in notebooks/
/// dotnet run --project tools/ChapterApps -c Release -- --check  # exit 1 if an app is not up to date
/// </code>
/// </summary>
internal static class Program
{
    private const int Failed = 1;

    public static int Main(string[] args)
    {
        var folderArgument = new Argument<string?>("notebooks")
        {
            Description = "The folder of notebooks (default: the repository's notebooks/). The apps go to its apps/ folder.",
            HelpName = "folder",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; list every app that is missing or not what its notebook makes now, and exit 1 if there is one.",
        };
        var command = new RootCommand("Turns each course notebook (NN-topic.ipynb) into a .NET file-based app (apps/NN-topic.cs) that runs the chapter without a notebook front end: dotnet run notebooks/apps/NN-topic.cs.")
        {
            folderArgument,
            check,
        };

        var parsed = command.Parse(args);
        if (EarlyExit.Of(parsed) is { } exitCode)
        {
            return exitCode;
        }

        try
        {
            var folder = Path.GetFullPath(parsed.GetValue(folderArgument) ?? RepositoryRoot.Path(null, "notebooks"));
            if (!Directory.Exists(folder))
            {
                Console.Error.WriteLine($"There is no folder {folder}: name the folder of the notebooks, or run the tool inside the repository.");
                return EarlyExit.UsageError;
            }

            return parsed.GetValue(check) ? Check(folder) : Write(folder);
        }
        catch (Exception error) when (error is ChapterAppsException or InvalidDataException)   // a notebook's or an app's: one line
        {
            Console.Error.WriteLine(error.Message);
            return Failed;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(error.Message.ReplaceLineEndings(" "));   // AtomicFile's: the path, the reason, what to do
            return Failed;
        }
        catch (Exception error)
        {
            return UnexpectedFailure.Report("ChapterApps", error);
        }
    }

    /// <summary>Every notebook's app, as the tool would write it: (notebook, app path, text).</summary>
    private static List<(string Notebook, string App, string Text)> Apps(string folder)
    {
        var notebooks = Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList();
        if (notebooks.Count == 0)
        {
            throw new ChapterAppsException($"{folder} holds no notebooks (*.ipynb).");
        }

        return [.. notebooks.Select(notebook =>
        {
            var name = Path.GetFileName(notebook);
            var app = Path.Combine(folder, "apps", Path.ChangeExtension(name, ".cs"));
            return (notebook, app, ChapterAppSource.Of(name, NotebookCells.Read(notebook)));
        })];
    }

    private static int Write(string folder)
    {
        var apps = Apps(folder);
        foreach (var (_, app, _) in apps.Where(app => File.Exists(app.App)))
        {
            var existing = File.ReadAllText(app);
            if (!AppChecksum.IsWrittenByTheTool(existing))
            {
                throw new ChapterAppsException($"{app} is there and was not written by this tool: it is left as it is. Move it, then run the tool again.");
            }

            if (!AppChecksum.IsUnchanged(existing))
            {
                throw new ChapterAppsException($"{app} was edited after the tool wrote it (its checksum line no longer matches): it is left as it is, with your edits. Move them into the notebook, move the file away (or `git checkout` it), then run the tool again.");
            }
        }

        foreach (var (notebook, app, text) in apps)
        {
            var unchanged = File.Exists(app) && AppChecksum.WithUnixLineEnds(File.ReadAllText(app)) == text;
            if (!unchanged)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(app)!);
                AtomicFile.WriteAllBytes(app, Encoding.UTF8.GetBytes(text));
            }

            Console.WriteLine($"{Relative(app)}: {(unchanged ? "up to date" : "written")} from {Path.GetFileName(notebook)}");
        }

        foreach (var orphan in Orphans(folder, apps))
        {
            Console.WriteLine($"{Relative(orphan)}: its notebook is gone; delete the app if the chapter went for good (left as it is).");
        }

        return 0;
    }

    private static int Check(string folder)
    {
        var apps = Apps(folder);
        var stale = apps.Where(app => !File.Exists(app.App) || AppChecksum.WithUnixLineEnds(File.ReadAllText(app.App)) != app.Text).ToList();
        foreach (var (notebook, app, _) in stale)
        {
            var existing = File.Exists(app) ? File.ReadAllText(app) : null;
            Console.WriteLine(existing switch
            {
                null => $"{Relative(app)} is missing; it is what {Path.GetFileName(notebook)} makes now.",
                _ when !AppChecksum.IsWrittenByTheTool(existing) => $"{Relative(app)} was not written by this tool: it is not what {Path.GetFileName(notebook)} makes.",
                _ when !AppChecksum.IsUnchanged(existing) => $"{Relative(app)} was edited after the tool wrote it: it is not what {Path.GetFileName(notebook)} makes.",
                _ => $"{Relative(app)} is not what {Path.GetFileName(notebook)} makes now.",
            });
        }

        var orphans = Orphans(folder, apps);
        foreach (var orphan in orphans)
        {
            Console.WriteLine($"{Relative(orphan)} has no notebook.");
        }

        if (stale.Count + orphans.Count == 0)
        {
            Console.WriteLine($"All {apps.Count} apps are up to date with their notebooks.");
            return 0;
        }

        Console.WriteLine($"Run `{ChapterAppSource.GenerateCommand}` from the repository root, and commit the apps with their notebooks.");
        return Failed;
    }

    /// <summary>The apps the tool wrote, unchanged since, whose notebook is gone (a learner's copy of an app names a notebook that is there).</summary>
    private static List<string> Orphans(string folder, List<(string Notebook, string App, string Text)> apps)
    {
        var appsFolder = Path.Combine(folder, "apps");
        return Directory.Exists(appsFolder)
            ? [.. Directory.GetFiles(appsFolder, "*.cs")
                .Where(file => !apps.Any(app => app.App == file) && AppChecksum.IsUnchanged(File.ReadAllText(file)))
                .Where(file => ChapterAppSource.NotebookOf(File.ReadAllText(file)) is not { } notebook || !File.Exists(Path.Combine(folder, notebook)))
                .Order(StringComparer.Ordinal)]
            : [];
    }

    private static string Relative(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), path);
}
