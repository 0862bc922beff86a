using System.CommandLine;
using System.Globalization;
using GanKit.Runtime;
using GanKit.Data;
using GanKit.Models;
using GanKit.Tools;
using GanKit.Training;
using static TorchSharp.torch;

namespace Digits;

/// <summary>
/// <c>evaluate-gan</c>: measures the checkpoints of a <c>train-gan</c> run after the fact — digit-FID against the floor
/// and the other numbers for every checkpoint (or every n-th) — so a run's quality can be followed over time without
/// slowing or disturbing the run itself.
/// </summary>
internal static class CheckpointEvaluation
{
    private static readonly Option<DigitGanModel> Model = GanCommands.Model("The model the run trained: dcgan or mlp");

    private static readonly Option<DirectoryInfo?> Checkpoints = TypedOptions.Folder("--checkpoints",
        "The run's checkpoints folder [default: artifacts/gan/<model>/checkpoints]");

    private static readonly Option<int> Every = TypedOptions.WholeNumber("--every",
        "Measure the first and every N-th checkpoint", minimum: 1, _ => 1);

    private static readonly Option<int> EvaluationSamples = GanCommands.EvaluationSamples("Digits generated, and real digits compared, per checkpoint");

    private static readonly Option<int> Width = GanCommands.Width(Model, "The DCGAN's channel width the run trained with");

    private static readonly Option<int> DiscriminatorWidth = GanCommands.DiscriminatorWidth(Model, "The DCGAN discriminator's channel width the run trained with");

    public static Command Command()
    {
        var command = new Command("evaluate-gan",
            "Measure a train-gan run's checkpoints with train-gan's digit metrics, one CSV line each: quality over training time")
        {
            Model, Checkpoints, Every, EvaluationSamples, Width, DiscriminatorWidth,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        TorchSession.CheckSettings();
        var model = parse.GetValue(Model);
        GanCommands.RejectDcganOnly(parse, model, Width, DiscriminatorWidth);

        var folder = parse.GetValue(Checkpoints)?.FullName ?? RepositoryRoot.Path(Directory.GetCurrentDirectory(), "artifacts", "gan", model.Name(), "checkpoints");
        var every = parse.GetValue(Every);
        var sampleCount = parse.GetValue(EvaluationSamples);
        var checkpoints = new CheckpointFolder(folder, 1).List().Where((_, index) => (index + 1) % every == 0 || index == 0).ToList();
        if (checkpoints.Count == 0)
        {
            Console.Error.WriteLine($"There are no checkpoints (step-*{GanCheckpoint.Extension}) in {folder}. Name a train-gan run's checkpoints folder with --checkpoints.");
            return 1;
        }

        var session = TorchSession.Start();
        var recipe = model == DigitGanModel.Dcgan
            ? model.Recipe() with { Width = parse.GetValue(Width), DiscriminatorWidth = parse.GetValue(DiscriminatorWidth) }
            : model.Recipe();
        using var train = Mnist.Load(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"), MnistSplit.Train, device: session.Device);
        using var classifier = DigitClassifierWeights.Load(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "classifier"), session.Device);
        Mnist.Verify(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"), MnistSplit.Test);
        foreach (var (_, path) in checkpoints)
        {
            // Every checkpoint is checked (intact, for these networks) before the first is measured.
            var probe = DigitGan.CreateTrainer(recipe, session.Device);
            probe.LoadCheckpoint(path);
        }

        using var evaluator = GanCommands.CreateEvaluator(classifier, train, session.Device, sampleCount, Console.WriteLine);
        Console.WriteLine("step,digit_fid,fid_ratio,inception_score,class_kl,smallest_class_share,precision,recall");
        foreach (var (step, path) in checkpoints)
        {
            var trainer = DigitGan.CreateTrainer(recipe, session.Device);
            trainer.LoadCheckpoint(path);
            manual_seed(step);
            using var scope = NewDisposeScope();
            var report = evaluator.Evaluate(DigitGan.Sample(trainer.Sampler, sampleCount, session.Device));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{step},{report.Fid:F3},{report.FidRatio:F2},{report.Score.Mean:F3},{report.Classes.KlToUniform:F4},{report.Classes.SmallestShare:F4},{report.Coverage.Precision:F3},{report.Coverage.Recall:F3}"));
        }

        return 0;
    }
}
