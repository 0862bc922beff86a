using GanKit.Data;
using static TorchSharp.torch;

namespace GanKit.Models;

/// <summary>
/// The trained <see cref="DigitClassifier"/> shipped in <c>data/classifier/</c>: loading it after checking its SHA-256,
/// and measuring accuracy. Introduced in chapter 05.
/// </summary>
public static class DigitClassifierWeights
{
    /// <summary>The weights file's name.</summary>
    public const string FileName = "digit-classifier.bin";

    /// <summary>
    /// Loads the classifier from <paramref name="folder"/> (from a notebook: <c>../data/classifier</c>) after checking the
    /// file against the folder's <c>SHA256SUMS</c>, in evaluation mode, on <paramref name="device"/>.
    /// </summary>
    /// <exception cref="DataFileException">The weights are missing, corrupt or not a saved DigitClassifier.</exception>
    public static DigitClassifier Load(string folder, Device? device = null) => ShippedWeights.Load(folder, FileName, new DigitClassifier(), device);

    /// <summary>The share of <paramref name="digits"/> the classifier labels correctly (in evaluation mode, without gradient).</summary>
    public static double Accuracy(DigitClassifier classifier, MnistDigits digits, int batchSize = 1_000)
    {
        var training = classifier.training;
        classifier.eval();
        long correct = 0;
        using (no_grad())
        {
            for (long start = 0; start < digits.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, digits.Count - start);
                var predicted = classifier.call(digits.Images.narrow(0, start, length)).argmax(1);
                correct += predicted.eq(digits.Labels.narrow(0, start, length)).sum().item<long>();
            }
        }

        classifier.train(training);
        return (double)correct / digits.Count;
    }
}
