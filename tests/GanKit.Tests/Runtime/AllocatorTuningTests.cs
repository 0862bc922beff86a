using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Runtime;

/// <summary>The allocator tuning says what it did, applies on glibc, and can be switched off.</summary>
public sealed class AllocatorTuningTests
{
    [Fact]
    public void Off_keeps_the_defaults_and_says_so()
    {
        Assert.Equal("glibc's malloc defaults (from GANKIT_MALLOC=off)", AllocatorTuning.Apply(tuning: false));
        Assert.False(Settings.ParseMalloc(" OFF "));
    }

    [Fact]
    public void On_glibc_the_tuning_is_applied_and_elsewhere_the_defaults_stay()
    {
        var glibc = OperatingSystem.IsLinux() && System.Runtime.InteropServices.NativeLibrary.TryLoad("libc.so.6", out var libc)
            && System.Runtime.InteropServices.NativeLibrary.TryGetExport(libc, "gnu_get_libc_version", out _);

        var line = AllocatorTuning.Apply(tuning: true);

        Assert.StartsWith(glibc ? "glibc's malloc keeps freed memory for reuse (mmap threshold 32 MiB" : "the C library's malloc defaults", line, StringComparison.Ordinal);
    }
}
