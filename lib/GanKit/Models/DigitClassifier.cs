using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// The small MNIST classifier (Keras's <c>mnist_cnn</c> layout) digits are measured with: its 128-d penultimate
/// activations are the features of digit-FID and precision/recall, as Inception's suit MNIST badly. Inputs are
/// (batch, 1, 28, 28) in [0, 1]. Introduced in chapter 05.
/// </summary>
public sealed class DigitClassifier : Module<Tensor, Tensor>
{
    public const int FeatureSize = 128;

    private const float MnistMean = 0.1307f;
    private const float MnistStandardDeviation = 0.3081f;

    private readonly Module<Tensor, Tensor> convolutions;
    private readonly Module<Tensor, Tensor> dense;
    private readonly Module<Tensor, Tensor> denseDropout;
    private readonly Module<Tensor, Tensor> output;

    public DigitClassifier() : base(nameof(DigitClassifier))
    {
        convolutions = Sequential(
            ("conv1", Conv2d(1, 32, 3)), ("relu1", ReLU()),      // (batch, 32, 26, 26)
            ("conv2", Conv2d(32, 64, 3)), ("relu2", ReLU()),     // (batch, 64, 24, 24)
            ("pool", MaxPool2d(2)),                            // (batch, 64, 12, 12)
            ("dropout1", Dropout(0.25)),
            ("flatten", Flatten()));                           // (batch, 9216)
        dense = Sequential(("dense", Linear(64 * 12 * 12, FeatureSize)), ("relu3", ReLU()));
        denseDropout = Dropout(0.5);
        output = Linear(FeatureSize, 10);
        RegisterComponents();
    }

    /// <summary>Images → class scores (batch, 10), logits.</summary>
    public override Tensor forward(Tensor images) => Classify(Features(images));

    /// <summary><see cref="Features"/> → class scores (batch, 10).</summary>
    public Tensor Classify(Tensor features) => output.call(denseDropout.call(features));

    /// <summary>Images → the penultimate activations (batch, 128).</summary>
    public Tensor Features(Tensor images)
    {
        using var scope = NewDisposeScope();
        var standardised = (images - MnistMean) / MnistStandardDeviation;   // MNIST's pixel mean and spread, so training starts well
        return dense.call(convolutions.call(standardised)).MoveToOuterDisposeScope();
    }
}
