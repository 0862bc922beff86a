using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace GanKit.Models;

/// <summary>The layer stack <see cref="MlpGenerator"/> and <see cref="MlpDiscriminator"/> share.</summary>
internal static class MlpLayers
{
    /// <summary>Linear layers from <paramref name="inputSize"/> through <paramref name="hidden"/> to <paramref name="outputSize"/>, leaky ReLU (0.2) between them.</summary>
    public static Module<Tensor, Tensor> Build(int inputSize, IReadOnlyList<int> hidden, int outputSize, Module<Tensor, Tensor>? outputActivation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputSize, 1);
        if (hidden.Any(width => width < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(hidden), $"Hidden layer widths must be at least 1: [{string.Join(", ", hidden)}].");
        }

        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var width = inputSize;
        for (var index = 0; index < hidden.Count; index++)
        {
            layers.Add(($"linear{index + 1}", Linear(width, hidden[index])));
            layers.Add(($"activation{index + 1}", LeakyReLU(0.2)));
            width = hidden[index];
        }

        layers.Add(("output", Linear(width, outputSize)));
        if (outputActivation is not null)
        {
            layers.Add(("squash", outputActivation));
        }

        return Sequential(layers);
    }
}
