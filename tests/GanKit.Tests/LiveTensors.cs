using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests;

/// <summary>Counts TorchSharp's live tensors, after letting the garbage collector finalise what it may.</summary>
internal static class LiveTensors
{
    /// <summary>The number of tensors alive now.</summary>
    public static long Count()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Tensor.TotalCount;
    }

    /// <summary>Asserts that <paramref name="action"/> leaves as many live tensors as there were before it.</summary>
    public static void AssertNoneLeftBy(Action action)
    {
        var before = Count();
        action();
        Assert.Equal(before, Tensor.TotalCount);
    }
}
