using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// A batch of samples with what each was made from: digits with their labels (chapter 06a), full-size digits with their
/// shrunk copies (chapter 06b). For a paired task the samples are also the targets of the pixel loss.
/// </summary>
/// <param name="Samples">(batch, …) real samples, scaled as the generator draws them.</param>
/// <param name="Conditions">(batch, …) one condition per sample.</param>
public readonly record struct ConditionalBatch(Tensor Samples, Tensor Conditions) : IDisposable
{
    public void Dispose()
    {
        Samples?.Dispose();
        Conditions?.Dispose();
    }
}
