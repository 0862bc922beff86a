using System.Diagnostics;
using System.Globalization;
using GanKit.Training;

namespace Digits;

/// <summary>
/// A progress bar for a terminal: redrawn in place (at most ten times a second, cut to the window's width so it never
/// wraps) when the output is a terminal, one plain line every ten seconds when it is a file or a pipe.
/// </summary>
internal sealed class ConsoleProgress(int totalSteps, int firstStep) : IDisposable
{
    private const int BarWidth = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsOutputRedirected;
    private TimeSpan lastDraw = TimeSpan.FromDays(-1);
    private bool barShown;

    public void Update(int step, GanStepResult result)
    {
        var due = interactive ? clock.Elapsed - lastDraw >= TimeSpan.FromSeconds(0.1) : clock.Elapsed - lastDraw >= TimeSpan.FromSeconds(10);
        if (!due && step < totalSteps)
        {
            return;
        }

        lastDraw = clock.Elapsed;
        var done = (double)step / totalSteps;
        var filled = (int)Math.Round(done * BarWidth);
        var rate = (step - firstStep) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var remaining = rate > 0 ? TimeSpan.FromSeconds((totalSteps - step) / rate) : TimeSpan.Zero;
        // Time left and speed come before the losses: a narrow terminal cuts the line from the end.
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done,4:P0} step {step:N0}/{totalSteps:N0} · {Duration(remaining)} left · {rate:F1} steps/s · D loss {result.Discriminator.Loss:F3} · G loss {result.Generator.Loss:F3} · D(x) {result.Discriminator.VerdictOnReal:F2} · D(G(z)) {result.Discriminator.VerdictOnGenerated:F2} · {Environment.WorkingSet / 1048576.0:N0} MiB");
        if (interactive)
        {
            // A line wider than the window wraps, and "\r" then returns only to its last row: every redraw would scroll.
            Console.Write($"\r{line[..Math.Min(line.Length, Math.Max(Console.WindowWidth - 1, 1))]}\u001b[K");
            barShown = true;
        }
        else
        {
            Console.WriteLine(line);
        }
    }

    /// <summary>Prints a line of its own above the bar.</summary>
    public void Note(string line)
    {
        Console.WriteLine(interactive ? $"\r{line}\u001b[K" : line);
        barShown = false;
        lastDraw = TimeSpan.FromDays(-1);   // redraw the bar under it
    }

    /// <summary>Ends the bar's line, so what is printed next (the summary, or an error) starts on a line of its own.</summary>
    public void Dispose() => Finish();

    /// <inheritdoc cref="Dispose"/>
    public void Finish()
    {
        if (barShown)
        {
            Console.WriteLine();
            barShown = false;
        }
    }

    private static string Duration(TimeSpan time) =>
        time.TotalHours >= 1 ? string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours}:{time:mm\\:ss}") : time.ToString("m\\:ss", CultureInfo.InvariantCulture);
}
