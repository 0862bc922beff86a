using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Homework;

/// <summary>
/// The exercises of one notebook, found by their cells' metadata <c>"gankit": {"exercise": "N", "role": R}</c>. Each
/// exercise has four cells in this order: <c>prompt</c> (markdown, the question), <c>answer</c> (code, the learner's
/// cell with <c>null</c> answers), <c>solution</c> (markdown: a collapsed <c>&lt;details&gt;</c> holding a
/// <c>```csharp</c> block that replaces the answer cell; its metadata's <c>"wrong"</c> is a plausible mistake that
/// replaces it too) and <c>check</c> (code calling <c>Exercise.Check("N", …)</c>).
/// </summary>
internal sealed partial record ExerciseCells(string Name, JsonObject Prompt, JsonObject Answer, JsonObject Solution, JsonObject Check)
{
    public static readonly string[] Roles = ["prompt", "answer", "solution", "check"];

    /// <summary>The code in the solution cell's <c>```csharp</c> block: what replaces the answer cell.</summary>
    public string SolutionCode => SolutionBlock().Match(Notebooks.Source(Solution)) is { Success: true } match
        ? match.Groups["code"].Value.TrimEnd()
        : throw new HomeworkException($"exercise {Name}: its solution cell has no ```csharp block.");

    /// <summary>The wrong answer in the solution cell's metadata: a plausible mistake that replaces the answer cell.</summary>
    public string WrongCode => Notebooks.Gankit(Solution)?["wrong"]?.GetValue<string>() is { Length: > 0 } wrong
        ? wrong
        : throw new HomeworkException($"exercise {Name}: its solution cell's metadata has no \"wrong\" answer.");

    /// <summary>The exercises of <paramref name="notebook"/>, checked against the convention.</summary>
    /// <exception cref="HomeworkException">A cell breaks the convention: the message names the exercise and what is wrong.</exception>
    public static IReadOnlyList<ExerciseCells> Of(JsonObject notebook)
    {
        var cells = Notebooks.Cells(notebook).ToList();
        var byName = new Dictionary<string, List<(int Index, string Role, JsonObject Cell)>>();
        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index];
            var marks = Notebooks.Gankit(cell);
            var name = marks?["exercise"]?.GetValue<string>();
            var role = marks?["role"]?.GetValue<string>();
            if (name is null && role is null)
            {
                if (Notebooks.IsCode(cell) && CheckCall().IsMatch(Notebooks.Source(cell)))
                {
                    throw new HomeworkException($"code cell {index + 1} calls Exercise.Check but is not marked as an exercise's check cell: give it the metadata \"gankit\": {{\"exercise\": \"N\", \"role\": \"check\"}}.");
                }

                continue;
            }

            if (name is null || role is null || !Roles.Contains(role))
            {
                throw new HomeworkException($"cell {index + 1}: its \"gankit\" metadata needs \"exercise\" (a name) and \"role\" ({string.Join(", ", Roles)}).");
            }

            if (!byName.TryGetValue(name, out var list))
            {
                byName[name] = list = [];
            }

            list.Add((index, role, cell));
        }

        var exercises = new List<ExerciseCells>();
        foreach (var (name, list) in byName)
        {
            if (!list.Select(entry => entry.Role).SequenceEqual(Roles))
            {
                throw new HomeworkException($"exercise {name}: its cells are {string.Join(", ", list.Select(entry => entry.Role))}; it needs exactly {string.Join(", ", Roles)}, in that order.");
            }

            var exercise = new ExerciseCells(name, list[0].Cell, list[1].Cell, list[2].Cell, list[3].Cell);
            exercise.Validate();
            exercises.Add(exercise);
        }

        return exercises;
    }

    private void Validate()
    {
        if (Notebooks.IsCode(Prompt) || Notebooks.IsCode(Solution))
        {
            throw new HomeworkException($"exercise {Name}: its prompt and solution cells must be markdown.");
        }

        if (!Notebooks.IsCode(Answer) || !Notebooks.IsCode(Check))
        {
            throw new HomeworkException($"exercise {Name}: its answer and check cells must be code.");
        }

        if (!Notebooks.Source(Check).Contains($"Exercise.Check(\"{Name}\"", StringComparison.Ordinal))
        {
            throw new HomeworkException($"exercise {Name}: its check cell does not call Exercise.Check(\"{Name}\", …).");
        }

        if (!Notebooks.Source(Solution).TrimStart().StartsWith("<details>", StringComparison.Ordinal))
        {
            throw new HomeworkException($"exercise {Name}: its solution cell must be a collapsed <details> block.");
        }

        _ = SolutionCode;
        _ = WrongCode;
    }

    [GeneratedRegex("```csharp\\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex SolutionBlock();

    [GeneratedRegex("""Exercise\.Check\(""")]
    private static partial Regex CheckCall();
}

/// <summary>A notebook cannot be made into a student copy; the message says why, and what to change.</summary>
internal sealed class HomeworkException(string message) : Exception(message);
