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
    public void A_wrong_number_fails_with_the_answer_given_the_tolerance_and_the_hint_but_not_the_expected_value()
    {
        var exception = Assert.Throws<ExerciseException>(() => Exercise.Check("1", 0.5, expected: 1.5, tolerance: 0.1, hint: "add both terms"));

        Assert.Contains("You gave 0.5", exception.Message, StringComparison.Ordinal);
        Assert.Contains("not within 0.1 of the answer", exception.Message, StringComparison.Ordinal);
        Assert.Contains("add both terms", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1.5", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("1 from", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sealed_check_outside_a_notebook_kernel_says_where_it_runs()
    {
        var exception = await Assert.ThrowsAsync<ExerciseException>(() => Exercise.CheckSealed("2", SealedCheck.Seal("Console.WriteLine(1);")));

        Assert.Equal("Exercise 2: a sealed check runs only in a notebook kernel (.NET Interactive).", exception.Message);
    }

    [Fact]
    public async Task A_damaged_sealed_check_says_so_and_asks_for_a_fresh_copy()
    {
        var exception = await Assert.ThrowsAsync<ExerciseException>(() => Exercise.CheckSealed("3", SealedCheck.Prefix + "AAAA"));

        Assert.StartsWith("Exercise 3: cannot check. The sealed check is damaged", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("Ask your instructor for a fresh copy of this cell.", exception.Message, StringComparison.Ordinal);
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
