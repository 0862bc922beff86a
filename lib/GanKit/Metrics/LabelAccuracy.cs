using System.Globalization;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// How often the course's classifier reads the label a digit was meant to have, per class and overall: chapter 06's
/// measure of whether a conditional generator draws what it is asked (06a) and whether an enlarged digit is still the
/// same digit (06b).
/// </summary>
/// <param name="PerClass">For each label, the share of its digits read as that label (NaN for a label never asked).</param>
/// <param name="Counts">How many digits had each label.</param>
/// <param name="Overall">The share of all digits read as their label.</param>
public sealed record LabelAccuracy(IReadOnlyList<double> PerClass, IReadOnlyList<long> Counts, double Overall)
{
    /// <summary>The worst class's accuracy and which class it is (among the labels asked).</summary>
    public (int Class, double Accuracy) Worst =>
        PerClass.Select((accuracy, label) => (label, accuracy)).Where(entry => Counts[entry.label] > 0).MinBy(entry => entry.accuracy);

    /// <summary>Compares predicted classes with the wanted labels (both (N) integer tensors).</summary>
    /// <exception cref="ArgumentException">The tensors are empty, of different lengths, or hold a class outside [0, classes).</exception>
    public static LabelAccuracy Compute(Tensor predicted, Tensor wanted, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (predicted.dim() != 1 || wanted.dim() != 1 || predicted.shape[0] != wanted.shape[0] || wanted.shape[0] == 0)
        {
            throw new ArgumentException($"Predicted classes and wanted labels must be two non-empty 1-D tensors of one length, not shapes [{string.Join(", ", predicted.shape)}] and [{string.Join(", ", wanted.shape)}].");
        }

        using var scope = NewDisposeScope();
        var labels = wanted.detach().to(int64).to(CPU);
        var guesses = predicted.detach().to(int64).to(CPU);
        if (labels.min().item<long>() < 0 || labels.max().item<long>() >= classes || guesses.min().item<long>() < 0 || guesses.max().item<long>() >= classes)
        {
            throw new ArgumentException($"Classes and labels must lie in [0, {classes}).");
        }

        var counts = bincount(labels, minlength: classes).data<long>().ToArray();
        var correct = bincount(labels, weights: guesses.eq(labels).to(float64), minlength: classes).data<double>().ToArray();
        var perClass = counts.Select((count, label) => count == 0 ? double.NaN : correct[label] / count).ToArray();
        return new LabelAccuracy(perClass, counts, correct.Sum() / counts.Sum());
    }

    /// <summary>Overall accuracy, then each class's, as percentages.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Overall * 100:F1} % overall; per class {string.Join(" ", PerClass.Select((accuracy, label) => $"{label}: {accuracy * 100:F0}"))} %");
}
