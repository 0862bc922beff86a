using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// The nbformat checks themselves: the schema is the committed copy, the committed notebooks and any full-size executed
/// copies in artifacts/notebooks/ pass them, and each check rejects what it is there to reject. (The smoke-size copies
/// are checked by <see cref="ChapterNotebookTests"/> right after each run.)
/// </summary>
public sealed class NbformatTests
{
    [Fact]
    public void The_committed_schema_is_the_copy_its_checksum_names()
    {
        var expected = File.ReadAllText(Path.Combine(NbformatChecks.SchemaFolder, "SHA256SUMS")).Split(' ', 2)[0];
        var actual = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(NbformatChecks.SchemaFolder, NbformatChecks.SchemaFile))));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(NotebookSourceTests.Notebooks), MemberType = typeof(NotebookSourceTests))]
    public void The_committed_notebook_is_valid_nbformat_4_5(string name)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", name)))!;

        Assert.Empty(NbformatChecks.SchemaErrors(notebook));
    }

    /// <summary>
    /// What README's Quick start writes: the full-size copies of every kernel, when they have been made here. A copy made
    /// before a fix fails too: run the notebooks again, or delete it.
    /// </summary>
    [Fact]
    public void Every_full_size_executed_copy_in_artifacts_is_well_formed()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "artifacts", "notebooks");
        var smoke = Path.Combine(folder, "smoke") + Path.DirectorySeparatorChar;
        var copies = Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.ipynb", SearchOption.AllDirectories).Where(path => !path.StartsWith(smoke, StringComparison.Ordinal)).ToList()
            : [];

        var problems = copies.Select(path => (path, Problems: NbformatChecks.Problems(path).ToList())).Where(copy => copy.Problems.Count > 0).ToList();
        Assert.True(problems.Count == 0,
            string.Join("\n", problems.Select(copy => $"{copy.path}:\n  {string.Join("\n  ", copy.Problems)}"))
            + "\nThese full-size copies may predate the current notebooks or runner: run the notebooks again "
            + "(dotnet run --project tools/NotebookRunner -c Release -- notebooks) or delete the copies.");
    }

    [Fact]
    public void The_schema_check_rejects_a_cell_without_an_id()
    {
        var notebook = Committed();
        notebook["cells"]![0]!.AsObject().Remove("id");

        Assert.Contains(NbformatChecks.SchemaErrors(notebook), error => error.Contains("/cells/0", StringComparison.Ordinal));
    }

    [Fact]
    public void The_schema_check_rejects_a_stream_output_without_a_name()
    {
        var notebook = Committed();
        var codeCell = notebook["cells"]!.AsArray().First(cell => (string?)cell!["cell_type"] == "code")!;
        codeCell["outputs"]!.AsArray().Add(new JsonObject { ["output_type"] = "stream", ["text"] = "hello\n" });

        Assert.NotEmpty(NbformatChecks.SchemaErrors(notebook));
    }

    [Theory]
    [InlineData("application/vnd.plotly.v1+json", "{}")]   // the key
    [InlineData("text/plain", "\"D(x) = p_data / (p_data + p_g), don't\"")]
    [InlineData("text/plain", "\"x² − 1\"")]
    public void The_escape_check_finds_what_the_default_json_encoder_escapes(string mimeType, string value)
    {
        var output = new JsonObject { ["data"] = new JsonObject { [mimeType] = JsonNode.Parse(value) } };
        var escaped = output.ToJsonString(new JsonSerializerOptions { WriteIndented = true });   // escapes +, ' and non-ASCII
        var asNbformatWritesIt = output.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

        Assert.NotEmpty(NbformatChecks.EscapedCharacters(escaped));
        Assert.Empty(NbformatChecks.EscapedCharacters(asNbformatWritesIt));
    }

    [Fact]
    public void The_escape_check_allows_the_escapes_json_requires()
    {
        Assert.Empty(NbformatChecks.EscapedCharacters("""{"text": "a \"quote\", a back\\slash, a tab\t and a line\n, a bell \u0007"}"""));
    }

    [Fact]
    public void The_warning_check_finds_a_compiler_warning_printed_as_the_jupyter_kernel_prints_it()
    {
        var notebook = Committed();
        var codeCell = notebook["cells"]!.AsArray().First(cell => (string?)cell!["cell_type"] == "code")!;
        codeCell["outputs"]!.AsArray().Add(new JsonObject
        {
            ["output_type"] = "stream",
            ["name"] = "stderr",
            ["text"] = new JsonArray("\n", "(1,7): warning CS8632: The annotation for nullable reference types should only be used in code within a '#nullable' annotations context.\n", "\n"),
        });

        var warning = Assert.Single(NbformatChecks.CompilerWarnings(notebook));
        Assert.Contains($"cell {codeCell["id"]}: warning CS8632", warning, StringComparison.Ordinal);
    }

    private static JsonNode Committed() => JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "notebooks", "01-what-is-a-gan.ipynb")))!;
}
