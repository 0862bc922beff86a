using System.Globalization;

namespace Benchmark;

/// <summary>
/// How much of the machine other processes used while the benchmark ran: the CPU time all processes spent (Linux:
/// <c>/proc/stat</c>) less this process's and its children's (<c>/proc/self/stat</c>, which counts the PyTorch twin),
/// as a share of the time the cores had. A run that was not alone shows it here, whatever its load average said.
/// </summary>
internal sealed class MachineLoad
{
    private readonly (long Busy, long Total, long Own)? start = Read();

    /// <summary>A share of the CPU time others may take without making the run's numbers doubtful.</summary>
    public const double Negligible = 0.05;

    /// <summary>The share of all cores' time since the start that other processes used, or null where it cannot be read.</summary>
    public double? OthersShare()
    {
        if (start is not { } before || Read() is not { } after || after.Total <= before.Total)
        {
            return null;
        }

        var others = Math.Max(0, (after.Busy - before.Busy) - (after.Own - before.Own));
        return (double)others / (after.Total - before.Total);
    }

    /// <summary>"other processes used 1.2 % of the CPU time during the run" (<paramref name="span"/>), or why it is unknown.</summary>
    public static string Describe(double? othersShare, string span = "during the run") => othersShare is { } share
        ? string.Create(CultureInfo.InvariantCulture, $"other processes used {100 * share:F1} % of the CPU time {span}{(share > Negligible ? " — not alone: those numbers are not this machine's" : "")}")
        : "the CPU time other processes used is unknown here (no /proc)";

    // Clock ticks: every core's busy and total time since boot, and this process's own and its waited-for children's.
    private static (long Busy, long Total, long Own)? Read()
    {
        try
        {
            var machine = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray();
            var (user, nice, system, idle, waiting, interrupts, softInterrupts, steal) = (machine[0], machine[1], machine[2], machine[3], machine[4], machine[5], machine[6], machine[7]);
            var busy = user + nice + system + interrupts + softInterrupts + steal;
            var self = File.ReadAllText("/proc/self/stat");
            var fields = self[(self.LastIndexOf(')') + 2)..].Split(' ');   // from field 3 (the state) on, after the command's name
            var own = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);   // utime, stime, cutime, cstime
            return (busy, busy + idle + waiting, own);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
    }
}
