using System.Text.Json.Nodes;
using GanKit.Tests.Notebooks;
using Xunit;

namespace GanKit.Tests.Tools;

/// <summary>
/// <c>tools/ChapterApps</c>: the committed apps are what the notebooks make now, an edited notebook makes its app fail
/// the check until the apps are written again, a cell becomes the code the notebook kernel would run, and what an app
/// cannot do is refused in one line that names the cell, with nothing written.
/// </summary>
public sealed class ChapterAppsCommandTests : IDisposable
{
    private static readonly string Dll = Path.Combine(RepositoryPaths.Root, "artifacts", "chapter-apps", "ChapterApps.dll");
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);
    private readonly string notebooks = Directory.CreateTempSubdirectory("gankit-chapter-apps-").FullName;

    public void Dispose() => Directory.Delete(notebooks, recursive: true);

    [Fact]
    public void The_committed_apps_are_up_to_date_with_their_notebooks()
    {
        var (code, output) = Run("--check");

        Assert.True(code == 0, output);
        Assert.Contains("All 10 apps are up to date with their notebooks.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_edited_without_writing_its_app_again_fails_the_check()
    {
        const string name = "01-what-is-a-gan";
        File.Copy(Path.Combine(RepositoryPaths.Root, "notebooks", $"{name}.ipynb"), Path.Combine(notebooks, $"{name}.ipynb"));
        Directory.CreateDirectory(Path.Combine(notebooks, "apps"));
        File.Copy(Path.Combine(RepositoryPaths.Root, "notebooks", "apps", $"{name}.cs"), Path.Combine(notebooks, "apps", $"{name}.cs"));
        Assert.Equal(0, Run("--check", notebooks).Code);

        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(notebooks, $"{name}.ipynb")))!;
        var cell = notebook["cells"]!.AsArray().First(cell => (string?)cell!["id"] == "cell-49")!;
        cell["source"] = new JsonArray("const float RealMean = 3f;   // edited\n", "const float RealStd = 1.25f;");
        File.WriteAllText(Path.Combine(notebooks, $"{name}.ipynb"), notebook.ToJsonString());

        var (code, output) = Run("--check", notebooks);

        Assert.Equal(1, code);
        Assert.Contains($"{name}.cs is not what {name}.ipynb makes now.", output, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project tools/ChapterApps -c Release", output, StringComparison.Ordinal);

        Assert.Equal(0, Run(notebooks).Code);   // written again …
        Assert.Contains("const float RealMean = 3f;   // edited", File.ReadAllText(Path.Combine(notebooks, "apps", $"{name}.cs")), StringComparison.Ordinal);
        Assert.Equal(0, Run("--check", notebooks).Code);   // … it is up to date
    }

    [Fact]
    public void A_notebook_becomes_an_app_that_runs_its_cells_in_order()
    {
        Write("07-probe.ipynb",
            Markdown("m1", "# 07 — A probe\n\nSome *text*."),
            Code("c1", "#r \"../artifacts/gankit/TorchSharp.dll\"\n#r \"../artifacts/gankit/GanKit.dll\""),
            Code("c2", "// The tensor functions, by name:\nusing GanKit.Data;\nusing static TorchSharp.torch;\n\nvar numbers = new[] { 1, 2 };\nforeach (var number in numbers) display(number);\nrecord Row(int Number);\nnumbers.Length"),
            Code("c3", "var total = numbers.Sum(); // a comment stays\ntotal"),
            Code("c4", "display(total + 1)"),
            Code("c5", "numbers.ToList().ForEach(n => display(n));\nclass Shower { public void Show(int x) { display(x); } }\nConsole.WriteLine(total)"));

        var (code, output) = Run(notebooks);

        Assert.True(code == 0, output);
        var app = File.ReadAllText(Path.Combine(notebooks, "apps", "07-probe.cs"));
        Assert.Equal(
            ["#:project ../../lib/GanKit/GanKit.csproj", "using GanKit.Data;", "using static TorchSharp.torch;", "using GanKit.Display;", "ChapterApp.Start(\"../07-probe.ipynb\", \"07 — A probe\");"],
            app.Split('\n').Where(line => line.StartsWith('#') || line.StartsWith("using ", StringComparison.Ordinal) || line.StartsWith("ChapterApp.Start", StringComparison.Ordinal)));
        string[] inOrder =
        [
            "// # 07 — A probe\n//\n// Some *text*.\nChapterApp.MarkdownCell(\"m1\");",
            "var numbers = new[] { 1, 2 };\nforeach (var number in numbers) ChapterApp.Display(number);\nChapterApp.Display(numbers.Length);",
            "var total = numbers.Sum(); // a comment stays\nChapterApp.Display(total);",
            "ChapterApp.Display(total + 1);\n",
            "numbers.ToList().ForEach(n => ChapterApp.Display(n));\nConsole.WriteLine(total);\n",
            "ChapterApp.Finish();",
            "// From c2:\nrecord Row(int Number);",
            "// From c5:\nclass Shower { public void Show(int x) { ChapterApp.Display(x); } }",
        ];
        var places = inOrder.Select(part => app.IndexOf(part, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, places);
        Assert.Equal(places.Order(), places);
        Assert.Contains("// ── c2 (code) ", app, StringComparison.Ordinal);
        var comment = app.IndexOf("// The tensor functions, by name:", StringComparison.Ordinal);   // a comment above a using stays,
        Assert.InRange(comment, app.IndexOf("ChapterApp.Start(", StringComparison.Ordinal), app.IndexOf("var numbers", StringComparison.Ordinal));   // in its cell
        Assert.DoesNotContain("display(", app, StringComparison.Ordinal);
    }

    [Fact]
    public void An_app_checked_out_with_crlf_line_ends_is_still_up_to_date_and_a_copy_of_one_is_no_orphan()
    {
        Write("07-probe.ipynb", Markdown("m1", "# 07 — A probe"), Code("c1", "var x = 1;\nx"));
        Assert.Equal(0, Run(notebooks).Code);
        var app = Path.Combine(notebooks, "apps", "07-probe.cs");
        File.WriteAllText(app, File.ReadAllText(app).Replace("\n", "\r\n", StringComparison.Ordinal));   // as Git for Windows checks it out
        File.Copy(app, Path.Combine(notebooks, "apps", "07-mine.cs"));                                     // a learner's copy

        var (code, output) = Run("--check", notebooks);

        Assert.True(code == 0, output);
        Assert.Equal(0, Run(notebooks).Code);
    }

    [Theory]
    [InlineData("#r \"nuget: Some.Package, 1.0.0\"", "cell c1: #r \"nuget: Some.Package, 1.0.0\" has no app equivalent yet")]
    [InlineData("var shown = display(1);\nshown.Update(2);", "cell c1: `display(1)` uses the value display(…) returns, which only a notebook kernel has")]
    [InlineData("var x = ;", "cell c1 does not parse as C#")]
    [InlineData("display(1, \"text/html\");", "cell c1: `display(1, \"text/html\")` names how to show the value, which only a notebook kernel can do")]
    public void A_cell_an_app_cannot_run_is_refused_and_nothing_is_written(string source, string message)
    {
        Write("06-fine.ipynb", Markdown("m1", "# 06 — Fine"), Code("c1", "var x = 1;"));   // before the bad one: not written either
        Write("07-probe.ipynb", Markdown("m1", "# 07 — A probe"), Code("c1", source));

        var (code, output) = Run(notebooks);

        Assert.Equal(1, code);
        Assert.Contains($"07-probe.ipynb, {message}", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(notebooks, "apps")));
    }

    [Fact]
    public void A_file_the_tool_did_not_write_is_left_as_it_is()
    {
        Write("07-probe.ipynb", Markdown("m1", "# 07 — A probe"), Code("c1", "var x = 1;"));
        var mine = Path.Combine(Directory.CreateDirectory(Path.Combine(notebooks, "apps")).FullName, "07-probe.cs");
        File.WriteAllText(mine, "Console.WriteLine(\"my own app\");\n");

        var (code, output) = Run(notebooks);

        Assert.Equal(1, code);
        Assert.Contains("07-probe.cs is there and was not written by this tool: it is left as it is.", output, StringComparison.Ordinal);
        Assert.Equal("Console.WriteLine(\"my own app\");\n", File.ReadAllText(mine));
    }

    [Fact]
    public void An_app_edited_after_it_was_written_is_left_as_it_is_with_its_edits()
    {
        Write("07-probe.ipynb", Markdown("m1", "# 07 — A probe"), Code("c1", "double? answer1 = null;"));
        Assert.Equal(0, Run(notebooks).Code);
        var app = Path.Combine(notebooks, "apps", "07-probe.cs");
        var edited = File.ReadAllText(app).Replace("double? answer1 = null;", "double? answer1 = 0.5;", StringComparison.Ordinal);
        File.WriteAllText(app, edited);
        Write("07-probe.ipynb", Markdown("m1", "# 07 — A probe, changed"), Code("c1", "double? answer1 = null;"));

        var (code, output) = Run(notebooks);

        Assert.Equal(1, code);
        Assert.Contains("07-probe.cs was edited after the tool wrote it (its checksum line no longer matches): it is left as it is, with your edits.", output, StringComparison.Ordinal);
        Assert.Equal(edited, File.ReadAllText(app));
        var (checkCode, checkOutput) = Run("--check", notebooks);
        Assert.Equal(1, checkCode);
        Assert.Contains("07-probe.cs was edited after the tool wrote it", checkOutput, StringComparison.Ordinal);
    }

    private void Write(string name, params JsonObject[] cells) =>
        File.WriteAllText(Path.Combine(notebooks, name), new JsonObject { ["nbformat"] = 4, ["nbformat_minor"] = 5, ["metadata"] = new JsonObject(), ["cells"] = new JsonArray(cells) }.ToJsonString());

    private static JsonObject Markdown(string id, string source) => new() { ["cell_type"] = "markdown", ["id"] = id, ["metadata"] = new JsonObject(), ["source"] = source };

    private static JsonObject Code(string id, string source) =>
        new() { ["cell_type"] = "code", ["id"] = id, ["metadata"] = new JsonObject(), ["source"] = source, ["outputs"] = new JsonArray(), ["execution_count"] = null };

    private static (int Code, string Output) Run(params string[] arguments) =>
        NotebookProcess.Run(RepositoryPaths.Root, new Dictionary<string, string?>(), Limit, [Dll, .. arguments]);
}
