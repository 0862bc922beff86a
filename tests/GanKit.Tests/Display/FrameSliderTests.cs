using System.Text.RegularExpressions;
using GanKit.Display;
using Microsoft.DotNet.Interactive.Formatting;
using Xunit;

namespace GanKit.Tests.Display;

/// <summary>The frame slider: every frame and label in one HTML fragment, no script, one frame checked, and its errors.</summary>
public sealed partial class FrameSliderTests
{
    private static readonly PngImage[] Frames =
    [
        PngImage.Encode(new byte[] { 0, 0, 0, 0 }, width: 2, height: 2, channels: 1),
        PngImage.Encode(new byte[] { 255, 0, 0, 0 }, width: 2, height: 2, channels: 1),
        PngImage.Encode(new byte[] { 255, 255, 0, 0 }, width: 2, height: 2, channels: 1),
    ];

    [Fact]
    public void The_html_holds_every_frame_and_label_and_no_script()
    {
        var slider = new FrameSlider("walk <1>", ["t = 0", "t = ½", "t = 1 & end"], Frames, selected: 1);

        var html = slider.ToHtml();

        Assert.All(Frames, frame => Assert.Contains(frame.ToBase64(), html, StringComparison.Ordinal));
        Assert.Contains("walk &lt;1&gt;", html, StringComparison.Ordinal);
        Assert.Contains("t = 1 &amp; end", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);                      // no event handlers either
        Assert.Equal(3, RadioButton().Count(html));
        Assert.Equal(3, StepLabel().Count(html));
        var checkedOne = Assert.Single(RadioButton().Matches(html), radio => radio.Value.Contains(" checked", StringComparison.Ordinal));
        Assert.EndsWith("-1\" style=\"position:absolute;opacity:0\" checked/>", checkedOne.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_slider_scopes_its_style_to_a_new_id()
    {
        var slider = new FrameSlider("walk", ["a", "b", "c"], Frames);

        var html = slider.ToHtml();
        var id = Id().Match(html).Groups["id"].Value;

        Assert.NotEqual(id, Id().Match(slider.ToHtml()).Groups["id"].Value);
        Assert.Contains($"#{id}-2:checked~.gankit-frames .gankit-frame-2{{display:block!important}}", html, StringComparison.Ordinal);
        Assert.Contains($"<input type=\"radio\" name=\"{id}\" id=\"{id}-2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void It_is_shown_as_html_with_a_text_fallback_that_names_its_frames()
    {
        var slider = new FrameSlider("walk", ["a", "b", "c"], Frames);

        Assert.Equal(["text/html", "text/plain"], Formatter.GetPreferredMimeTypesFor(typeof(FrameSlider)));
        Assert.StartsWith("<div id=\"gankit-slider-", slider.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Equal("walk: a slider over 3 frames (a, b, c); it is an HTML output, and this front end shows only text.", slider.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Frames_without_labels_or_a_first_frame_out_of_range_are_refused()
    {
        Assert.Contains("at least one frame", Assert.Throws<ArgumentException>(() => new FrameSlider("t", [], [])).Message, StringComparison.Ordinal);
        Assert.Contains("3 frames needs one label; there are 2", Assert.Throws<ArgumentException>(() => new FrameSlider("t", ["a", "b"], Frames)).Message, StringComparison.Ordinal);
        Assert.Contains("0 to 2", Assert.Throws<ArgumentOutOfRangeException>(() => new FrameSlider("t", ["a", "b", "c"], Frames, selected: 3)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new FrameSlider(null!, ["a", "b", "c"], Frames));
    }

    [GeneratedRegex("<input type=\"radio\"[^>]*/>")]
    private static partial Regex RadioButton();

    [GeneratedRegex("<label for=\"gankit-slider-[0-9a-f]{32}-\\d+\">")]
    private static partial Regex StepLabel();

    [GeneratedRegex("<div id=\"(?<id>gankit-slider-[0-9a-f]{32})\"")]
    private static partial Regex Id();
}
