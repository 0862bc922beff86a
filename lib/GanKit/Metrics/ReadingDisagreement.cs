using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// Where the course classifier reads two sets of images of the same digits as different digits
/// (<see cref="DigitEvaluator.Disagreements"/>): the positions, and how often each set's reading is the true label there.
/// Chapters 06b and 06d use it to find the ambiguous inputs on which two models commit to different answers.
/// </summary>
/// <param name="Indices">The positions (K) where the two readings differ, in increasing order.</param>
/// <param name="FirstRight">How many of them the first set's reading gets right.</param>
/// <param name="SecondRight">How many of them the second set's reading gets right.</param>
public sealed record ReadingDisagreement(Tensor Indices, long FirstRight, long SecondRight)
{
    /// <summary>How many positions the readings differ at.</summary>
    public long Count => Indices.shape[0];

    /// <summary>How many of them neither reading gets right.</summary>
    public long NeitherRight => Count - FirstRight - SecondRight;

    /// <summary>The first <paramref name="count"/> positions at most, for a picture.</summary>
    public Tensor First(int count) => Indices.narrow(0, 0, Math.Min(count, Count));
}
