using System.Diagnostics;
using System.Globalization;
using GanKit.Training;

namespace Digits;

/// <summary>
/// A progress bar for a terminal: redrawn in place (at most ten times a second) when the output is a terminal, one
/// line every ten seconds when it is a file or a pipe.
/// </summary>
internal sealed class ConsoleProgress(int totalSteps, int firstStep)
{
    private const int BarWidth = 30;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly bool interactive = !Console.IsOutputRedirected;
    private TimeSpan lastDraw = TimeSpan.FromDays(-1);

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
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string('.', BarWidth - filled)}] {done,4:P0} step {step:N0}/{totalSteps:N0} · D loss {result.Discriminator.Loss:F3} · G loss {result.Generator.Loss:F3} · D(x) {result.Discriminator.VerdictOnReal:F2} · D(G(z)) {result.Discriminator.VerdictOnGenerated:F2} · {rate:F1} steps/s · {Environment.WorkingSet / 1048576.0:N0} MiB · {remaining:m\\:ss} left");
        if (interactive)
        {
            Console.Write($"\r{line}\u001b[K");
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
        lastDraw = TimeSpan.FromDays(-1);   // redraw the bar under it
    }

    public void Finish()
    {
        if (interactive)
        {
            Console.WriteLine();
        }
    }
}
