using System.CommandLine;
using GanKit.Data;
using GanKit.Tools;

namespace Homework;

/// <summary>
/// Writes student copies of the course notebooks for homework.
/// <code>
/// dotnet run --project tools/Homework -c Release -- --output student-copies notebooks/04-when-gans-fail.ipynb
/// dotnet run --project tools/Homework -c Release -- --output student-copies notebooks     # every chapter
/// </code>
/// </summary>
internal static class Program
{
    private const int Failed = 1;

    public static int Main(string[] args)
    {
        var notebooks = new Argument<string[]>("notebooks")
        {
            Description = "Notebooks (.ipynb) or folders of notebooks to copy (default: every notebook in notebooks/).",
            HelpName = "notebook.ipynb|folder",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var output = new Option<string>("--output")
        {
            Description = "The folder the copies go to: a folder directly inside the repository (the copies load GanKit from ../artifacts/gankit, as the chapters do). Default: student-copies.",
            HelpName = "folder",
            DefaultValueFactory = _ => "student-copies",
        };
        var answers = new Option<string>("--answers")
        {
            Description = "What the answer cells hold: blank (the learner's copy), solution or wrong (to test the answer key: every check then says correct, or not yet).",
            HelpName = "blank|solution|wrong",
            DefaultValueFactory = _ => "blank",
        };
        answers.AcceptOnlyFromAmong("blank", "solution", "wrong");
        var command = new RootCommand("Writes student copies of the course notebooks: solution cells removed, outputs cleared, each exercise's check sealed (it runs, but its code and expected answer cannot be read).")
        {
            notebooks,
            output,
            answers,
        };

        var parsed = command.Parse(args);
        if (EarlyExit.Of(parsed) is { } exitCode)
        {
            return exitCode;
        }

        try
        {
            var fill = Enum.Parse<Answers>(parsed.GetValue(answers)!, ignoreCase: true);
            return Write(Sources(parsed.GetValue(notebooks) ?? []), OutputFolder(parsed.GetValue(output)!), fill);
        }
        catch (HomeworkException error)
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
            return UnexpectedFailure.Report("Homework", error);
        }
    }

    private static int Write(List<string> sources, string folder, Answers fill)
    {
        foreach (var source in sources)
        {
            var name = Path.GetFileName(source);
            JsonCopy(source, name, folder, fill);
        }

        Console.WriteLine($"Wrote {sources.Count} student cop{(sources.Count == 1 ? "y" : "ies")} ({fill.ToString().ToLowerInvariant()} answers) to {folder}.");
        return 0;
    }

    private static void JsonCopy(string source, string name, string folder, Answers fill)
    {
        var notebook = Notebooks.Read(source);
        System.Text.Json.Nodes.JsonObject copy;
        try
        {
            copy = StudentCopy.Make(notebook, name, fill);
        }
        catch (HomeworkException error)
        {
            throw new HomeworkException($"{source}: {error.Message}");
        }

        var target = Path.Combine(folder, name);
        if (File.Exists(target) && !WrittenByThisTool(target))
        {
            throw new HomeworkException($"{target} exists and is not a student copy this tool wrote: it is left as it is. Choose another --output folder.");
        }

        var exercises = ExerciseCells.Of(notebook).Count;
        AtomicFile.WriteAllBytes(target, System.Text.Encoding.UTF8.GetBytes(Notebooks.Text(copy)));
        Console.WriteLine($"{target}: {exercises} exercise{(exercises == 1 ? "" : "s")}, checks sealed, solutions removed, outputs cleared.");
    }

    private static bool WrittenByThisTool(string path)
    {
        try
        {
            return StudentCopy.IsStudentCopy(Notebooks.Read(path));
        }
        catch (HomeworkException)
        {
            return false;   // not even a notebook
        }
    }

    /// <summary>The notebooks named on the command line (folders expanded, in name order), or every chapter.</summary>
    private static List<string> Sources(string[] paths)
    {
        if (paths.Length == 0)
        {
            paths = [RepositoryRoot.Path(null, "notebooks")];
        }

        var sources = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(Directory.GetFiles(path, "*.ipynb").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path) && path.EndsWith(".ipynb", StringComparison.Ordinal))
            {
                sources.Add(path);
            }
            else
            {
                throw new HomeworkException($"{path} is neither a notebook (.ipynb) nor a folder.");
            }
        }

        return sources;
    }

    /// <summary>The output folder, which must sit directly inside the repository so that ../artifacts/gankit is GanKit.</summary>
    private static string OutputFolder(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (File.Exists(full))
        {
            throw new HomeworkException($"--output {folder} is a file, not a folder: name a folder.");
        }

        var parent = Path.GetDirectoryName(full.TrimEnd(Path.DirectorySeparatorChar));
        if (parent is null || !File.Exists(Path.Combine(parent, "global.json")))
        {
            throw new HomeworkException($"--output {folder}: student copies load GanKit and the data from ../artifacts and ../data, as the chapters do, so they must go to a folder directly inside the repository (for example student-copies), not {full}.");
        }

        return full;
    }
}
