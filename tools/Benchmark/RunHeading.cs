using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using GanKit;
using TorchSharp;

namespace Benchmark;

/// <summary>The heading of one run in the results file: when, on what machine and software, at which size and thread counts.</summary>
internal static class RunHeading
{
    /// <summary>The heading's markdown: a level-2 title and a list.</summary>
    /// <param name="startedUtc">When the run started.</param>
    /// <param name="device">Where the loops ran.</param>
    /// <param name="threadSettings">The thread settings measured, as the table names them.</param>
    /// <param name="plan">The windows' length and count.</param>
    /// <param name="otherLoad">What else the machine was doing: the load average at the start, the CPU time others used.</param>
    public static string Markdown(DateTime startedUtc, torch.Device device, IEnumerable<string> threadSettings, MeasurementPlan plan, string otherLoad)
    {
        string[] lines =
        [
            string.Create(CultureInfo.InvariantCulture, $"## {startedUtc:yyyy-MM-dd HH:mm:ss} UTC{(CourseSize.IsSmoke ? " — quick mode (GANKIT_SMOKE=1): checks the command, not results" : "")}"),
            "",
            $"- Machine: {Environment.ProcessorCount} core{(Environment.ProcessorCount == 1 ? "" : "s")}, {CpuModel()}; {RuntimeInformation.OSDescription}; {otherLoad}",
            $"- Software: {RuntimeInformation.FrameworkDescription}, TorchSharp {TorchSharpVersion()} (libtorch {torch.__version__})",
            $"- Device: {device.type.ToString().ToLowerInvariant()}; threads: {string.Join(", ", threadSettings)}",
            string.Create(CultureInfo.InvariantCulture, $"- GANKIT_SMOKE: {(CourseSize.IsSmoke ? "set (quick mode)" : "not set")}; each rate is the median of {plan.Repeats} window{(plan.Repeats == 1 ? "" : "s")} of {plan.Seconds:0.###} s after a warm-up of {plan.WarmUp.TotalSeconds:0.###} s"),
            $"- Command: `{string.Join(' ', Environment.GetCommandLineArgs().Skip(1).Prepend("Benchmark"))}`",
        ];
        return string.Join('\n', lines) + "\n";
    }

    /// <summary>The 1-, 5- and 15-minute load averages (Linux), or "unknown".</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    // The first "model name" of /proc/cpuinfo (Linux), else the architecture.
    private static string CpuModel()
    {
        try
        {
            var line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal));
            if (line?.Split(':', 2) is [_, var model] && model.Trim().Length > 0)
            {
                return model.Trim();
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not readable: the architecture says something at least.
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string TorchSharpVersion() =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";
}
