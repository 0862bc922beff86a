using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChapterApps;

/// <summary>One cell of a notebook: markdown or code, its id and its source.</summary>
internal sealed record NotebookCell(bool IsCode, string Id, string Source);

/// <summary>Reads the cells of an nbformat 4 notebook, in order.</summary>
internal static class NotebookCells
{
    /// <exception cref="ChapterAppsException">The file is not an nbformat 4 notebook, or a cell has no id.</exception>
    public static List<NotebookCell> Read(string path)
    {
        JsonNode? notebook;
        try
        {
            notebook = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException error)
        {
            throw new ChapterAppsException($"{path} is not a notebook: it is not valid JSON ({error.Message}).");
        }

        if (notebook?["cells"] is not JsonArray cells || notebook["nbformat"]?.GetValue<int>() != 4)
        {
            throw new ChapterAppsException($"{path} is not an nbformat 4 notebook (it needs \"nbformat\": 4 and a \"cells\" list).");
        }

        return [.. cells.OfType<JsonObject>().Where(cell => (string?)cell["cell_type"] is "code" or "markdown").Select((cell, index) => new NotebookCell(
            (string?)cell["cell_type"] == "code",
            (string?)cell["id"] ?? throw new ChapterAppsException($"{path}: cell {index + 1} has no id (nbformat 4.5 cells have one; the app names cells by it)."),
            cell["source"] switch
            {
                JsonArray lines => string.Concat(lines.Select(line => (string?)line)),
                JsonValue text => (string?)text ?? "",
                _ => "",
            }))];
    }
}

/// <summary>A notebook the tool cannot turn into an app, or an app it may not write; the message says which and why.</summary>
internal sealed class ChapterAppsException(string message) : Exception(message);
