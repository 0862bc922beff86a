using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// Precomputed pictures shown one at a time, with a row of labelled steps to click: a slider that needs no kernel round
/// trip and no script. It is plain HTML and CSS (radio buttons, and <c>:checked ~</c> rules that show the chosen frame),
/// so it works wherever a front end renders an HTML output with its style sheet: a cell run in VS Code (trusted workspace)
/// or in JupyterLab. Where a front end strips style sheets (JupyterLab on a notebook opened from disk and not trusted,
/// GitHub's preview) every frame is shown, one after another, with its label. Introduced in chapter 06c.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class FrameSlider
{
    /// <summary>A slider titled <paramref name="title"/> over <paramref name="frames"/>, one label each, showing <paramref name="selected"/> first.</summary>
    /// <exception cref="ArgumentException">There are no frames, the labels and frames differ in number, or <paramref name="selected"/> is not a frame's index.</exception>
    public FrameSlider(string title, IReadOnlyList<string> labels, IReadOnlyList<PngImage> frames, int selected = 0)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(frames);
        if (frames.Count == 0)
        {
            throw new ArgumentException("A slider needs at least one frame.", nameof(frames));
        }

        if (labels.Count != frames.Count)
        {
            throw new ArgumentException($"Each of the {frames.Count} frames needs one label; there are {labels.Count}.", nameof(labels));
        }

        if (selected < 0 || selected >= frames.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(selected), selected, $"The first frame shown must be one of the frames, 0 to {frames.Count - 1}.");
        }

        Title = title;
        Labels = labels;
        Frames = frames;
        Selected = selected;
    }

    public string Title { get; }

    public IReadOnlyList<string> Labels { get; }

    public IReadOnlyList<PngImage> Frames { get; }

    /// <summary>The frame shown before anything is clicked.</summary>
    public int Selected { get; }

    /// <summary>
    /// The slider as one HTML fragment: a style sheet scoped to a new id (so several sliders on a page do not interfere),
    /// hidden radio buttons, the row of step labels and the frames. No script.
    /// </summary>
    public string ToHtml()
    {
        var id = $"gankit-slider-{Guid.NewGuid():N}";
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"gankit-slider\"><style>");
        html.Append(CultureInfo.InvariantCulture, $"#{id} .gankit-steps{{display:block!important;margin:4px 0}}");
        html.Append(CultureInfo.InvariantCulture, $"#{id} .gankit-steps label{{display:inline-block;cursor:pointer;padding:2px 7px;margin:0 2px 2px 0;border:1px solid #888;border-radius:3px;font-size:12px}}");
        html.Append(CultureInfo.InvariantCulture, $"#{id} .gankit-frame{{display:none!important}}");
        for (var frame = 0; frame < Frames.Count; frame++)
        {
            html.Append(CultureInfo.InvariantCulture, $"#{id}-{frame}:checked~.gankit-frames .gankit-frame-{frame}{{display:block!important}}");
            html.Append(CultureInfo.InvariantCulture, $"#{id}-{frame}:checked~.gankit-steps label[for=\"{id}-{frame}\"]{{background:#1f77b4;border-color:#1f77b4;color:#fff}}");
        }

        html.Append("</style>");
        html.Append(CultureInfo.InvariantCulture, $"<div style=\"font-weight:bold\">{WebUtility.HtmlEncode(Title)}</div>");
        for (var frame = 0; frame < Frames.Count; frame++)
        {
            var isChecked = frame == Selected ? " checked" : "";
            html.Append(CultureInfo.InvariantCulture, $"<input type=\"radio\" name=\"{id}\" id=\"{id}-{frame}\" style=\"position:absolute;opacity:0\"{isChecked}/>");
        }

        // Without the style sheet the steps stay hidden and every frame shows, one after another, with its label.
        html.Append("<div class=\"gankit-steps\" style=\"display:none\">");
        for (var frame = 0; frame < Frames.Count; frame++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<label for=\"{id}-{frame}\">{WebUtility.HtmlEncode(Labels[frame])}</label>");
        }

        html.Append("</div><div class=\"gankit-frames\">");
        for (var frame = 0; frame < Frames.Count; frame++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<div class=\"gankit-frame gankit-frame-{frame}\" style=\"display:inline-block;vertical-align:top;margin:0 8px 8px 0\">");
            html.Append(CultureInfo.InvariantCulture, $"<div style=\"font-size:12px\">{WebUtility.HtmlEncode(Labels[frame])}</div>{Frames[frame].ToHtml()}</div>");
        }

        html.Append("</div></div>");
        return html.ToString();
    }

    /// <summary>What a front end that shows only text gets: the title and the frames' labels.</summary>
    public override string ToString() =>
        $"{Title}: a slider over {Frames.Count} frames ({string.Join(", ", Labels)}); it is an HTML output, and this front end shows only text.";
}
