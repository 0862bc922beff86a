using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>
/// What every executed notebook must be, whichever kernel wrote it: valid against the nbformat 4.5 schema, written as
/// Jupyter's nbformat writes it (no character escaped that JSON does not require, so MIME keys read
/// <c>application/vnd.plotly.v1+json</c>), and free of compiler warnings (the Jupyter kernel prints them as stderr outputs).
/// </summary>
internal static partial class NbformatChecks
{
    public static readonly string SchemaFolder = Path.Combine(RepositoryPaths.Root, "tests", "GanKit.Tests", "Notebooks", "Schema");
    public const string SchemaFile = "nbformat.v4.5.schema.json";

    // The schema declares draft-04, which JsonSchema.Net does not implement; every keyword it uses means the same in
    // draft 7 (Schema/README.md lists them).
    private static readonly Lazy<JsonSchema> Schema = new(() =>
    {
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFolder, SchemaFile)))!.AsObject();
        schema["$schema"] = "http://json-schema.org/draft-07/schema#";
        return JsonSchema.FromText(schema.ToJsonString());
    });

    /// <summary>Fails with every problem of the notebook at <paramref name="path"/>.</summary>
    public static void AssertWellFormed(string path)
    {
        var problems = Problems(path).ToList();
        Assert.True(problems.Count == 0, $"{path}:\n{string.Join('\n', problems)}");
    }

    /// <summary>Schema errors, needless escapes and compiler warnings of the notebook at <paramref name="path"/>.</summary>
    public static IEnumerable<string> Problems(string path)
    {
        var json = File.ReadAllText(path);
        var notebook = JsonNode.Parse(json)!;
        return SchemaErrors(notebook).Concat(EscapedCharacters(json)).Concat(CompilerWarnings(notebook));
    }

    /// <summary>Where the notebook breaks the nbformat 4.5 schema (the first few places).</summary>
    public static IEnumerable<string> SchemaErrors(JsonNode notebook)
    {
        var result = Schema.Value.Evaluate(notebook, new EvaluationOptions { OutputFormat = OutputFormat.List });
        return result.IsValid
            ? []
            : result.Details
                .Where(detail => detail.Errors is not null)
                .SelectMany(detail => detail.Errors!.Select(error => $"schema: {detail.InstanceLocation}: {error.Value}"))
                .Take(12);
    }

    /// <summary>
    /// Every escaped character in a key or string that nbformat writes as it is: nbformat (Python's json with
    /// ensure_ascii=False) escapes only the quote, the backslash and control characters. Escapes of characters that are
    /// invisible or not text (controls, surrogate halves, line separators, unassigned code points) are allowed.
    /// </summary>
    public static IEnumerable<string> EscapedCharacters(string json)
    {
        var problems = new List<string>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.PropertyName or JsonTokenType.String) || !reader.ValueIsEscaped)
            {
                continue;
            }

            var raw = Encoding.UTF8.GetString(reader.ValueSpan);
            foreach (Match escape in Escape().Matches(raw))
            {
                var character = escape.Groups["hex"].Success
                    ? (char)int.Parse(escape.Groups["hex"].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)
                    : escape.Value[1] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', var other => other };
                if (!NeedsEscape(character))
                {
                    var what = reader.TokenType == JsonTokenType.PropertyName ? "key" : "string";
                    problems.Add($"escaped: '{escape.Value}' ('{character}') in the {what} \"{Shorten(reader.GetString()!)}\" at byte {reader.TokenStartIndex}");
                }
            }
        }

        return problems.Take(12);
    }

    /// <summary>Compiler warnings among the stderr outputs, one line each: "cell id: warning CSnnnn: …".</summary>
    public static IEnumerable<string> CompilerWarnings(JsonNode notebook) =>
        notebook["cells"]!.AsArray().SelectMany(cell =>
            (cell!["outputs"]?.AsArray() ?? [])
                .Where(output => (string?)output!["output_type"] == "stream" && (string?)output["name"] == "stderr")
                .SelectMany(output => CompilerWarning().Matches(ExecutedNotebookAssertions.Text(output!["text"])))
                .Select(warning => $"compiler warning in cell {cell["id"]}: {warning.Value}"));

    private static bool NeedsEscape(char character) =>
        character is '"' or '\\'
        || char.GetUnicodeCategory(character) is UnicodeCategory.Control or UnicodeCategory.Surrogate or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse;

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "…";

    // One JSON escape: \uXXXX or a backslash and one character.
    [GeneratedRegex(@"\\(u(?<hex>[0-9A-Fa-f]{4})|.)")]
    private static partial Regex Escape();

    // Roslyn's text for a warning: "(1,7): warning CS8632: …" or, without a place, "warning CS1701: …".
    [GeneratedRegex(@"warning CS\d{4}:[^\n]*")]
    private static partial Regex CompilerWarning();
}
