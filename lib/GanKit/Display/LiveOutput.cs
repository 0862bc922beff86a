using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// One notebook output that can be replaced in place, for pictures that change while a model trains; outside a notebook
/// each <see cref="Update"/> prints the value's text instead, and a chapter app (<see cref="ChapterApp"/>) also keeps the
/// latest value on its page. Introduced in chapter 01.
/// <code>
/// var live = LiveOutput.Show(chart);
/// ... live.Update(newChart);
/// </code>
/// </summary>
public sealed class LiveOutput
{
    private readonly DisplayedValue? displayed;
    private readonly int? pagePlace;

    private LiveOutput(DisplayedValue? displayed, int? pagePlace = null)
    {
        this.displayed = displayed;
        this.pagePlace = pagePlace;
    }

    /// <summary>Whether the output is in a notebook rather than the console.</summary>
    public bool InNotebook => displayed is not null;

    /// <summary>Shows <paramref name="value"/> as a new output of the running cell.</summary>
    public static LiveOutput Show(object value)
    {
        var context = KernelInvocationContext.Current;
        if (context is null)
        {
            if (ChapterApp.ShowLive(value) is { } place)
            {
                return new LiveOutput(null, place);   // a chapter app: on its page, updated in place
            }

            Console.WriteLine(value);
            return new LiveOutput(null);
        }

        // Display returns the value it published, so updates keep its display id.
        return new LiveOutput(context.Display(value, Formatter.GetPreferredMimeTypesFor(value.GetType()).ToArray()));
    }

    /// <summary>Replaces what the output shows with <paramref name="value"/>.</summary>
    public void Update(object value)
    {
        if (pagePlace is { } place)
        {
            ChapterApp.UpdateLive(place, value);
            return;
        }

        if (displayed is null)
        {
            Console.WriteLine(value);
            return;
        }

        displayed.Update(value);
    }
}
