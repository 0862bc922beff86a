using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Tools;

/// <summary>
/// <c>tools/Homework</c> from the command line: what it writes for a small notebook, and a one-line refusal — with
/// nothing written or changed — for every input it cannot make a student copy of.
/// </summary>
public sealed class HomeworkCommandTests : IDisposable
{
    private static readonly string Dll = Path.Combine(RepositoryPaths.Root, "artifacts", "homework", "Homework.dll");
    private readonly string folder = Path.Combine(RepositoryPaths.Root, $"student-copies-test-command-{Guid.NewGuid():N}");
    private readonly string sources = Path.Combine(Path.GetTempPath(), $"homework-sources-{Guid.NewGuid():N}");

    public HomeworkCommandTests() => Directory.CreateDirectory(sources);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);   // made by this test, under a name no one else uses
        }

        Directory.Delete(sources, recursive: true);
    }

    [Fact]
    public void A_copy_keeps_prompt_answer_and_a_sealed_check_and_drops_the_solution()
    {
        var notebook = Write("homework.ipynb", Notebook(Exercise("1")));

        var (code, output) = Run("--output", folder, notebook);

        Assert.True(code == 0, output);
        var copy = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "homework.ipynb")))!;
        var cells = copy["cells"]!.AsArray().Select(cell => cell!).ToList();
        Assert.Equal(["intro", "prompt", "answer", "check"], cells.Select(cell => (string?)cell["metadata"]?["gankit"]?["role"] ?? "intro"));
        Assert.Equal("double? answer1 = null;", Source(cells[2]));
        Assert.StartsWith("// Exercise 1's check, sealed", Source(cells[3]), StringComparison.Ordinal);
        Assert.DoesNotContain("0.75", File.ReadAllText(Path.Combine(folder, "homework.ipynb")), StringComparison.Ordinal);
        Assert.Equal("homework.ipynb", (string?)copy["metadata"]!["gankit"]!["studentCopy"]!["of"]);
        Assert.Contains("1 exercise, checks sealed, solutions removed, outputs cleared.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("solution", "double? answer1 = 0.3 / (0.3 + 0.1);")]
    [InlineData("wrong", "double? answer1 = 0.3;")]
    public void Answers_fill_the_answer_cell_with_the_solution_or_the_wrong_answer(string answers, string expected)
    {
        var notebook = Write("homework.ipynb", Notebook(Exercise("1")));

        var (code, output) = Run("--answers", answers, "--output", folder, notebook);

        Assert.True(code == 0, output);
        var cells = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "homework.ipynb")))!["cells"]!.AsArray();
        Assert.Equal(expected, Source(cells[2]!));
    }

    [Fact]
    public void A_folder_not_directly_inside_the_repository_is_refused()
    {
        var notebook = Write("homework.ipynb", Notebook(Exercise("1")));
        var nested = Path.Combine(sources, "copies");

        var (code, output) = Run("--output", nested, notebook);

        Assert.Equal(1, code);
        Assert.Contains("they must go to a folder directly inside the repository", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(nested));
    }

    [Fact]
    public void A_file_that_is_not_a_student_copy_is_never_overwritten()
    {
        var notebook = Write("homework.ipynb", Notebook(Exercise("1")));
        Directory.CreateDirectory(folder);
        var mine = Path.Combine(folder, "homework.ipynb");
        File.WriteAllText(mine, "my own notes");

        var (code, output) = Run("--output", folder, notebook);

        Assert.Equal(1, code);
        Assert.Contains("exists and is not a student copy this tool wrote: it is left as it is", output, StringComparison.Ordinal);
        Assert.Equal("my own notes", File.ReadAllText(mine));
    }

    [Fact]
    public void A_student_copy_it_wrote_is_replaced()
    {
        var notebook = Write("homework.ipynb", Notebook(Exercise("1")));
        Assert.Equal(0, Run("--output", folder, notebook).Code);

        var (code, output) = Run("--answers", "solution", "--output", folder, notebook);

        Assert.True(code == 0, output);
        Assert.Contains("0.3 / (0.3 + 0.1)", File.ReadAllText(Path.Combine(folder, "homework.ipynb")), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> BrokenNotebooks => new()
    {
        { "{ not json", "is not a notebook: it is not valid JSON" },
        { """{"nbformat": 3, "cells": []}""", "is not an nbformat 4 notebook" },
        { Notebook(), "it has no exercises" },
        { Notebook(Exercise("1", without: "solution")), "exercise 1: its cells are prompt, answer, check; it needs exactly prompt, answer, solution, check, in that order." },
        { Notebook(Exercise("1", wrong: null)), "exercise 1: its solution cell's metadata has no \"wrong\" answer." },
        { Notebook(Exercise("1", check: "Exercise.Check(\"2\", answer1, expected: 0.75, tolerance: 1e-3, hint: \"\");")), "exercise 1: its check cell does not call Exercise.Check(\"1\", …)." },
        { Notebook(Exercise("1"), [Code("Exercise.Check(\"9\", null, expected: 1, tolerance: 0, hint: \"\");")]), "code cell 6 calls Exercise.Check but is not marked as an exercise's check cell" },
    };

    [Theory]
    [MemberData(nameof(BrokenNotebooks))]
    public void A_notebook_that_breaks_the_convention_is_refused_in_one_line_naming_the_problem(string text, string message)
    {
        var notebook = Write("broken.ipynb", text);

        var (code, output) = Run("--output", folder, notebook);

        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Single(output.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(folder, "broken.ipynb")));
    }

    [Fact]
    public void An_unknown_kind_of_answers_is_a_usage_error()
    {
        var (code, output) = Run("--answers", "maybe", "--output", folder, Write("homework.ipynb", Notebook(Exercise("1"))));

        Assert.Equal(2, code);
        Assert.Contains("maybe", output, StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(params string[] arguments) =>
        Notebooks.NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?>(), TimeSpan.FromMinutes(2), [Dll, .. arguments]);

    private string Write(string name, string text)
    {
        var path = Path.Combine(sources, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string Source(JsonNode cell) => Notebooks.ExecutedNotebookAssertions.Text(cell["source"]);

    private static JsonObject[] Exercise(string name, string? without = null, string? wrong = "double? answer1 = 0.3;", string check = "Exercise.Check(\"1\", answer1, expected: 0.75, tolerance: 1e-3, hint: \"p_data / (p_data + p_g)\");")
    {
        var solutionMarks = new JsonObject { ["exercise"] = name, ["role"] = "solution" };
        if (wrong is not null)
        {
            solutionMarks["wrong"] = wrong;
        }

        var cells = new[]
        {
            Markdown($"**{name}.** What is D*(x) when p_data(x) = 0.3 and p_g(x) = 0.1?", new JsonObject { ["exercise"] = name, ["role"] = "prompt" }),
            Code("double? answer1 = null;", new JsonObject { ["exercise"] = name, ["role"] = "answer" }),
            Markdown("<details><summary>Solution</summary>\n\n```csharp\ndouble? answer1 = 0.3 / (0.3 + 0.1);\n```\n\nThree to one.\n\n</details>", solutionMarks),
            Code(check, new JsonObject { ["exercise"] = name, ["role"] = "check" }),
        };
        return cells.Where(cell => (string?)cell["metadata"]?["gankit"]?["role"] != without).ToArray();
    }

    private static string Notebook(params JsonObject[][] parts)
    {
        var cells = new JsonArray { Markdown("# A chapter") };
        foreach (var cell in parts.SelectMany(part => part))
        {
            cells.Add(cell);
        }

        for (var index = 0; index < cells.Count; index++)
        {
            cells[index]!["id"] = $"cell-{index:D2}";
        }

        return new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject { ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" } },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        }.ToJsonString();
    }

    private static JsonObject Markdown(string source, JsonObject? marks = null) => Cell("markdown", source, marks);

    private static JsonObject Code(string source, JsonObject? marks = null)
    {
        var cell = Cell("code", source, marks);
        cell["outputs"] = new JsonArray { new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "old output" } };
        cell["execution_count"] = 7;
        return cell;
    }

    private static JsonObject Cell(string type, string source, JsonObject? marks) => new()
    {
        ["cell_type"] = type,
        ["metadata"] = marks is null ? new JsonObject() : new JsonObject { ["gankit"] = marks },
        ["source"] = source,
    };
}
