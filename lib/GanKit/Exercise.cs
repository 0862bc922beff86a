using System.Globalization;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Events;

namespace GanKit;

/// <summary>
/// Self-checking exercises: the learner replaces a <c>null</c> answer, the check cell says whether it is right.
/// An unanswered exercise prints a reminder and passes (so a notebook runs top to bottom before any homework is
/// done); a wrong answer fails the cell with the answer given, the tolerance and a hint — never the expected value, so
/// a sealed check (<see cref="CheckSealed"/>, in student copies) does not give it away. In a chapter run as a file-based
/// app (<see cref="Display.ChapterApp"/>) a wrong answer is printed the same way and the app goes on, as a notebook goes
/// on to its next cell. Introduced in chapter 01.
/// <code>
/// double? answer = null; // your answer
/// Exercise.Check("1", answer, expected: Math.Log(4), tolerance: 1e-3, hint: "add the two terms of D's loss");
/// </code>
/// </summary>
public static class Exercise
{
    /// <summary>Checks a number against <paramref name="expected"/> within <paramref name="tolerance"/>.</summary>
    /// <exception cref="ExerciseException">The answer is wrong (in a notebook).</exception>
    public static void Check(string name, double? answer, double expected, double tolerance, string hint)
    {
        if (answer is null)
        {
            NotAnswered(name, hint);
            return;
        }

        if (!double.IsFinite(answer.Value) || Math.Abs(answer.Value - expected) > tolerance)
        {
            Wrong($"Exercise {name}: not yet. You gave {Format(answer.Value)}, which is not within {Format(tolerance)} of the answer. Hint: {hint}");
            return;
        }

        Console.WriteLine($"Exercise {name}: correct ({Format(answer.Value)}).");
    }

    /// <summary>Checks a text answer, ignoring case and surrounding spaces.</summary>
    /// <exception cref="ExerciseException">The answer is wrong (in a notebook).</exception>
    public static void Check(string name, string? answer, string expected, string hint)
    {
        if (answer is null)
        {
            NotAnswered(name, hint);
            return;
        }

        if (!string.Equals(answer.Trim(), expected.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            Wrong($"Exercise {name}: not yet. You answered \"{answer}\". Hint: {hint}");
            return;
        }

        Console.WriteLine($"Exercise {name}: correct (\"{answer.Trim()}\").");
    }

    /// <summary>
    /// Runs an exercise's sealed check cell (<see cref="SealedCheck"/>): opens the code and runs it in the notebook's
    /// C# kernel, where it sees the learner's variables; what it prints appears under this cell. A failing check fails
    /// this cell with the check's own message.
    /// </summary>
    /// <exception cref="ExerciseException">The answer is wrong, the check could not run, or the seal is damaged.</exception>
    public static async Task CheckSealed(string name, string sealedCheck)
    {
        string code;
        try
        {
            code = SealedCheck.Open(sealedCheck);
        }
        catch (FormatException damaged)
        {
            throw new ExerciseException($"Exercise {name}: cannot check. {damaged.Message} Ask your instructor for a fresh copy of this cell.");
        }

        var context = KernelInvocationContext.Current
            ?? throw new ExerciseException($"Exercise {name}: a sealed check runs only in a notebook kernel (.NET Interactive).");
        // The nested submission's output reaches the notebook as the kernel publishes it; only a failure is ours to report.
        var result = await context.HandlingKernel.SendAsync(new SubmitCode(code));
        switch (result.Events.OfType<CommandFailed>().FirstOrDefault())
        {
            case { Exception: ExerciseException wrong }:
                throw new ExerciseException(wrong.Message);
            case { } failed:
                throw new ExerciseException($"Exercise {name}: the check could not run with your cells as they are: {FirstLine(failed.Message)}");
        }
    }

    /// <summary>A wrong answer: fails the notebook cell, or is printed in a chapter app, which goes on.</summary>
    private static void Wrong(string verdict)
    {
        if (Display.ChapterApp.Page is null)
        {
            throw new ExerciseException(verdict);
        }

        Console.WriteLine(verdict);
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private static void NotAnswered(string name, string hint) =>
        Console.WriteLine($"Exercise {name}: not done yet. Replace null with your answer and run the cell again. Hint: {hint}");

    private static string Format(double value) => value.ToString("G5", CultureInfo.InvariantCulture);
}

/// <summary>An exercise answer is wrong; the message says by how much and gives a hint.</summary>
public sealed class ExerciseException(string message) : Exception(message);
