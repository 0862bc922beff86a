using System.Diagnostics;
using System.Globalization;
using GanKit.Runtime;
using GanKit;
using GanKit.Data;
using GanKit.Metrics;
using GanKit.Models;
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
    public static int Run(string[] args)
    {
        var options = new CommandOptions(args);
        var model = options.Text("--model", "dcgan");
        var folder = options.Text("--checkpoints", Path.Combine(RepositoryPaths.Folder("artifacts"), "gan", model, "checkpoints"));
        var every = options.Number("--every", 1);
        var sampleCount = options.Number("--eval-samples", CourseSize.Pick(10_000, 1_000));
        var baseRecipe = DigitGan.Recipe(model == "dcgan" ? DigitGanModel.Dcgan : DigitGanModel.Mlp);
        var width = options.Number("--width", baseRecipe.Width);
        options.RejectUnknown();

        var checkpoints = new CheckpointFolder(folder, 1).List().Where((_, index) => (index + 1) % Math.Max(every, 1) == 0 || index == 0).ToList();
        if (checkpoints.Count == 0)
        {
            Console.Error.WriteLine($"There are no checkpoints (step-*.gan-checkpoint) in {Path.GetFullPath(folder)}.");
            return 1;
        }

        var session = TorchSession.Start();
        var recipe = baseRecipe with { Width = width };
        var clock = Stopwatch.StartNew();
        using var train = Mnist.Load(RepositoryPaths.Folder("data", "mnist"), MnistSplit.Train, device: session.Device);
        using var test = Mnist.Load(RepositoryPaths.Folder("data", "mnist"), MnistSplit.Test, device: session.Device);
        using var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Folder("data", "classifier"), session.Device), train, test, sampleCount);
        Console.WriteLine($"Real-data floor: digit-FID {evaluator.Floor:F2} ({sampleCount:N0} training vs test digits, {clock.Elapsed.TotalSeconds:F0} s)");
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
