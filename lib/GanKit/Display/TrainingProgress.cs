using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.DotNet.Interactive.Formatting;

namespace GanKit.Display;

/// <summary>
/// A progress line for a training loop that updates in place in a notebook (step, time, the latest numbers), with an
/// optional picture under it. <see cref="IsDue"/> throttles updates so drawing never dominates training. Introduced in chapter 01.
/// <code>
/// var progress = new TrainingProgress("1-D GAN", totalSteps: 2000);
/// for (var step = 1; step &lt;= 2000; step++)
/// {
///     ... train ...
///     if (progress.IsDue(step)) progress.Report(step, ("D loss", dLoss), ("G loss", gLoss));
/// }
/// </code>
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class TrainingProgress
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly TimeSpan interval;
    private readonly LiveOutput line;
    private LiveOutput? picture;
    private TimeSpan lastReport = TimeSpan.MinValue;

    /// <summary>
    /// Shows an empty progress line for a loop of <paramref name="totalSteps"/> steps, updated at most every
    /// <paramref name="interval"/> (default: half a second in a notebook, five seconds in a console).
    /// </summary>
    public TrainingProgress(string title, int totalSteps, TimeSpan? interval = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        Title = title;
        TotalSteps = totalSteps;
        line = LiveOutput.Show(this);
        this.interval = interval ?? (line.InNotebook ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(5));
    }

    public string Title { get; }

    public int TotalSteps { get; }

    /// <summary>The last step reported.</summary>
    public int Step { get; private set; }

    /// <summary>The numbers of the last report, in the order given.</summary>
    public IReadOnlyList<(string Name, double Value)> Values { get; private set; } = [];

    /// <summary>Time since the progress line was created.</summary>
    public TimeSpan Elapsed => clock.Elapsed;

    /// <summary>Whether <paramref name="step"/> should be reported: the first, the last, or enough time has passed.</summary>
    public bool IsDue(int step) => step <= 1 || step >= TotalSteps || clock.Elapsed - lastReport >= interval;

    /// <summary>Updates the line (and the picture, when one is given) to <paramref name="step"/>.</summary>
    public void Report(int step, params (string Name, double Value)[] values) => Report(step, null, values);

    /// <summary>Updates the line and shows <paramref name="newPicture"/> under it (replacing the previous picture).</summary>
    public void Report(int step, object? newPicture, params (string Name, double Value)[] values)
    {
        Step = step;
        Values = values;
        lastReport = clock.Elapsed;
        line.Update(this);
        if (newPicture is null)
        {
            return;
        }

        if (picture is null)
        {
            picture = LiveOutput.Show(newPicture);
        }
        else
        {
            picture.Update(newPicture);
        }
    }

    public string ToHtml()
    {
        var share = (double)Step / TotalSteps;
        var numbers = string.Join(" · ", Values.Select(v => $"{WebUtility.HtmlEncode(v.Name)} <b>{Format(v.Value)}</b>"));
        var head = FormattableString.Invariant(
            $"<div style=\"font-family: monospace\"><b>{WebUtility.HtmlEncode(Title)}</b> step {Step:N0} / {TotalSteps:N0} <progress value=\"{Step}\" max=\"{TotalSteps}\" style=\"width: 12em\"></progress> {share * 100:F0}% · {Elapsed.TotalSeconds:F1} s");
        return head + (numbers.Length > 0 ? $" · {numbers}" : "") + "</div>";
    }

    public override string ToString()
    {
        var numbers = string.Join(" · ", Values.Select(v => $"{v.Name} {Format(v.Value)}"));
        var head = FormattableString.Invariant($"{Title}: step {Step:N0}/{TotalSteps:N0} ({100.0 * Step / TotalSteps:F0}%) · {Elapsed.TotalSeconds:F1} s");
        return head + (numbers.Length > 0 ? $" · {numbers}" : "");
    }

    private static string Format(double value) => value.ToString(Math.Abs(value) >= 100 ? "F1" : "F4", CultureInfo.InvariantCulture);
}
