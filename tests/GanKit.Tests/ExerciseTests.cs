using Xunit;

namespace GanKit.Tests;

public sealed class ExerciseTests
{
    [Fact]
    public void An_unanswered_exercise_passes_with_a_reminder() =>
        Assert.Contains("not done yet", Printed(() => Exercise.Check("1", (double?)null, expected: 1, tolerance: 0.1, hint: "h")), StringComparison.Ordinal);

    [Fact]
    public void A_close_enough_number_is_correct() =>
        Assert.Contains("Exercise 1: correct", Printed(() => Exercise.Check("1", 1.3862, expected: Math.Log(4), tolerance: 1e-3, hint: "h")), StringComparison.Ordinal);

    [Fact]
    public void A_wrong_number_fails_saying_how_far_off_it_is_with_the_hint()
    {
        var exception = Assert.Throws<ExerciseException>(() => Exercise.Check("1", 0.5, expected: 1.5, tolerance: 0.1, hint: "add both terms"));

        Assert.Contains("You gave 0.5", exception.Message, StringComparison.Ordinal);
        Assert.Contains("that is 1 from the answer", exception.Message, StringComparison.Ordinal);
        Assert.Contains("add both terms", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_not_a_number_answer_is_wrong() =>
        Assert.Throws<ExerciseException>(() => Exercise.Check("1", double.NaN, expected: 1, tolerance: 0.1, hint: "h"));

    [Fact]
    public void Text_answers_ignore_case_and_spaces()
    {
        Assert.Contains("correct", Printed(() => Exercise.Check("2", " d ", expected: "D", hint: "h")), StringComparison.Ordinal);
        Assert.Throws<ExerciseException>(() => Exercise.Check("2", "G", expected: "D", hint: "h"));
    }

    private static string Printed(Action action)
    {
        var original = Console.Out;
        using var writer = new StringWriter();
        Console.SetOut(writer);
        try
        {
            action();
        }
        finally
        {
            Console.SetOut(original);
        }

        return writer.ToString();
    }
}
