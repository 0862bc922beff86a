using System.Diagnostics;

namespace Benchmark;

/// <summary>
/// What was measured for one configuration at one thread setting: the loops' median rates and first-step latencies
/// (the hand-written loop's only at a fixed count), the median of GanKit's rate over the hand-written loop's in windows
/// whose blocks alternate, GanKit's extras timed alone, and the process's memory afterwards.
/// </summary>
internal sealed record Measurement(
    Configuration Configuration,
    string ThreadsLabel,
    int Threads,
    double GanKitStepsPerSecond,
    double GanKitFirstStepMilliseconds,
    double? HandStepsPerSecond,
    double? HandFirstStepMilliseconds,
    double? GanKitToHand,
    ExtrasTime? Extras,
    double WorkingSetMiB,
    double PeakWorkingSetMiB)
{
    /// <summary>The process's resident memory now and at its peak so far, in MiB.</summary>
    public static (double Now, double Peak) Memory()
    {
        using var process = Process.GetCurrentProcess();
        return (Environment.WorkingSet / 1048576.0, process.PeakWorkingSet64 / 1048576.0);
    }
}
