using System.Globalization;

namespace GanKit.Runtime;

/// <summary>
/// The process's resident memory (what the operating system counts as in use: Linux's VmRSS), for watching a long
/// training run stay flat. Introduced in chapter 05.
/// </summary>
public static class ResidentMemory
{
    /// <summary>The resident memory in bytes: VmRSS from <c>/proc/self/status</c> on Linux, the working set elsewhere.</summary>
    public static long Current()
    {
        const string StatusFile = "/proc/self/status";
        if (File.Exists(StatusFile))
        {
            foreach (var line in File.ReadLines(StatusFile))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
