using System.Text.Json;
using System.Text.Json.Nodes;

namespace GanKit.Display;

/// <summary>One cell of a notebook: markdown or code, its id and its source.</summary>
internal sealed record NotebookCell(bool IsCode, string Id, string Source);

/// <summary>
/// Reads the code and markdown cells of an nbformat 4 notebook, in order: for <c>ChapterApp</c> (the markdown on an
/// app's page) and for tools/ChapterApps (which links this file).
/// </summary>
internal static class NotebookCells
{
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook, or a cell has no id or one used twice.</exception>
    public static List<NotebookCell> Read(string path)
    {
        JsonNode? notebook;
        try
        {
            notebook = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"{path} is not a notebook: it is not valid JSON ({error.Message}).", error);
        }

        if (notebook?["cells"] is not JsonArray cells || notebook["nbformat"] is not JsonValue format || !format.TryGetValue(out int version) || version != 4)
        {
            throw new InvalidDataException($"{path} is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list).");
        }

        var read = new List<NotebookCell>();
        foreach (var (cell, index) in cells.Select((cell, index) => (cell as JsonObject, index)))
        {
            var type = cell?["cell_type"] is JsonValue typeValue && typeValue.TryGetValue(out string? typeName) ? typeName : null;
            if (type is not ("code" or "markdown"))
            {
                continue;   // raw cells, and anything else, have no place in an app
            }

            var id = cell!["id"] is JsonValue idValue && idValue.TryGetValue(out string? text) && text.Length > 0
                ? text
                : throw new InvalidDataException($"{path}: cell {index + 1} has no id, or one that is not text (nbformat 4.5 cells have one; the app names cells by it).");
            if (read.Any(earlier => earlier.Id == id))
            {
                throw new InvalidDataException($"{path}: two cells have the id {id}; give one of them another (ids must be unique in nbformat 4.5).");
            }

            read.Add(new NotebookCell(type == "code", id, cell["source"] switch
            {
                JsonArray lines => string.Concat(lines.Select(line => line is JsonValue value && value.TryGetValue(out string? part) ? part : "")),
                JsonValue source when source.TryGetValue(out string? whole) => whole,
                _ => "",
            }));
        }

        return read;
    }
}
