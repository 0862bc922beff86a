using System.Text.Json;
using GanKit.Tools;

namespace NotebookRunner;

/// <summary>
/// Checks, before any notebook runs, that a file given to the runner is a notebook it can run: readable, JSON, an object,
/// nbformat 4, with an array of cells each of which has a <c>cell_type</c> (code, markdown or raw) and a <c>source</c>
/// (text, or an array of lines), and metadata, where there is any, that is an object. It only reads the file.
/// </summary>
internal static class NotebookFileCheck
{
    private const string WhatToDo = "Open it in VS Code or restore it with git.";

    private static readonly string[] CellTypes = ["code", "markdown", "raw"];

    /// <summary>What is wrong with the notebook at <paramref name="path"/>, as one line that names it and says what to do; null when nothing is.</summary>
    public static string? Problem(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return $"{path} cannot be read ({OneLine.Of(exception.Message)}). Check that it is a file you may read, or restore it with git.";
        }

        if (text.Length == 0)
        {
            return NotANotebook(path, "it is empty (0 bytes)");
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return NotANotebook(path, "it holds only white space");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            return NotANotebook(path, $"it is not JSON (line {exception.LineNumber + 1 ?? 1}, byte {exception.BytePositionInLine + 1 ?? 1}: {ParserReason(exception)})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return NotANotebook(path, $"it is JSON, but {Kind(root)}, not an object");
            }

            if (!root.TryGetProperty("nbformat", out var format) || format.ValueKind != JsonValueKind.Number)
            {
                return NotANotebook(path, "it has no \"nbformat\" number");
            }

            if (!format.TryGetDouble(out var version) || version != 4)
            {
                return $"{path} is a notebook of nbformat {format.GetRawText()}, and the runner runs nbformat 4 only. "
                    + "Convert it with `jupyter nbconvert --to notebook --nbformat 4`, or restore it with git.";
            }

            if (root.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Object)
            {
                return NotANotebook(path, $"its \"metadata\" is {Kind(metadata)}, not an object");
            }

            if (!root.TryGetProperty("cells", out var cells))
            {
                return NotANotebook(path, "it has no \"cells\" array");
            }

            if (cells.ValueKind != JsonValueKind.Array)
            {
                return NotANotebook(path, $"its \"cells\" is {Kind(cells)}, not an array of cells");
            }

            var number = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                number++;
                if (CellProblem(cell) is { } problem)
                {
                    return NotANotebook(path, $"its cell {number} of {cells.GetArrayLength()} {problem}");
                }
            }
        }

        return null;
    }

    /// <summary>What is wrong with one cell, to follow "its cell N of M"; null when nothing is.</summary>
    private static string? CellProblem(JsonElement cell)
    {
        if (cell.ValueKind != JsonValueKind.Object)
        {
            return $"is {Kind(cell)}, not a cell object";
        }

        if (!cell.TryGetProperty("cell_type", out var cellType))
        {
            return "has no \"cell_type\"";
        }

        if (cellType.ValueKind != JsonValueKind.String || !CellTypes.Contains(cellType.GetString(), StringComparer.Ordinal))
        {
            return $"has the \"cell_type\" {cellType.GetRawText()}, not \"code\", \"markdown\" or \"raw\"";
        }

        if (cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind != JsonValueKind.Object)
        {
            return $"has a \"metadata\" that is {Kind(metadata)}, not an object";
        }

        if (!cell.TryGetProperty("source", out var source))
        {
            return "has no \"source\"";
        }

        var isText = source.ValueKind == JsonValueKind.String
            || (source.ValueKind == JsonValueKind.Array && source.EnumerateArray().All(line => line.ValueKind == JsonValueKind.String));
        return isText ? null : $"has a \"source\" that is {Kind(source)}, not text or an array of lines";
    }

    private static string NotANotebook(string path, string what) => $"{path} is not a notebook: {what}. {WhatToDo}";

    /// <summary>The parser's reason without the position it appends ("… LineNumber: 0 | BytePositionInLine: 0.").</summary>
    private static string ParserReason(JsonException exception)
    {
        var message = exception.Message;
        foreach (var marker in new[] { " Path: ", " LineNumber: " })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0)
            {
                message = message[..at];
            }
        }

        return OneLine.Of(message);
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };
}
