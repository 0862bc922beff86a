using System.Globalization;

namespace GanKit;

/// <summary>
/// Self-checking exercises: the learner replaces a <c>null</c> answer, the check cell says whether it is right.
/// An unanswered exercise prints a reminder and passes (so a notebook runs top to bottom before any homework is
/// done); a wrong answer fails the cell with a message saying how far off it is and a hint. Introduced in chapter 01.
/// <code>
/// double? answer = null; // your answer
/// Exercise.Check("1", answer, expected: Math.Log(4), tolerance: 1e-3, hint: "add the two terms of D's loss");
/// </code>
/// </summary>
public static class Exercise
{
    /// <summary>Checks a number against <paramref name="expected"/> within <paramref name="tolerance"/>.</summary>
    /// <exception cref="ExerciseException">The answer is wrong.</exception>
    public static void Check(string name, double? answer, double expected, double tolerance, string hint)
    {
        if (answer is null)
        {
            NotAnswered(name, hint);
            return;
        }

        if (!double.IsFinite(answer.Value) || Math.Abs(answer.Value - expected) > tolerance)
        {
            throw new ExerciseException(
                $"Exercise {name}: not yet. You gave {Format(answer.Value)}; that is {Format(Math.Abs(answer.Value - expected))} from the answer, " +
                $"more than the tolerance {Format(tolerance)}. Hint: {hint}");
        }

        Console.WriteLine($"Exercise {name}: correct ({Format(answer.Value)}).");
    }

    /// <summary>Checks a text answer, ignoring case and surrounding spaces.</summary>
    /// <exception cref="ExerciseException">The answer is wrong.</exception>
    public static void Check(string name, string? answer, string expected, string hint)
    {
        if (answer is null)
        {
            NotAnswered(name, hint);
            return;
        }

        if (!string.Equals(answer.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new ExerciseException($"Exercise {name}: not yet. You answered \"{answer}\". Hint: {hint}");
        }

        Console.WriteLine($"Exercise {name}: correct (\"{answer.Trim()}\").");
    }

    private static void NotAnswered(string name, string hint) =>
        Console.WriteLine($"Exercise {name}: not done yet. Replace null with your answer and run the cell again. Hint: {hint}");

    private static string Format(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}

/// <summary>An exercise answer is wrong; the message says by how much and gives a hint.</summary>
public sealed class ExerciseException(string message) : Exception(message);
