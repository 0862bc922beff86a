using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>
/// Chapter 05's DCGAN generator told which digit to draw (Mirza and Osindero 2014): each label 0–9 is looked up in a
/// learned table of <see cref="LabelSize"/> numbers, which is appended to the noise, so the same network draws every
/// class and the noise keeps only the style. Introduced in chapter 06a.
/// </summary>
public sealed class ConditionalDcganGenerator : ConditionalGeneratorNetwork
{
    private readonly Module<Tensor, Tensor> labelEmbedding;
    private readonly DcganGenerator body;

    /// <summary>A generator for <paramref name="classes"/> labels, each embedded in <paramref name="labelSize"/> numbers.</summary>
    public ConditionalDcganGenerator(int noiseSize = 100, int width = 32, int classes = 10, int labelSize = 10)
        : base(nameof(ConditionalDcganGenerator), noiseSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(noiseSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(labelSize, 1);
        Classes = classes;
        LabelSize = labelSize;
        labelEmbedding = Embedding(classes, labelSize);                 // (batch) → (batch, labelSize)
        body = new DcganGenerator(noiseSize + labelSize, width);         // (batch, noise + labelSize) → (batch, 1, 28, 28)
        RegisterComponents();
    }

    /// <summary>The number of labels, 0 … Classes − 1.</summary>
    public int Classes { get; }

    /// <summary>How many learned numbers stand for one label.</summary>
    public int LabelSize { get; }

    /// <summary>z: (batch, noise), labels: (batch) integers in [0, <see cref="Classes"/>) → images (batch, 1, 28, 28) in (−1, 1).</summary>
    /// <exception cref="ArgumentException">The labels are not one integer per noise vector, or one is out of range.</exception>
    public override Tensor forward(Tensor noise, Tensor labels)
    {
        LabelCheck.Require(labels, noise.shape[0], Classes);
        return body.call(cat([noise, labelEmbedding.call(labels)], 1));
    }
}
