using System.Globalization;
using System.Net;
using Microsoft.DotNet.Interactive.Formatting;
using static TorchSharp.torch;

namespace GanKit.Display;

/// <summary>One row of a <see cref="LayerTable"/>: a layer's path (<c>upsample.up1</c>), type, output shape and own parameter count.</summary>
public sealed record LayerRow(string Name, string Kind, IReadOnlyList<long> OutputShape, long Parameters);

/// <summary>
/// A network's layers in the order they ran on an example input, with output shapes and parameter counts (like Keras's
/// <c>model.summary()</c>). Introduced in chapter 05.
/// <code>
/// LayerTable.Of("DCGAN generator", generator, torch.randn(1, 100))
/// </code>
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatters), PreferredMimeTypes = ["text/html", "text/plain"])]
public sealed class LayerTable
{
    private LayerTable(string title, IReadOnlyList<LayerRow> rows, long totalParameters)
    {
        Title = title;
        Rows = rows;
        TotalParameters = totalParameters;
    }

    public string Title { get; }

    public IReadOnlyList<LayerRow> Rows { get; }

    public long TotalParameters { get; }

    /// <summary>Runs <paramref name="network"/> once on <paramref name="exampleInput"/>, in evaluation mode without gradient, recording every layer.</summary>
    public static LayerTable Of(string title, nn.Module<Tensor, Tensor> network, Tensor exampleInput)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(exampleInput);
        return Of(title, network, () => network.call(exampleInput));
    }

    /// <summary>
    /// Runs a network of two inputs — a conditional generator's (noise, label) or a conditional discriminator's (image,
    /// label), chapter 06 — once on <paramref name="firstInput"/> and <paramref name="secondInput"/>, recording every layer.
    /// </summary>
    public static LayerTable Of(string title, nn.Module<Tensor, Tensor, Tensor> network, Tensor firstInput, Tensor secondInput)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(firstInput);
        ArgumentNullException.ThrowIfNull(secondInput);
        return Of(title, network, () => network.call(firstInput, secondInput));
    }

    private static LayerTable Of(string title, nn.Module network, Action runOnce)
    {
        var rows = new List<LayerRow>();
        var hooks = new List<nn.Module<Tensor, Tensor>.HookRemover>();
        var names = new Dictionary<nn.Module, string>(ReferenceEqualityComparer.Instance);
        foreach (var (name, module) in network.named_modules())
        {
            names[module] = name;
            if (module.children().Any() || module is not nn.Module<Tensor, Tensor> layer)
            {
                continue;   // containers: their layers are listed one by one
            }

            hooks.Add(layer.register_forward_hook((self, _, output) =>
            {
                rows.Add(new LayerRow(names[self], self.GetType().Name, output.shape, self.parameters(recurse: false).Sum(p => p.numel())));
                return output;
            }));
        }

        var training = network.training;
        try
        {
            network.eval();
            using var scope = NewDisposeScope();
            using var noGradient = no_grad();
            runOnce();
        }
        finally
        {
            network.train(training);
            foreach (var hook in hooks)
            {
                hook.remove();
            }
        }

        return new LayerTable(title, rows, network.parameters().Sum(p => p.numel()));
    }

    public string ToHtml()
    {
        var body = string.Concat(Rows.Select(row => string.Create(CultureInfo.InvariantCulture,
            $"<tr><td>{WebUtility.HtmlEncode(row.Name)}</td><td>{row.Kind}</td><td>{Shape(row.OutputShape)}</td><td style=\"text-align:right\">{row.Parameters:N0}</td></tr>")));
        return string.Create(CultureInfo.InvariantCulture,
            $"<table><caption style=\"text-align:left\"><b>{WebUtility.HtmlEncode(Title)}</b>: {TotalParameters:N0} parameters</caption><tr><th>layer</th><th>type</th><th>output shape</th><th>parameters</th></tr>{body}</table>");
    }

    public override string ToString()
    {
        var lines = Rows.Select(row => string.Create(CultureInfo.InvariantCulture, $"  {row.Name,-22} {row.Kind,-16} {Shape(row.OutputShape),-20} {row.Parameters,12:N0}"));
        return string.Create(CultureInfo.InvariantCulture, $"{Title}: {TotalParameters:N0} parameters\n  {"layer",-22} {"type",-16} {"output shape",-20} {"parameters",12}\n") + string.Join('\n', lines);
    }

    private static string Shape(IReadOnlyList<long> shape) => $"({string.Join(", ", shape)})";
}
