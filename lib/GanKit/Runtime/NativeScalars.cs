using System.Collections.Concurrent;
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

    /// <summary>How recently another thread must have called <see cref="Release"/> to count as training side by side.</summary>
    private static readonly TimeSpan SideBySide = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<int, long> lastCallOfThread = new();

    private static long lastCollection = Stopwatch.GetTimestamp();

    /// <summary>
    /// Collects the youngest generation of .NET objects, which holds the scalars made since the last collection; their
    /// finaliser frees them. A collection pauses the program for 0.35–1.1 ms (tools/Benchmark), so it runs at most once
    /// every 250 ms, under half a percent of the time; the scalars of a few steps do not yet fragment the heap.
    /// </summary>
    /// <remarks>
    /// While loops train side by side on threads of their own (chapters 03 and 04's seed sweeps), it does not collect:
    /// TorchSharp hands a scalar's native handle to a call without keeping the scalar alive, so a collection made for one
    /// thread can let the finaliser free a scalar that another thread's native call is still reading. (A chapter 03 seed
    /// sweep failed once in CI with libtorch's "Expected false to be true" from <c>Scalar::toFloat</c>, which fits this.)
    /// Their scalars wait for the runtime's own collections.
    /// </remarks>
    public static void Release()
    {
        var now = Stopwatch.GetTimestamp();
        var thread = Environment.CurrentManagedThreadId;
        lastCallOfThread[thread] = now;
        if (Stopwatch.GetElapsedTime(Interlocked.Read(ref lastCollection), now) < Interval)
        {
            return;
        }

        foreach (var (other, last) in lastCallOfThread)
        {
            if (Stopwatch.GetElapsedTime(last, now) > SideBySide)
            {
                lastCallOfThread.TryRemove(other, out _);
            }
            else if (other != thread)
            {
                return;
            }
        }

        GC.Collect(0, GCCollectionMode.Forced, blocking: true);
        Interlocked.Exchange(ref lastCollection, Stopwatch.GetTimestamp());
    }
}
