using System.Text.Json.Nodes;
using Xunit;

namespace GanKit.Tests.Notebooks;

/// <summary>Reads an executed notebook and checks what it shows.</summary>
internal static class ExecutedNotebookAssertions
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

    public static IEnumerable<JsonObject> Outputs(JsonNode notebook) =>
        notebook["cells"]!.AsArray().SelectMany(cell => cell!["outputs"]?.AsArray() ?? []).OfType<JsonObject>();

    /// <summary>No error output anywhere.</summary>
    public static void HasNoErrors(JsonNode notebook, string path)
    {
        var errors = Outputs(notebook).Where(output => (string?)output["output_type"] == "error").ToList();
        Assert.True(errors.Count == 0, $"{path} has error outputs: {string.Join("; ", errors.Select(e => $"{e["ename"]}: {e["evalue"]}"))}");
    }

    /// <summary>
    /// Returns how many Plotly figures with at least one trace the notebook shows. The figure is a JSON object, or JSON
    /// text: the Jupyter kernel keeps only <c>application/json</c> as JSON and sends other JSON MIME types as strings.
    /// </summary>
    public static int CountPlotlyFigures(JsonNode notebook) =>
        Outputs(notebook)
            .Select(output => output["data"]?["application/vnd.plotly.v1+json"])
            .Where(figure => figure is not null)
            .Select(figure => figure is JsonObject ? figure : JsonNode.Parse(Text(figure)))
            .Count(figure => figure?["data"] is JsonArray { Count: > 0 });

    /// <summary>Returns how many outputs are PNG images that really are PNG files.</summary>
    public static int CountPngImages(JsonNode notebook) =>
        Outputs(notebook)
            .Select(output => output["data"]?["image/png"])
            .Where(image => image is not null)
            .Select(image => Convert.FromBase64String(image is JsonArray lines ? string.Concat(lines.Select(line => (string?)line)) : (string)image!))
            .Count(bytes => bytes.AsSpan().StartsWith(PngSignature));

    /// <summary>All text the notebook printed.</summary>
    public static string PrintedText(JsonNode notebook) => string.Concat(Outputs(notebook).Select(output => Text(output["text"])));

    /// <summary>A multi-line string as nbformat stores it: one string, or a list of lines.</summary>
    public static string Text(JsonNode? node) => node is JsonArray lines ? string.Concat(lines.Select(line => (string?)line)) : (string?)node ?? "";
}
