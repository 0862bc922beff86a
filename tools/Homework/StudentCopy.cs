using System.Text.Json.Nodes;
using GanKit;

namespace Homework;

/// <summary>What goes into the answer cells of a copy: the learner's blanks, or (to test an answer key) the solutions or the wrong answers.</summary>
internal enum Answers
{
    Blank,
    Solution,
    Wrong,
}

/// <summary>
/// A student copy of a course notebook: the solution cells removed, every output and execution count cleared, and each
/// exercise's check cell replaced by a sealed one (<see cref="SealedCheck"/>) that runs the same check without showing
/// its code, so neither the expected answer nor the computation that finds it can be read off the copy.
/// </summary>
internal static class StudentCopy
{
    /// <summary>The student copy of <paramref name="notebook"/> (named <paramref name="name"/>), with <paramref name="answers"/> in its answer cells.</summary>
    /// <exception cref="HomeworkException">The notebook has no exercises, or its exercise cells break the convention.</exception>
    public static JsonObject Make(JsonObject notebook, string name, Answers answers)
    {
        var copy = notebook.DeepClone().AsObject();
        var exercises = ExerciseCells.Of(copy);
        if (exercises.Count == 0)
        {
            throw new HomeworkException("it has no exercises (cells marked with \"gankit\": {\"exercise\": …} metadata).");
        }

        var solutions = exercises.Select(exercise => exercise.Solution).ToHashSet();
        foreach (var exercise in exercises)
        {
            var check = Notebooks.Source(exercise.Check);
            Notebooks.SetSource(exercise.Check,
                $"// Exercise {exercise.Name}'s check, sealed so that its answer cannot be read here. Run it after your answer cell:\n" +
                "// it prints \"correct\", \"not yet\" with a hint, or \"not done yet\".\n" +
                $"await Exercise.CheckSealed(\"{exercise.Name}\", \"{SealedCheck.Seal(check)}\");");
            switch (answers)
            {
                case Answers.Solution:
                    Notebooks.SetSource(exercise.Answer, exercise.SolutionCode);
                    break;
                case Answers.Wrong:
                    Notebooks.SetSource(exercise.Answer, exercise.WrongCode);
                    break;
            }
        }

        var cells = new JsonArray();
        foreach (var cell in Notebooks.Cells(copy).ToList())
        {
            if (solutions.Contains(cell))
            {
                continue;
            }

            copy["cells"]!.AsArray().Remove(cell);
            if (Notebooks.IsCode(cell))
            {
                cell["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }

            cells.Add(cell);
        }

        copy["cells"] = cells;
        var metadata = copy["metadata"] as JsonObject ?? [];
        copy["metadata"] = metadata;
        metadata["gankit"] = new JsonObject
        {
            ["studentCopy"] = new JsonObject { ["of"] = name, ["answers"] = answers.ToString().ToLowerInvariant() },
        };
        return copy;
    }

    /// <summary>Whether <paramref name="notebook"/> is a student copy this tool wrote (and may therefore replace).</summary>
    public static bool IsStudentCopy(JsonObject notebook) => notebook["metadata"]?["gankit"]?["studentCopy"] is JsonObject;
}
