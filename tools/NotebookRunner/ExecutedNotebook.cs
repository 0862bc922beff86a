using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;
using Microsoft.DotNet.Interactive.Documents.Jupyter;

namespace NotebookRunner;

/// <summary>Writes an executed notebook as nbformat 4 JSON.</summary>
internal static class ExecutedNotebook
{
    /// <summary>
    /// Writes <paramref name="document"/> to <paramref name="path"/> through a temporary file and a rename.
    /// .NET Interactive's writer stores every output as text lines; nbformat wants JSON outputs
    /// (<c>application/json</c>, <c>application/*+json</c> such as Plotly's) as JSON objects, so they are converted.
    /// </summary>
    public static void Write(InteractiveDocument document, string path)
    {
        var notebook = JsonNode.Parse(document.ToJupyterJson())!;
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

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, notebook.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    private static bool IsJsonMimeType(string mimeType) =>
        mimeType == "application/json" || (mimeType.StartsWith("application/", StringComparison.Ordinal) && mimeType.EndsWith("+json", StringComparison.Ordinal));
}
