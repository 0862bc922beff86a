using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GanKit.Data;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookRunner;

/// <summary>Writes executed notebooks as nbformat 4 JSON, the way Jupyter's nbformat writes them, and reads what they show.</summary>
internal static class ExecutedNotebook
{
    // nbformat writes one space per level, characters as they are (Python's ensure_ascii=False) and a final newline.
    // The relaxed encoder leaves '+', quotes and non-ASCII text unescaped; it is "unsafe" only for embedding JSON in
    // HTML, which a notebook file is not.
    private static readonly JsonSerializerOptions NbformatStyle = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the in-process run's <paramref name="document"/> to <paramref name="path"/>.</summary>
    public static void Write(InteractiveDocument document, string path)
    {
        var notebook = JsonNode.Parse(document.ToJupyterJson())!;
        ParseJsonOutputs(notebook);
        Write(notebook, path);
    }

    /// <summary>
    /// Rewrites the copy dotnet-repl wrote at <paramref name="path"/> as a valid nbformat 4.5 notebook: dotnet-repl drops
    /// the cell ids (required since nbformat 4.5), so they are taken from <paramref name="sourceNotebook"/>, the notebook it ran.
    /// </summary>
    /// <exception cref="InvalidDataException">The copy's cells do not line up with the source's.</exception>
    public static void RewriteDotnetReplCopy(string path, string sourceNotebook)
    {
        var notebook = JsonNode.Parse(File.ReadAllText(path))!;
        var cells = notebook["cells"]!.AsArray();
        var sourceCells = JsonNode.Parse(File.ReadAllText(sourceNotebook))!["cells"]!.AsArray();
        if (cells.Count != sourceCells.Count)
        {
            throw new InvalidDataException($"dotnet-repl wrote {cells.Count} cells to {path}, but {sourceNotebook} has {sourceCells.Count}.");
        }

        for (var index = 0; index < cells.Count; index++)
        {
            var cell = cells[index]!.AsObject();
            var sourceCell = sourceCells[index]!;
            if ((string?)cell["cell_type"] != (string?)sourceCell["cell_type"])
            {
                throw new InvalidDataException($"Cell {index + 1} of {path} is a {cell["cell_type"]} cell, but in {sourceNotebook} it is a {sourceCell["cell_type"]} cell.");
            }

            cell["id"] ??= sourceCell["id"]?.DeepClone();
        }

        ParseJsonOutputs(notebook);
        Write(notebook, path);
    }

    /// <summary>How many code cells the notebook at <paramref name="path"/> has.</summary>
    public static int CodeCellCount(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["cells"]!.AsArray().Count(cell => (string?)cell!["cell_type"] == "code");

    /// <summary>The first error output, with its cell's source, or null when there is none.</summary>
    public static string? FirstError(JsonNode notebook)
    {
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            foreach (var output in cell!["outputs"]?.AsArray() ?? [])
            {
                if ((string?)output!["output_type"] == "error")
                {
                    return $"----- cell source -----\n{Text(cell["source"])}\n----- error -----\n{output["ename"]}: {output["evalue"]}";
                }
            }
        }

        return null;
    }

    /// <summary>What follows the last <c>Result:</c> the notebook printed, or null.</summary>
    public static string? ResultLine(JsonNode notebook) =>
        notebook["cells"]!.AsArray()
            .SelectMany(cell => cell!["outputs"]?.AsArray() ?? [])
            .Select(output => output!["text"] ?? output["data"]?["text/plain"])
            .Where(text => text is not null)
            .SelectMany(text => Text(text).Split('\n'))
            .LastOrDefault(line => line.StartsWith("Result:", StringComparison.Ordinal))?["Result:".Length..].Trim();

    private static void Write(JsonNode notebook, string path) =>
        AtomicFile.WriteAllText(path, notebook.ToJsonString(NbformatStyle) + "\n");

    /// <summary>
    /// .NET Interactive's writer stores every output as text lines; nbformat stores JSON outputs (<c>application/json</c>,
    /// <c>application/*+json</c> such as Plotly's) as JSON values, and front ends render only those.
    /// </summary>
    private static void ParseJsonOutputs(JsonNode notebook)
    {
        foreach (var cell in notebook["cells"]!.AsArray())
        {
            foreach (var output in cell?["outputs"]?.AsArray() ?? [])
            {
                if (output?["data"] is not JsonObject data)
                {
                    continue;
                }

                foreach (var mimeType in data.Select(pair => pair.Key).Where(IsJsonMimeType).ToList())
                {
                    if (data[mimeType] is JsonArray lines)
                    {
                        data[mimeType] = JsonNode.Parse(string.Concat(lines.Select(line => line!.GetValue<string>())));
                    }
                }
            }
        }
    }

    private static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));

    private static string Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(line => (string?)line)),
        JsonValue value => (string?)value ?? "",
        _ => "",
    };
}
