using static TorchSharp.torch;

namespace GanKit.Display;

/// <summary>
/// Step 7 of the article's recipe, "inspect by hand": real and generated samples next to each other, on the same
/// scale, so the eye can compare them. Points for 2-D data (chapter 03), image grids for pictures (chapter 05).
/// </summary>
public static class SideBySide
{
    /// <summary>Two panels of 2-D points, real on the left and generated on the right, over the same square range.</summary>
    /// <param name="real">Real points (N, 2), any device.</param>
    /// <param name="generated">Generated points (M, 2), any device.</param>
    /// <param name="minimum">Lower end of both axes of both panels.</param>
    /// <param name="maximum">Upper end of both axes of both panels.</param>
    /// <param name="title">The chart's title.</param>
    public static PlotlyChart Points(Tensor real, Tensor generated, double minimum, double maximum, string title = "Inspect by hand: real (left) and generated (right)")
    {
        RequirePoints(real, nameof(real));
        RequirePoints(generated, nameof(generated));
        float[] realPoints;
        float[] generatedPoints;
        using (NewDisposeScope())
        {
            realPoints = real.detach().to(float32).to(CPU).data<float>().ToArray();
            generatedPoints = generated.detach().to(float32).to(CPU).data<float>().ToArray();
        }

        var chart = new PlotlyChart(title, xTitle: "x₁", yTitle: "x₂", height: 440)
            .Markers("real", DecisionSurface.Column(realPoints, 0), DecisionSurface.Column(realPoints, 1), size: 3, color: DecisionSurface.RealColor)
            .Markers("generated", DecisionSurface.Column(generatedPoints, 0), DecisionSurface.Column(generatedPoints, 1), size: 3, color: DecisionSurface.GeneratedColor);
        var range = new System.Text.Json.Nodes.JsonArray(minimum, maximum);
        return chart
            .Layout("xaxis", Axis("x₁ (real)", range, domain: (0, 0.47)))
            .Layout("yaxis", Axis("x₂", range, domain: null, anchor: "x"))
            .Layout("xaxis2", Axis("x₁ (generated)", range, domain: (0.53, 1)))
            .Layout("yaxis2", Axis("", range, domain: null, anchor: "x2"))
            .AssignLastTraceTo("x2", "y2");
    }

    /// <summary>Two image grids in one picture, real on the left and generated on the right, with the same settings as <see cref="ImageGrid.ToPng"/>.</summary>
    public static PngImage Images(Tensor real, Tensor generated, int columns = 8, int scale = 2, float low = 0f, float high = 1f)
    {
        const int gap = 12;
        const byte white = 255;
        using var scope = NewDisposeScope();
        var left = ImageGrid.Render(real, columns, padding: 2, scale, low, high, paddingShade: 128);
        var right = ImageGrid.Render(generated, columns, padding: 2, scale, low, high, paddingShade: 128);
        if (left.shape[2] != right.shape[2])
        {
            throw new ArgumentException($"Real images have {left.shape[2]} channels but generated ones have {right.shape[2]}.", nameof(generated));
        }

        // (height, width, channels) bytes: the shorter grid gets white below it, the left one a white gap on its right.
        var height = Math.Max(left.shape[0], right.shape[0]);
        left = nn.functional.pad(left, [0, 0, 0, gap, 0, height - left.shape[0]], value: white);
        right = nn.functional.pad(right, [0, 0, 0, 0, 0, height - right.shape[0]], value: white);
        return PngImage.Encode(cat([left, right], dim: 1));
    }

    private static System.Text.Json.Nodes.JsonObject Axis(string title, System.Text.Json.Nodes.JsonArray range, (double Start, double End)? domain, string? anchor = null)
    {
        var axis = new System.Text.Json.Nodes.JsonObject
        {
            ["title"] = new System.Text.Json.Nodes.JsonObject { ["text"] = title },
            ["range"] = range.DeepClone(),
        };
        if (domain is { } span)
        {
            axis["domain"] = new System.Text.Json.Nodes.JsonArray(span.Start, span.End);
        }

        if (anchor is not null)
        {
            axis["anchor"] = anchor;
            axis["scaleanchor"] = anchor;
        }

        return axis;
    }

    private static void RequirePoints(Tensor points, string name)
    {
        if (points.dim() != 2 || points.shape[1] != 2)
        {
            throw new ArgumentException($"{name} must be (N, 2) points, not shape [{string.Join(", ", points.shape)}].", name);
        }
    }
}
