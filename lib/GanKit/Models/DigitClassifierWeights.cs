using GanKit.Data;
using static TorchSharp.torch;

namespace GanKit.Models;

/// <summary>The trained <see cref="DigitClassifier"/> shipped in <c>data/classifier/</c>, and its accuracy. Introduced in chapter 05.</summary>
public static class DigitClassifierWeights
{
    public const string FileName = "digit-classifier.bin";

    /// <summary>Loads the classifier from <paramref name="folder"/> (from a notebook: <c>../data/classifier</c>), checked against its <c>SHA256SUMS</c>, in evaluation mode.</summary>
    /// <exception cref="DataFileException">The weights are missing, corrupt or not a saved DigitClassifier.</exception>
    public static DigitClassifier Load(string folder, Device? device = null) => ShippedWeights.Load(folder, FileName, new DigitClassifier(), device);

    /// <summary>The share of <paramref name="digits"/> the classifier labels correctly.</summary>
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
