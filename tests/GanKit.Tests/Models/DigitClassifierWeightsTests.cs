using System.Security.Cryptography;
using GanKit.Data;
using GanKit.Models;
using GanKit.Runtime;
using Xunit;

namespace GanKit.Tests.Models;

/// <summary>The shipped classifier: accurate enough to measure digits with, and loaded only when it is the right file.</summary>
public sealed class DigitClassifierWeightsTests : IDisposable
{
    private readonly string copy = Directory.CreateTempSubdirectory("gankit-classifier-").FullName;

    public DigitClassifierWeightsTests() => TorchSession.Start();

    private static string Shipped => RepositoryPaths.Classifier;

    public void Dispose() => Directory.Delete(copy, recursive: true);

    [Fact]
    public void The_shipped_classifier_labels_at_least_99_percent_of_the_test_digits_correctly()
    {
        using var classifier = DigitClassifierWeights.Load(Shipped);
        using var test = Mnist.Load(RepositoryPaths.Mnist, MnistSplit.Test);

        var accuracy = DigitClassifierWeights.Accuracy(classifier, test);

        Assert.True(accuracy >= 0.99, $"test accuracy {accuracy:P2} is below 99.0 %");
        Assert.False(classifier.training, "Load returns the classifier in evaluation mode.");
    }

    [Fact]
    public void A_corrupt_weights_file_is_reported_and_left_unchanged()
    {
        var weights = CopyShipped();
        var bytes = File.ReadAllBytes(weights);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(weights, bytes);
        var before = SHA256.HashData(File.ReadAllBytes(weights));

        var exception = Assert.Throws<DataFileException>(() => DigitClassifierWeights.Load(copy));

        Assert.Contains("corrupt or truncated", exception.Message, StringComparison.Ordinal);
        Assert.Equal(weights, exception.Path);
        Assert.Equal(before, SHA256.HashData(File.ReadAllBytes(weights)));
    }

    [Fact]
    public void A_foreign_file_with_a_matching_checksum_is_not_taken_for_the_classifier()
    {
        var weights = CopyShipped();
        File.WriteAllBytes(weights, RandomNumberGenerator.GetBytes(4_096));
        File.WriteAllText(Path.Combine(copy, "SHA256SUMS"), $"{Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(weights)))}  {DigitClassifierWeights.FileName}\n");

        var exception = Assert.Throws<DataFileException>(() => DigitClassifierWeights.Load(copy));

        Assert.Contains("is not a saved DigitClassifier", exception.Message, StringComparison.Ordinal);
    }

    private string CopyShipped()
    {
        foreach (var file in Directory.GetFiles(Shipped))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return Path.Combine(copy, DigitClassifierWeights.FileName);
    }
}
