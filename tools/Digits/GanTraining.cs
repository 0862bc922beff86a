using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using static TorchSharp.torch;

namespace Digits;

/// <summary>
/// <c>train-gan</c>: trains chapter 05's digit GAN (the DCGAN, or the article's fully-connected GAN) without the
/// notebook — progress bar, checkpoints, resume, a sample grid PNG and the digit metrics.
/// </summary>
internal static class GanTraining
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public static int Run(string[] args)
    {
        var options = new CommandOptions(args);
        var model = options.Text("--model", "dcgan");
        if (model is not ("dcgan" or "mlp"))
        {
            Console.Error.WriteLine($"--model must be dcgan or mlp, not '{model}'.");
            return 2;
        }

        var smoke = CourseSize.IsSmoke;
        var steps = options.Number("--steps", model == "dcgan" ? CourseSize.Pick(DigitGan.DcganSteps, 60) : CourseSize.Pick(DigitGan.MlpSteps, 60));
        var checkpointEvery = options.Number("--checkpoint-every", CourseSize.Pick(1_000, 20));
        var seed = options.Number("--seed", 2026);
        var sampleCount = options.Number("--eval-samples", CourseSize.Pick(10_000, 1_000));
        var evaluateEvery = options.Number("--eval-every", 0);
        var output = Path.GetFullPath(options.Text("--output", Path.Combine(RepositoryPaths.Folder("artifacts"), "gan", model)));
        var resume = options.Flag("--resume");
        var baseRecipe = DigitGan.Recipe(model == "dcgan" ? DigitGanModel.Dcgan : DigitGanModel.Mlp);
        var recipe = baseRecipe with
        {
            Width = options.Number("--width", baseRecipe.Width),
            Options = baseRecipe.Options with
            {
                GeneratorLearningRate = options.Real("--g-lr", baseRecipe.Options.GeneratorLearningRate),
                DiscriminatorLearningRate = options.Real("--d-lr", baseRecipe.Options.DiscriminatorLearningRate),
                BatchSize = options.Number("--batch", baseRecipe.Options.BatchSize),
                R1Weight = options.Real("--r1", baseRecipe.Options.R1Weight),
            },
            AverageDecay = options.Real("--average", baseRecipe.AverageDecay),
            DiscriminatorDropout = options.Real("--dropout", baseRecipe.DiscriminatorDropout),
        };
        options.RejectUnknown();

        var checkpoints = new CheckpointFolder(Path.Combine(output, "checkpoints"), checkpointEvery);
        if (checkpoints.List().Count > 0 && !resume)
        {
            Console.Error.WriteLine($"{checkpoints.Folder} already holds checkpoints up to step {checkpoints.List()[^1].Step:N0}. Pass --resume to continue that run, or choose another --output; nothing is overwritten.");
            return 1;
        }

        var session = TorchSession.Start();
        Console.WriteLine($"{CourseSize.Describe()}");
        var dataFolder = RepositoryPaths.Folder("data", "mnist");
        using var train = Mnist.Load(dataFolder, MnistSplit.Train, device: session.Device);
        Tensor realImages;
        using (NewDisposeScope())
        {
            realImages = (train.Images * 2 - 1).MoveToOuterDisposeScope();   // tanh range (−1, 1); the intermediate is freed now
        }

        using var realImagesOwner = realImages;

        manual_seed(seed);
        var trainer = DigitGan.CreateTrainer(recipe, session.Device);
        var resumedFrom = checkpoints.ResumeLatest(trainer);
        if (resumedFrom > 0)
        {
            Console.WriteLine($"Resumed from {checkpoints.PathFor(resumedFrom)}: step {resumedFrom:N0} of {steps:N0}.");
            manual_seed(seed + resumedFrom);   // a fresh but reproducible random stream for the rest of the run
        }

        var sampler = trainer.Sampler;
        using var batches = new ShuffledBatches(realImages, recipe.Options.BatchSize);
        using var fixedNoise = randn([64, recipe.NoiseSize], generator: new Generator((ulong)seed, session.Device), device: session.Device).DetachFromDisposeScope();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the {recipe.Name}: G {Parameters(trainer.Generator):N0} parameters, D {Parameters(trainer.Discriminator):N0}{(recipe.Width > 0 ? $" with dropout {recipe.DiscriminatorDropout}" : "")}; {steps:N0} steps of batch {recipe.Options.BatchSize}, Adam G {recipe.Options.GeneratorLearningRate} D {recipe.Options.DiscriminatorLearningRate} β1 {recipe.Options.Beta1}{(recipe.Options.R1Weight > 0 ? $", R1 penalty γ {recipe.Options.R1Weight}" : "")}, {(trainer.GeneratorAverage is null ? "no weight averaging" : $"samples from the weights' moving average (decay {recipe.AverageDecay})")}; checkpoints every {checkpointEvery:N0} steps in {checkpoints.Folder}"));
        // Start training from a compact heap: loading MNIST and building the networks leave garbage behind that the
        // collector would otherwise release at some later step, which would make the memory curve fall for no reason.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        var bar = new ConsoleProgress(steps, resumedFrom);
        var log = new List<Dictionary<string, double>>();
        var clock = Stopwatch.StartNew();
        var trainingTime = TimeSpan.Zero;
        DigitEvaluator? evaluator = null;
        while (trainer.Step < steps)
        {
            var result = trainer.TrainStep(batches.Next);
            if (trainer.Step % 100 == 0 || trainer.Step == steps)
            {
                log.Add(new Dictionary<string, double>
                {
                    ["step"] = trainer.Step,
                    ["seconds"] = clock.Elapsed.TotalSeconds,
                    ["d_loss"] = result.Discriminator.Loss,
                    ["g_loss"] = result.Generator.Loss,
                    ["d_real"] = result.Discriminator.VerdictOnReal,
                    ["d_fake"] = result.Discriminator.VerdictOnGenerated,
                    ["resident_mib"] = Environment.WorkingSet / 1048576.0,
                });
            }

            if (checkpoints.SaveIfDue(trainer) is { } saved)   // after the memory reading: it measures training, not saving
            {
                bar.Note($"Checkpoint: {saved}");
            }

            bar.Update(trainer.Step, result);

            if (evaluateEvery > 0 && trainer.Step % evaluateEvery == 0 && trainer.Step < steps)
            {
                clock.Stop();
                evaluator ??= CreateEvaluator(train, session.Device, sampleCount);
                Console.WriteLine();
                Console.WriteLine($"step {trainer.Step:N0} ({clock.Elapsed.TotalSeconds:F0} s of training): {evaluator.Evaluate(DigitGan.Sample(sampler, sampleCount, session.Device))}");
                clock.Start();
            }
        }

        trainingTime = clock.Elapsed;
        bar.Finish();
        checkpoints.SaveIfDue(trainer);
        Console.WriteLine($"Trained {steps - resumedFrom:N0} steps in {trainingTime.TotalSeconds:F0} s ({(steps - resumedFrom) / trainingTime.TotalSeconds:F1} steps/s); resident memory {Environment.WorkingSet / 1048576.0:N0} MiB.");

        Directory.CreateDirectory(output);
        var grid = Path.Combine(output, "samples.png");
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            ImageGrid.ToPng((sampler.call(fixedNoise) + 1) / 2, columns: 8).Save(grid);
        }

        var generatorFile = Path.Combine(output, "generator.bin");
        var temporary = $"{generatorFile}.{Environment.ProcessId}.tmp";
        sampler.save(temporary);
        File.Move(temporary, generatorFile, overwrite: true);
        Console.WriteLine($"Wrote {grid} and {generatorFile}.");

        evaluator ??= CreateEvaluator(train, session.Device, sampleCount);
        using (var scope = NewDisposeScope())
        {
            var report = evaluator.Evaluate(DigitGan.Sample(sampler, sampleCount, session.Device));
            Console.WriteLine($"{recipe.Name} after {steps:N0} steps: {report}");
            var metrics = Path.Combine(output, "metrics.json");
            File.WriteAllText(metrics, JsonSerializer.Serialize(new
            {
                model = recipe.Name,
                steps,
                resumed_from = resumedFrom,
                training_seconds = trainingTime.TotalSeconds,
                smoke,
                threads = session.Threads,
                discriminator_dropout = recipe.Width > 0 ? recipe.DiscriminatorDropout : (double?)null,   // this leg's settings
                r1_weight = recipe.Options.R1Weight,
                digit_fid = report.Fid,
                floor = report.Floor,
                fid_ratio = report.FidRatio,
                inception_score = report.Score.Mean,
                class_kl = report.Classes.KlToUniform,
                class_shares = report.Classes.Shares,
                precision = report.Coverage.Precision,
                recall = report.Coverage.Recall,
                samples = report.SampleCount,
                meets_bar = report.MeetsBar,
                log,
            }, JsonOptions));
            Console.WriteLine($"Wrote {metrics}.");
        }

        evaluator.Dispose();
        return 0;
    }

    private static DigitEvaluator CreateEvaluator(MnistDigits train, Device device, int sampleCount)
    {
        var clock = Stopwatch.StartNew();
        using var test = Mnist.Load(RepositoryPaths.Folder("data", "mnist"), MnistSplit.Test, device: device);
        var evaluator = DigitEvaluator.Create(DigitClassifierWeights.Load(RepositoryPaths.Folder("data", "classifier"), device), train, test, sampleCount);
        Console.WriteLine($"Real-data floor: digit-FID {evaluator.Floor:F2} ({sampleCount:N0} training vs test digits, {clock.Elapsed.TotalSeconds:F0} s)");
        return evaluator;
    }

    private static long Parameters(nn.Module module) => module.parameters().Sum(parameter => parameter.numel());
}
