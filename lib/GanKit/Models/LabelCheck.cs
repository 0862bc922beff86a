using static TorchSharp.torch;

namespace GanKit.Models;

/// <summary>The one check the label-conditioned networks make on their labels, so a wrong one fails with a readable message.</summary>
internal static class LabelCheck
{
    public static void Require(Tensor labels, long batch, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.dim() != 1 || labels.shape[0] != batch || labels.dtype != ScalarType.Int64)
        {
            throw new ArgumentException($"The labels must be one long (Int64) integer per sample, shape ({batch}), not {labels.dtype} of shape ({string.Join(", ", labels.shape)}).", nameof(labels));
        }

        if (batch > 0)
        {
            var (smallest, largest) = (labels.min().item<long>(), labels.max().item<long>());
            if (smallest < 0 || largest >= classes)
            {
                throw new ArgumentException($"The labels must be in 0 … {classes - 1}, but they range from {smallest} to {largest}.", nameof(labels));
            }
        }
    }
}
