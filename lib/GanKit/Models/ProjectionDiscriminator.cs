using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// A discriminator that judges an image together with its label by projection (Miyato and Koyama 2018): chapter 05's
/// DCGAN features φ(x) give an unconditional score w·φ(x) + b, plus the dot product of φ(x) with a learned vector for
/// the label, e(y)·φ(x). A real 3 labelled "7" can then score low although it is a fine digit, which is what teaches
/// the generator to draw the label it was given. Introduced in chapter 06a.
/// </summary>
public sealed class ProjectionDiscriminator : Module<Tensor, Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> features;
    private readonly Module<Tensor, Tensor> score;
    private readonly Module<Tensor, Tensor> labelEmbedding;

    /// <summary>A discriminator for <paramref name="classes"/> labels with chapter 05's widths (w, 2w, 4w channels) and dropout.</summary>
    public ProjectionDiscriminator(int classes = 10, int width = 32, double dropout = 0.3) : base(nameof(ProjectionDiscriminator))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        Classes = classes;
        features = Sequential(DcganDiscriminator.FeatureLayers(1, width, dropout));    // (batch, 1, 28, 28) → (batch, F)
        score = Linear(DcganDiscriminator.FeatureSize(width), 1);                     // (batch, F) → (batch, 1)
        labelEmbedding = Embedding(classes, DcganDiscriminator.FeatureSize(width));   // (batch) → (batch, F)
        RegisterComponents();
    }

    /// <summary>The number of labels, 0 … Classes − 1.</summary>
    public int Classes { get; }

    /// <summary>Images (batch, 1, 28, 28) in (−1, 1) and their labels (batch) → raw scores (batch, 1).</summary>
    /// <exception cref="ArgumentException">The labels are not one integer per image, or one is out of range.</exception>
    public override Tensor forward(Tensor images, Tensor labels)
    {
        LabelCheck.Require(labels, images.shape[0], Classes);
        var imageFeatures = features.call(images);                                                      // (batch, F)
        return score.call(imageFeatures) + (labelEmbedding.call(labels) * imageFeatures).sum(1, keepdim: true);   // (batch, 1)
    }
}
