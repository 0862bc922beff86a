using System.Runtime.InteropServices;

namespace GanKit.Runtime;

/// <summary>
/// Makes glibc's <c>malloc</c> keep what a training step frees for the next step instead of unmapping it, so steps do not
/// fault the same pages in again; through <c>mallopt</c>, so a running notebook kernel gets it too (environment.md).
/// </summary>
internal static class AllocatorTuning
{
    /// <summary>Blocks at least this large get their own mapping (glibc's maximum for a fixed threshold).</summary>
    public const int MmapThreshold = 32 * 1024 * 1024;

    /// <summary>Free memory at the top of the heap is returned only beyond this much.</summary>
    public const int TrimThreshold = int.MaxValue;

    private const int MTrimThreshold = -1;
    private const int MMmapThreshold = -3;

    /// <summary>Applies the tuning (when <paramref name="tuning"/>) where the C library is glibc; returns one line saying what was done.</summary>
    public static string Apply(bool tuning)
    {
        if (!tuning)
        {
            return $"glibc's malloc defaults (from {Settings.Malloc}=off)";
        }

        if (!OperatingSystem.IsLinux() || !IsGlibc())
        {
            return "the C library's malloc defaults (tuning applies to glibc only)";
        }

        if (mallopt(MMmapThreshold, MmapThreshold) != 1 || mallopt(MTrimThreshold, TrimThreshold) != 1)
        {
            return "glibc's malloc defaults (glibc refused the tuning)";
        }

        return $"glibc's malloc keeps freed memory for reuse (mmap threshold 32 MiB, trim threshold 2 GiB), so steps do not re-fault pages; {Settings.Malloc}=off restores its defaults";
    }

    private static bool IsGlibc() =>
        NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code for this one int-only call
    [DllImport("libc.so.6", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int mallopt(int parameter, int value);
#pragma warning restore SYSLIB1054
}
