using GanKit.Data;
using GanKit.Models;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// Measures generated digits against MNIST with the shipped <see cref="DigitClassifier"/>: the test set's features and
/// the real-data floor are computed once, then each set of generated images gets a <see cref="DigitReport"/>.
/// Introduced in chapter 05.
/// <code>
/// using var evaluator = DigitEvaluator.Create(classifier, train, test, sampleCount: 10_000);
/// var report = evaluator.Evaluate(generatedImages01);   // (N, 1, 28, 28) in [0, 1]
/// </code>
/// </summary>
public sealed class DigitEvaluator : IDisposable
{
    private const int BatchSize = 1_000;
    private readonly DigitClassifier classifier;
    private readonly Tensor testFeatures;
    private readonly FeatureStatistics testStatistics;

    private DigitEvaluator(DigitClassifier classifier, Tensor testFeatures, FeatureStatistics testStatistics, double floor, int sampleCount)
    {
        this.classifier = classifier;
        this.testFeatures = testFeatures;
        this.testStatistics = testStatistics;
        Floor = floor;
        SampleCount = sampleCount;
    }

    public double Floor { get; }

    /// <summary>How many digits each comparison uses: FID shrinks as N grows, so every set is measured at this N.</summary>
    public int SampleCount { get; }

    /// <summary>Extracts the features of the first <paramref name="sampleCount"/> test digits and computes the floor from as many training digits.</summary>
    /// <exception cref="ArgumentException">There are fewer digits than <paramref name="sampleCount"/>.</exception>
    public static DigitEvaluator Create(DigitClassifier classifier, MnistDigits train, MnistDigits test, int sampleCount = 10_000)
    {
        ArgumentNullException.ThrowIfNull(classifier);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        if (sampleCount < 10 || sampleCount > train.Count || sampleCount > test.Count)
        {
            throw new ArgumentException($"The sample count must be between 10 and the size of each set ({train.Count:N0} training, {test.Count:N0} test digits), not {sampleCount:N0}.", nameof(sampleCount));
        }

        var testFeatures = Features(classifier, test.Images.narrow(0, 0, sampleCount)).DetachFromDisposeScope();
        var testStatistics = FeatureStatistics.Of(testFeatures);
        testStatistics.Mean.DetachFromDisposeScope();
        testStatistics.Covariance.DetachFromDisposeScope();
        double floor;
        using (var trainFeatures = Features(classifier, train.Images.narrow(0, 0, sampleCount)))
        using (var trainStatistics = FeatureStatistics.Of(trainFeatures))
        {
            floor = FrechetDistance.Compute(trainStatistics, testStatistics);
        }

        return new DigitEvaluator(classifier, testFeatures, testStatistics, floor, sampleCount);
    }

    /// <summary>Measures <paramref name="images"/>: (<see cref="SampleCount"/>, 1, 28, 28) in [0, 1].</summary>
    /// <exception cref="ArgumentException">The set has the wrong size or shape.</exception>
    public DigitReport Evaluate(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4 || images.shape[0] != SampleCount || images.shape[1] != 1 || images.shape[2] != Mnist.ImageSize || images.shape[3] != Mnist.ImageSize)
        {
            throw new ArgumentException($"Expected {SampleCount:N0} images of shape (1, 28, 28), got ({string.Join(", ", images.shape)}).", nameof(images));
        }

        using var scope = NewDisposeScope();
        var features = Features(classifier, images);
        var probabilities = Probabilities(features);
        using var statistics = FeatureStatistics.Of(features);
        return new DigitReport(
            FrechetDistance.Compute(statistics, testStatistics),
            Floor,
            InceptionScore.ComputeWithSpread(probabilities),
            ClassBalance.FromProbabilities(probabilities),
            PrecisionRecall.Compute(testFeatures, features),
            SampleCount);
    }

    /// <summary>The classifier's 128-d features of <paramref name="images"/> ([0, 1]), in batches, without gradient.</summary>
    public Tensor Features(Tensor images) => Features(classifier, images);

    /// <summary>
    /// Precision and recall of <paramref name="images"/> ([0, 1]) against the test digits with balls reaching the
    /// <paramref name="neighbours"/>-th neighbour: a second opinion beside <see cref="Evaluate"/>'s k = 3, which depends
    /// on k (a larger k makes larger balls, so both numbers rise).
    /// </summary>
    public PrecisionRecall Coverage(Tensor images, int neighbours)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        return PrecisionRecall.Compute(testFeatures, Features(classifier, images), neighbours);
    }

    /// <summary>The classifier's reading of each image (N, 1, 28, 28) in [0, 1]: classes (N), made in batches without gradient.</summary>
    public Tensor Classify(Tensor images)
    {
        ArgumentNullException.ThrowIfNull(images);
        using var scope = NewDisposeScope();
        return Probabilities(Features(classifier, images)).argmax(1).MoveToOuterDisposeScope();
    }

    /// <summary>How often the classifier reads each image (N, 1, 28, 28) in [0, 1] as its label in <paramref name="labels"/> (N).</summary>
    public LabelAccuracy Accuracy(Tensor images, Tensor labels)
    {
        using var scope = NewDisposeScope();
        return LabelAccuracy.Compute(Classify(images), labels);
    }

    /// <summary>
    /// Where the classifier reads <paramref name="first"/> and <paramref name="second"/> (N, 1, 28, 28) in [0, 1] —
    /// two attempts at the same N digits — as different digits, and which reading matches <paramref name="labels"/> (N).
    /// </summary>
    /// <exception cref="ArgumentException">The two sets and the labels do not have the same count.</exception>
    public ReadingDisagreement Disagreements(Tensor first, Tensor second, Tensor labels)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        ArgumentNullException.ThrowIfNull(labels);
        if (first.dim() == 0 || second.dim() == 0 || labels.dim() != 1 || first.shape[0] != second.shape[0] || first.shape[0] != labels.shape[0])
        {
            throw new ArgumentException($"Give two sets of the same digits and their labels: ({string.Join(", ", first.shape)}), ({string.Join(", ", second.shape)}) and labels ({string.Join(", ", labels.shape)}).");
        }

        using var scope = NewDisposeScope();
        var (firstReading, secondReading) = (Classify(first), Classify(second));
        var wanted = labels.to(firstReading.device).to(int64);
        var differ = firstReading.ne(secondReading).nonzero().flatten();
        var wantedThere = wanted.index_select(0, differ);
        return new ReadingDisagreement(
            differ.MoveToOuterDisposeScope(),
            firstReading.index_select(0, differ).eq(wantedThere).sum().item<long>(),
            secondReading.index_select(0, differ).eq(wantedThere).sum().item<long>());
    }

    public void Dispose()
    {
        testFeatures.Dispose();
        testStatistics.Dispose();
    }

    private static Tensor Features(DigitClassifier classifier, Tensor images)
    {
        var training = classifier.training;
        classifier.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            var parts = new List<Tensor>();
            for (long start = 0; start < images.shape[0]; start += BatchSize)
            {
                parts.Add(classifier.Features(images.narrow(0, start, Math.Min(BatchSize, images.shape[0] - start))));
            }

            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            classifier.train(training);
        }
    }

    private Tensor Probabilities(Tensor features)
    {
        using var noGradient = no_grad();
        return classifier.Classify(features).softmax(1);
    }
}
