using System.Diagnostics;

namespace GanKit.Runtime;

/// <summary>
/// Frees the native scalars TorchSharp leaves to the finaliser. TorchSharp turns every plain number given to a tensor
/// operation — <c>x * 0.5</c>, and the betas, rates and step sizes inside <c>optimizer.step()</c> — into a native
/// <c>Scalar</c> that it does not dispose (dotnet/TorchSharp pull requests 1434 and 1496, still open). Each is a few bytes,
/// but until a garbage collection frees them they sit between the tensor buffers a step frees and keep glibc's malloc
/// from reusing that memory: a chapter 05 DCGAN run grew by about 3 MiB a step (927 → 3,761 MiB over 1,000 steps). The
/// trainers and tools call <see cref="Release"/> after each step; a hand-written loop of many steps can do the same.
/// </summary>
public static class NativeScalars
{
    /// <summary>The shortest time between two collections: steps shorter than this share one.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(250);

    private static long lastCollection = Stopwatch.GetTimestamp();

    /// <summary>
    /// Collects the youngest generation of .NET objects, which holds the scalars made since the last collection; their
    /// finaliser frees them. A collection pauses the program for 0.35–1.1 ms (tools/Benchmark), so it runs at most once
    /// every 250 ms, under half a percent of the time; the scalars of a few steps do not yet fragment the heap.
    /// </summary>
    /// <remarks>
    /// Call it from the thread that trains, between steps. A collection while another thread is inside a native call can
    /// let the finaliser free a scalar that call is still reading (TorchSharp does not keep it alive), which is why GanKit
    /// never trains two loops side by side in one process (<c>SeedSweep.Run</c>).
    /// </remarks>
    public static void Release()
    {
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastCollection)) < Interval)
        {
            return;
        }

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        Interlocked.Exchange(ref lastCollection, Stopwatch.GetTimestamp());
    }
}
