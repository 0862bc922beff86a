using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Documents;

namespace NotebookRunner;

/// <summary>
/// The grading report of one executed notebook (the runner's <c>--grade</c>): each exercise check cell — a cell that
/// calls <c>Exercise.Check("N", …)</c>, or <c>Exercise.CheckSealed("N", …)</c> in a student copy — read from what it printed: <b>correct</b>, <b>wrong</b> (the check said
/// "not yet", or the cell failed: the learner's code did not compile or threw), <b>not attempted</b> (the answer is
/// still null: "not done yet") or <b>not run</b> (the cell never ran).
/// </summary>
internal sealed partial record ExerciseGrades(string Notebook, IReadOnlyList<ExerciseGrade> Exercises, int FailedCells)
{
    public const string Correct = "correct";
    public const string Wrong = "wrong";
    public const string NotAttempted = "not attempted";
    public const string NotRun = "not run";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>How many exercises got each verdict.</summary>
    [JsonIgnore]
    public string Summary =>
        $"{Count(Correct)} correct, {Count(Wrong)} wrong, {Count(NotAttempted)} not attempted" + (Count(NotRun) > 0 ? $", {Count(NotRun)} not run" : "") + $" (of {Exercises.Count})";

    /// <summary>Reads the verdicts from the executed <paramref name="codeCells"/>.</summary>
    public static ExerciseGrades From(string notebook, IReadOnlyList<InteractiveDocumentElement> codeCells, int failedCells)
    {
        var grades = new List<ExerciseGrade>();
        foreach (var cell in codeCells)
        {
            foreach (var name in CheckCall().Matches(cell.Contents).Select(match => match.Groups["name"].Value).Distinct())
            {
                grades.Add(Grade(name, cell));
            }
        }

        return new ExerciseGrades(notebook, grades, failedCells);
    }

    /// <summary>Writes the report as JSON to <paramref name="path"/>.</summary>
    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>One line per exercise, for the console.</summary>
    public IEnumerable<string> Lines() => Exercises.Select(grade => $"  exercise {grade.Name,-4} {grade.Verdict,-14} {grade.Message}");

    private int Count(string verdict) => Exercises.Count(grade => grade.Verdict == verdict);

    private static ExerciseGrade Grade(string name, InteractiveDocumentElement cell)
    {
        var printed = string.Concat(cell.Outputs.OfType<TextElement>().Select(text => text.Text));
        var error = cell.Outputs.OfType<ErrorElement>().Select(failure => failure.ErrorValue).FirstOrDefault();
        var prefix = $"Exercise {name}: ";
        var line = printed.Split('\n').Select(text => text.Trim()).FirstOrDefault(text => text.StartsWith(prefix, StringComparison.Ordinal));
        return (line, error) switch
        {
            ({ } said, _) when said.StartsWith(prefix + "correct", StringComparison.Ordinal) => new ExerciseGrade(name, Correct, said),
            ({ } said, _) when said.StartsWith(prefix + "not done yet", StringComparison.Ordinal) => new ExerciseGrade(name, NotAttempted, said),
            (_, { } failure) => new ExerciseGrade(name, Wrong, failure.Trim()),
            ({ } said, null) => new ExerciseGrade(name, Wrong, said),
            (null, null) => new ExerciseGrade(name, NotRun, cell.ExecutionOrder == 0 ? "the check cell did not run" : "the check cell printed no verdict"),
        };
    }

    [GeneratedRegex("""Exercise\.Check(Sealed)?\(\s*"(?<name>[^"]+)"\s*,""")]
    private static partial Regex CheckCall();
}

/// <summary>One exercise's verdict and what its check cell said.</summary>
internal sealed record ExerciseGrade(string Name, string Verdict, string Message);
