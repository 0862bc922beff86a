using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using GanKit;
using GanKit.Data;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Tools;
using GanKit.Training;
using static TorchSharp.torch;

namespace Digits;

/// <summary>What <c>train-gan</c> and <c>evaluate-gan</c> share: the model options and the digit metrics.</summary>
internal static class GanCommands
{
    /// <summary><c>--model dcgan|mlp</c>, dcgan (the enum's default value) when not given.</summary>
    public static Option<DigitGanModel> Model(string description) =>
        new("--model")
        {
            Description = $"{description} [default: dcgan]",   // the value itself would show as "Dcgan"
            HelpName = string.Join('|', Enum.GetValues<DigitGanModel>().Select(model => model.Name())),
            CustomParser = result => TypedOptions.Parse(result, text => GanModels.TryParse(text, out var model) ? model : (DigitGanModel?)null,
                string.Join(" or ", Enum.GetValues<DigitGanModel>().Select(model => model.Name()))),
        };

    /// <summary>
    /// The model <paramref name="result"/>'s command line names, for the defaults of the options that depend on it:
    /// dcgan when it names none (as in the help text) or a wrong one (--model reports that itself).
    /// </summary>
    public static DigitGanModel ModelIn(SymbolResult result, Option<DigitGanModel> model) =>
        result.GetResult(model)?.Tokens is [var token] && GanModels.TryParse(token.Value, out var named) ? named : DigitGanModel.Dcgan;

    /// <summary><c>--width</c>: the DCGAN's channel width, the model's recipe's when not given.</summary>
    public static Option<int> Width(Option<DigitGanModel> model, string description) =>
        TypedOptions.WholeNumber("--width", $"{description} (dcgan only)", minimum: 1, result => ModelIn(result, model).Recipe().Width);

    /// <summary><c>--d-width</c>: the DCGAN discriminator's channel width, the model's recipe's when not given.</summary>
    public static Option<int> DiscriminatorWidth(Option<DigitGanModel> model, string description) =>
        TypedOptions.WholeNumber("--d-width", $"{description} (dcgan only)", minimum: 1, result => ModelIn(result, model).Recipe().DiscriminatorChannels);

    /// <summary><c>--eval-samples</c>: how many digits the metrics compare.</summary>
    public static Option<int> EvaluationSamples(string description) =>
        TypedOptions.WholeNumber("--eval-samples", $"{description}, at most the {MnistTestDigits:N0} test digits (smoke size: 1,000)",
            minimum: 10, _ => CourseSize.Pick(10_000, 1_000), maximum: MnistTestDigits);

    /// <summary>Refuses <paramref name="options"/> when the user typed them for a model they do not apply to.</summary>
    /// <exception cref="CommandLineException">One of them was typed with <c>--model mlp</c>.</exception>
    public static void RejectDcganOnly(ParseResult parse, DigitGanModel model, params Option[] options)
    {
        if (model != DigitGanModel.Dcgan && options.FirstOrDefault(parse.IsGiven) is { } option)
        {
            throw new CommandLineException($"{option.Name} applies to --model dcgan only: the {model.Recipe().Name} has no such setting. Leave it out.");
        }
    }

    /// <summary>Loads the test digits and measures the real-data floor; <paramref name="say"/> prints it.</summary>
    public static DigitEvaluator CreateEvaluator(DigitClassifier classifier, MnistDigits train, Device device, int sampleCount, Action<string> say)
    {
        var clock = Stopwatch.StartNew();
        using var test = Mnist.Load(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"), MnistSplit.Test, device: device);
        var evaluator = DigitEvaluator.Create(classifier, train, test, sampleCount);
        say($"Real-data floor: digit-FID {evaluator.Floor:F2} ({sampleCount:N0} training vs test digits, {clock.Elapsed.TotalSeconds:F0} s)");
        return evaluator;
    }

    /// <summary>MNIST's test set: the most digits the metrics can compare.</summary>
    private const int MnistTestDigits = 10_000;
}
