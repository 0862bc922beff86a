using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// Freezes a network's parameters (no gradient) until disposed, then restores each one as it was, so a layer the user
/// froze stays frozen. Pass 2 of both trainers runs D this way: gradients flow through D into G, not into D's weights.
/// </summary>
internal sealed class FrozenParameters : IDisposable
{
    private readonly List<(Tensor Parameter, bool WasTrainable)> parameters;

    public FrozenParameters(nn.Module network)
    {
        parameters = network.parameters().Select(parameter => ((Tensor)parameter, parameter.requires_grad)).ToList();
        foreach (var (parameter, _) in parameters)
        {
            parameter.requires_grad = false;
        }
    }

    public void Dispose()
    {
        foreach (var (parameter, wasTrainable) in parameters)
        {
            parameter.requires_grad = wasTrainable;
        }
    }
}
