using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// The instructor's pipeline, chapter by chapter: <c>tools/Homework</c> writes student copies (solutions removed, outputs
/// cleared, checks sealed), and every exercise's check passes on its solution, fails on its wrong answer and says
/// "not done yet" when blank — graded by the runner's <c>--grade</c> on copies made with each kind of answer.
/// </summary>
public sealed class StudentCopyTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);
    private static readonly string Homework = Path.Combine(RepositoryPaths.Root, "artifacts", "homework", "Homework.dll");
    private static readonly string Runner = Path.Combine(RepositoryPaths.Root, "artifacts", "notebook-runner", "NotebookRunner.dll");

    // One set of copies per kind of answer, made once per test run, for every chapter.
    private static readonly Dictionary<string, Lazy<string>> Copies = new[] { "blank", "solution", "wrong" }.ToDictionary(
        answers => answers,
        answers => new Lazy<string>(() => MakeCopies(answers)));

    /// <summary>Every chapter of the course.</summary>
    public static TheoryData<string> Chapters => new(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Chapters))]
    public void A_chapter_has_at_least_three_exercises_each_with_prompt_answer_solution_and_check(string chapter)
    {
        var exercises = Exercises(Master(chapter));

        Assert.True(exercises.Count >= 3, $"{chapter} has {exercises.Count} exercises; every chapter needs at least three.");
        foreach (var (name, cells) in exercises)
        {
            Assert.Equal(["prompt", "answer", "solution", "check"], cells.Select(Role));
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void A_student_copy_is_valid_nbformat_without_solutions_outputs_or_readable_checks(string chapter)
    {
        var master = Master(chapter);
        var path = Path.Combine(Copies["blank"].Value, chapter);
        var copy = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var copyText = File.ReadAllText(path);

        NbformatChecks.AssertWellFormed(path);
        var cells = Cells(copy);
        Assert.DoesNotContain(cells, cell => Role(cell) == "solution");
        Assert.DoesNotContain("<summary>Solution</summary>", copyText, StringComparison.Ordinal);
        Assert.All(cells.Where(IsCode), cell =>
        {
            Assert.Empty(cell["outputs"]!.AsArray());
            Assert.Null(cell["execution_count"]);
        });

        // Every line of a solution or a check that appears nowhere else in the chapter (comments aside) is gone from the copy.
        var shared = Cells(master).Where(cell => Role(cell) is not ("solution" or "check")).SelectMany(cell => Lines(Source(cell))).ToHashSet();
        var hidden = Cells(master).Where(cell => Role(cell) is "solution" or "check")
            .SelectMany(cell => Lines(Role(cell) == "solution" ? SolutionCode(cell) + "\n" + (string?)cell["metadata"]!["gankit"]!["wrong"] : Source(cell)))
            .Where(line => line.Length >= 8 && !shared.Contains(line) && line.Any(char.IsLetterOrDigit))
            .Distinct()
            .ToList();
        Assert.NotEmpty(hidden);
        var copySources = string.Join("\n", cells.Select(Source));
        Assert.All(hidden, line => Assert.DoesNotContain(line, copySources, StringComparison.Ordinal));

        foreach (var (name, exerciseCells) in Exercises(copy))
        {
            Assert.Equal(["prompt", "answer", "check"], exerciseCells.Select(Role));
            Assert.Contains($"await Exercise.CheckSealed(\"{name}\", \"gankit-sealed/1:", Source(exerciseCells[2]), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void A_blank_student_copy_runs_top_to_bottom_and_every_exercise_says_not_done_yet(string chapter)
    {
        var (grades, failedCells, printed) = Grade("blank", chapter);

        Assert.True(failedCells == 0, $"{failedCells} cells failed:\n{printed}");
        Assert.All(grades, grade => Assert.True(grade.Verdict == "not attempted", $"exercise {grade.Name}: {grade.Verdict}: {grade.Message}"));
        Assert.All(grades, grade => Assert.StartsWith($"Exercise {grade.Name}: not done yet.", grade.Message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_check_passes_on_its_solution(string chapter)
    {
        var (grades, failedCells, printed) = Grade("solution", chapter);

        Assert.All(grades, grade => Assert.True(grade.Verdict == "correct", $"exercise {grade.Name}: {grade.Verdict}: {grade.Message}"));
        Assert.True(failedCells == 0, $"{failedCells} cells failed:\n{printed}");
    }

    [Theory]
    [MemberData(nameof(Chapters))]
    public void Every_check_fails_on_its_wrong_answer_and_the_cells_after_it_still_run(string chapter)
    {
        var (grades, failedCells, printed) = Grade("wrong", chapter);

        Assert.All(grades, grade => Assert.True(grade.Verdict == "wrong", $"exercise {grade.Name}: {grade.Verdict}: {grade.Message}"));
        Assert.All(grades, grade => Assert.Contains($"Exercise {grade.Name}: ", grade.Message, StringComparison.Ordinal));
        // Only the check cells failed: every wrong answer compiles and runs.
        Assert.True(failedCells == grades.Count, $"{failedCells} cells failed where only the {grades.Count} check cells should have:\n{printed}");
    }

    private static (IReadOnlyList<(string Name, string Verdict, string Message)> Grades, int FailedCells, string Printed) Grade(string answers, string chapter)
    {
        var copy = Path.Combine(Copies[answers].Value, chapter);
        var output = Path.Combine(RepositoryPaths.Root, "artifacts", "notebooks", "smoke", "student-copies", answers);
        var (exitCode, printed) = NotebookProcess.Run(
            RepositoryPaths.Root,
            new Dictionary<string, string?> { ["GANKIT_SMOKE"] = "1" },
            Limit,
            Runner, "--grade", "--output", output, "--cell-timeout", "300", copy);
        Assert.True(exitCode == 0, $"grading the {answers} copy of {chapter} failed (exit {exitCode}):\n{printed}");

        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(output, Path.ChangeExtension(chapter, ".grades.json"))))!;
        var grades = report["exercises"]!.AsArray()
            .Select(grade => ((string)grade!["name"]!, (string)grade["verdict"]!, (string)grade["message"]!))
            .ToList();
        Assert.Equal(Exercises(Master(chapter)).Select(exercise => exercise.Name), grades.Select(grade => grade.Item1));
        return (grades, (int)report["failedCells"]!, printed);
    }

    private static string MakeCopies(string answers)
    {
        var folder = Path.Combine(RepositoryPaths.Root, $"student-copies-test-{answers}");
        var (exitCode, printed) = NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?>(), Limit,
            Homework, "--answers", answers, "--output", folder, Path.Combine(RepositoryPaths.Root, "notebooks"));
        Assert.True(exitCode == 0, $"tools/Homework failed (exit {exitCode}):\n{printed}");
        return folder;
    }

    private static JsonObject Master(string chapter) => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", chapter)))!.AsObject();

    private static List<JsonObject> Cells(JsonObject notebook) => notebook["cells"]!.AsArray().Select(cell => cell!.AsObject()).ToList();

    private static List<(string Name, List<JsonObject> Cells)> Exercises(JsonObject notebook) =>
        Cells(notebook)
            .Where(cell => cell["metadata"]?["gankit"]?["exercise"] is not null)
            .GroupBy(cell => (string)cell["metadata"]!["gankit"]!["exercise"]!)
            .Select(group => (group.Key, group.ToList()))
            .ToList();

    private static string? Role(JsonObject cell) => (string?)cell["metadata"]?["gankit"]?["role"];

    private static bool IsCode(JsonObject cell) => (string?)cell["cell_type"] == "code";

    private static string Source(JsonObject cell) => ExecutedNotebookAssertions.Text(cell["source"]);

    private static string SolutionCode(JsonObject cell)
    {
        var source = Source(cell);
        var start = source.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        return source[start..source.IndexOf("```", start, StringComparison.Ordinal)];
    }

    /// <summary>The text's lines without their end-of-line comments, trimmed; empty ones left out.</summary>
    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n').Select(line => (line.IndexOf("//", StringComparison.Ordinal) is >= 0 and var comment ? line[..comment] : line).Trim()).Where(line => line.Length > 0);
}
