using System.Text.Json;
using System.Text.Json.Nodes;

namespace Homework;

/// <summary>Reading and writing nbformat 4 notebooks as JSON, keeping every field the tool does not change.</summary>
internal static class Notebooks
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, IndentSize = 1, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The notebook at <paramref name="path"/>.</summary>
    /// <exception cref="HomeworkException">It is not an nbformat 4 notebook.</exception>
    public static JsonObject Read(string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new HomeworkException($"{path} is not a notebook: it is not valid JSON ({error.Message}).");
        }

        if (node is not JsonObject notebook || notebook["cells"] is not JsonArray || notebook["nbformat"]?.GetValue<int>() != 4)
        {
            throw new HomeworkException($"{path} is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list).");
        }

        return notebook;
    }

    /// <summary>The notebook as text, the way the course commits notebooks (one-space indent, a final newline).</summary>
    public static string Text(JsonObject notebook) => notebook.ToJsonString(Indented) + "\n";

    public static IEnumerable<JsonObject> Cells(JsonObject notebook) => notebook["cells"]!.AsArray().Select(cell => cell!.AsObject());

    public static bool IsCode(JsonObject cell) => cell["cell_type"]?.GetValue<string>() == "code";

    /// <summary>The cell's source as one string (nbformat allows a string or a list of lines).</summary>
    public static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(line => line!.GetValue<string>())),
        JsonValue text => text.GetValue<string>(),
        _ => "",
    };

    /// <summary>Sets the cell's source as a list of lines, each but the last ending in a newline (as Jupyter writes it).</summary>
    public static void SetSource(JsonObject cell, string source)
    {
        var lines = new JsonArray();
        var parts = source.Split('\n');
        for (var index = 0; index < parts.Length; index++)
        {
            var line = index < parts.Length - 1 ? parts[index] + "\n" : parts[index];
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        cell["source"] = lines;
    }

    /// <summary>The cell's <c>"gankit"</c> metadata, or null.</summary>
    public static JsonObject? Gankit(JsonObject cell) => cell["metadata"]?["gankit"] as JsonObject;
}
