using System.Runtime.InteropServices;

namespace GanKit.Runtime;

/// <summary>
/// Makes glibc's <c>malloc</c> keep the memory a training step frees for the next step instead of handing it back to
/// the operating system. libtorch frees and allocates the same large buffers every step; by default glibc returns
/// blocks above its (self-adjusting) mmap threshold with <c>munmap</c> and trims the heap top, so the next step
/// faults the same pages in again, and the self-adjusting threshold lets resident memory creep up. Measured on
/// chapter 05's DCGAN on a 2-core virtual machine: 3.3 steps/s with glibc's defaults, 8.1 steps/s with a fixed mmap
/// threshold of 32 MiB and a trim threshold of 4 GiB (set with the environment variables
/// <c>MALLOC_MMAP_THRESHOLD_=33554432 MALLOC_TRIM_THRESHOLD_=4294967296</c>). Resident memory then rises to the
/// run's working set and stays there. This class sets the same through mallopt (trim threshold 2 GiB, the most mallopt takes), so notebooks get it too. Set <see cref="Variable"/> to <c>off</c> to keep glibc's defaults.
/// Introduced in chapter 01 (applied by <see cref="TorchSession.Start"/>); measured in chapter 05.
/// </summary>
internal static class AllocatorTuning
{
    /// <summary>Environment variable that turns the tuning off (<c>off</c>).</summary>
    public const string Variable = "GANKIT_MALLOC";

    /// <summary>Blocks at least this large get their own mapping (glibc's maximum for a fixed threshold).</summary>
    public const int MmapThreshold = 32 * 1024 * 1024;

    /// <summary>Free memory at the top of the heap is returned only beyond this much.</summary>
    public const int TrimThreshold = int.MaxValue;

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Applies the tuning where the C library is glibc and returns one line saying what was done.</summary>
    public static string Apply(string? setting)
    {
        if (string.Equals(setting?.Trim(), "off", StringComparison.OrdinalIgnoreCase))
        {
            return $"glibc's malloc defaults (from {Variable}=off)";
        }

        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            return "the C library's malloc defaults (tuning applies to glibc only)";
        }

        if (mallopt(MMmapThreshold, MmapThreshold) != 1 || mallopt(MTrimThreshold, TrimThreshold) != 1)
        {
            return "glibc's malloc defaults (glibc refused the tuning)";
        }

        return $"glibc's malloc keeps freed memory for reuse (mmap threshold 32 MiB, trim threshold 2 GiB), so steps do not re-fault pages; {Variable}=off restores its defaults";
    }

    private static bool IsGlibc() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one int-only call
    [DllImport("libc.so.6", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mallopt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
