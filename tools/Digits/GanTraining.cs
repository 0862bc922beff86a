using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Tools;
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

    private const string GridFile = "samples.png";
    private const string GeneratorFile = "generator.bin";
    private const string MetricsFile = "metrics.json";

    /// <summary>The files a finished run leaves in its folder, beside checkpoints/.</summary>
    private static readonly string[] ResultFiles = [GridFile, GeneratorFile, MetricsFile];

    private static readonly Option<DigitGanModel> Model = GanCommands.Model(
        "dcgan (chapter 05's DCGAN) or mlp (the article's fully-connected GAN); the options below default to its recipe");

    private static readonly Option<int> Steps = TypedOptions.WholeNumber("--steps",
        "Train until step N; a resumed run counts the steps it already has (smoke size: 60)", minimum: 1, result => CourseSize.Pick(GanCommands.ModelIn(result, Model).Steps(), 60));

    private static readonly Option<DirectoryInfo?> Output = TypedOptions.Folder("--output",
        "Where the run's checkpoints/, samples.png, generator.bin and metrics.json go [default: artifacts/gan/<model>]");

    private static readonly Option<int> CheckpointEvery = TypedOptions.WholeNumber("--checkpoint-every",
        "Save a checkpoint every N steps in FOLDER/checkpoints (smoke size: 20)", minimum: 1, _ => CourseSize.Pick(1_000, 20));

    private static readonly Option<bool> Resume = new("--resume")
    {
        Description = "Continue the run in FOLDER from its newest checkpoint; without it a folder that holds a run is refused, as nothing is overwritten",
    };

    private static readonly Option<int> Seed = TypedOptions.WholeNumber("--seed", "Seed of the weights, the batches and the sample grid's noise", minimum: 0, _ => 2026);

    private static readonly Option<int> EvaluationSamples = GanCommands.EvaluationSamples("Digits generated, and real digits compared, for the metrics");

    private static readonly Option<int> EvaluateEvery = TypedOptions.WholeNumber("--eval-every",
        "Also measure the generator every N steps during training (0: only at the end)", minimum: 0, _ => 0);

    private static readonly Option<int> Width = GanCommands.Width(Model, "The DCGAN's channel width");

    private static readonly Option<int> DiscriminatorWidth = GanCommands.DiscriminatorWidth(Model, "The DCGAN discriminator's channel width");

    private static readonly Option<bool> Decay = new("--decay")
    {
        Description = "Decay both learning rates linearly to 0 over --steps; a resumed run keeps its schedule (checkpoints/schedule.json), so give the same --decay and --steps",
    };

    private static readonly Option<int> Batch = TypedOptions.WholeNumber("--batch",
        "Digits per batch, in both passes", minimum: 1, result => GanCommands.ModelIn(result, Model).Recipe().Options.BatchSize);

    private static readonly Option<double> GeneratorRate = TypedOptions.Number("--g-lr", "RATE", "The generator's Adam learning rate",
        value => value > 0, "a positive number", result => GanCommands.ModelIn(result, Model).Recipe().Options.GeneratorLearningRate);

    private static readonly Option<double> DiscriminatorRate = TypedOptions.Number("--d-lr", "RATE", "The discriminator's Adam learning rate",
        value => value > 0, "a positive number", result => GanCommands.ModelIn(result, Model).Recipe().Options.DiscriminatorLearningRate);

    private static readonly Option<double> AverageDecay = TypedOptions.Number("--average", "DECAY",
        "Decay of the moving average of the generator's weights that samples come from (0: sample the trained weights)",
        value => value is >= 0 and < 1, "at least 0 and below 1", result => GanCommands.ModelIn(result, Model).Recipe().AverageDecay);

    private static readonly Option<double> Dropout = TypedOptions.Number("--dropout", "P",
        "The DCGAN discriminator's dropout probability (dcgan only); may differ from the run being resumed",
        value => value is >= 0 and < 1, "at least 0 and below 1", result => GanCommands.ModelIn(result, Model).Recipe().DiscriminatorDropout);

    private static readonly Option<double> R1 = TypedOptions.Number("--r1", "GAMMA",
        "Weight of the discriminator's R1 gradient penalty on real digits (0: off); may differ from the run being resumed",
        value => value >= 0, "0 (off) or a positive number", result => GanCommands.ModelIn(result, Model).Recipe().Options.R1Weight);

    public static Command Command()
    {
        var command = new Command("train-gan",
            "Train chapter 05's digit GAN with a progress bar and checkpoints; then write a sample grid, the generator and its digit metrics")
        {
            Model, Steps, Output, CheckpointEvery, Resume, Seed, EvaluationSamples, EvaluateEvery, Width, DiscriminatorWidth, Batch, GeneratorRate,
            DiscriminatorRate, Decay, AverageDecay, Dropout, R1,
        };
        command.SetAction(Run);
        return command;
    }

    private static int Run(ParseResult parse)
    {
        TorchSession.CheckSettings();
        var model = parse.GetValue(Model);
        GanCommands.RejectDcganOnly(parse, model, Width, DiscriminatorWidth, Dropout);

        var steps = parse.GetValue(Steps);
        var checkpointEvery = parse.GetValue(CheckpointEvery);
        var seed = parse.GetValue(Seed);
        var sampleCount = parse.GetValue(EvaluationSamples);
        var evaluateEvery = parse.GetValue(EvaluateEvery);
        var output = parse.GetValue(Output)?.FullName ?? RepositoryRoot.Path(Directory.GetCurrentDirectory(), "artifacts", "gan", model.Name());
        var resume = parse.GetValue(Resume);
        var recipe = model.Recipe() with
        {
            Width = model == DigitGanModel.Dcgan ? parse.GetValue(Width) : model.Recipe().Width,
            Options = model.Recipe().Options with
            {
                GeneratorLearningRate = parse.GetValue(GeneratorRate),
                DiscriminatorLearningRate = parse.GetValue(DiscriminatorRate),
                BatchSize = parse.GetValue(Batch),
                R1Weight = parse.GetValue(R1),
                LearningRateDecaySteps = parse.GetValue(Decay) ? steps : 0,
            },
            AverageDecay = parse.GetValue(AverageDecay),
            DiscriminatorDropout = parse.GetValue(Dropout),
            DiscriminatorWidth = parse.IsGiven(DiscriminatorWidth) ? parse.GetValue(DiscriminatorWidth) : model.Recipe().DiscriminatorWidth,   // not given: the recipe's
        };

        recipe.Validate();   // before anything is loaded; the options have checked their own ranges, this checks the rest
        var checkpoints = new CheckpointFolder(Path.Combine(output, "checkpoints"), checkpointEvery);
        if (!resume && checkpoints.List() is [.., var newest])
        {
            Console.Error.WriteLine($"{checkpoints.Folder} already holds checkpoints up to step {newest.Step:N0}. Pass --resume to continue that run, or choose another --output; nothing is overwritten.");
            return 1;
        }

        if (!resume && ResultFiles.Select(name => Path.Combine(output, name)).FirstOrDefault(File.Exists) is { } earlier)
        {
            Console.Error.WriteLine($"{earlier} exists already. Choose another --output (or pass --resume to continue the run that wrote it); nothing is overwritten.");
            return 1;
        }

        if (checkpoints.List() is [.., var last] && last.Step > steps)
        {
            throw new CommandLineException($"--steps {steps} is behind the newest checkpoint in {checkpoints.Folder} (step {last.Step:N0}): pass --steps {last.Step} or more to continue that run.");
        }

        if (checkpoints.List().Count > 0)
        {
            DecaySchedule.RequireSame(checkpoints.Folder, recipe.Options.LearningRateDecaySteps);
        }

        Outputs.Prepare(output, "--output");
        var session = TorchSession.Start();
        Console.WriteLine($"{CourseSize.Describe()}");
        using var train = Mnist.Load(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"), MnistSplit.Train, device: session.Device);
        // Everything the end of the run needs is checked now, not after training: the classifier and the test digits.
        using var classifier = DigitClassifierWeights.Load(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "classifier"), session.Device);
        Mnist.Verify(RepositoryRoot.Path(Directory.GetCurrentDirectory(), "data", "mnist"), MnistSplit.Test);
        if (recipe.Options.BatchSize > train.Count)
        {
            throw new CommandLineException($"--batch {recipe.Options.BatchSize} is more than the {train.Count:N0} training digits: choose at most {train.Count}.");
        }

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

        // The disk must hold the checkpoints still to come and the results (the generator and a small grid and log).
        checkpoints.CheckWritable(trainer, steps, alsoWrittenBytes: (Parameters(trainer.Sampler) * sizeof(float)) + (1 << 20));
        if (resumedFrom == 0)
        {
            DecaySchedule.Record(checkpoints.Folder, recipe.Options.LearningRateDecaySteps);
        }

        var sampler = trainer.Sampler;
        using var batches = new ShuffledBatches(realImages, recipe.Options.BatchSize);
        using var fixedNoise = randn([64, recipe.NoiseSize], generator: new Generator((ulong)seed, session.Device), device: session.Device).DetachFromDisposeScope();

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Training the {recipe.Name}: G {Parameters(trainer.Generator):N0} parameters, D {Parameters(trainer.Discriminator):N0}{(recipe.Width > 0 ? $" (width {recipe.DiscriminatorChannels}) with dropout {recipe.DiscriminatorDropout}" : "")}; {steps:N0} steps of batch {recipe.Options.BatchSize}, Adam G {recipe.Options.GeneratorLearningRate} D {recipe.Options.DiscriminatorLearningRate} β1 {recipe.Options.Beta1}{(recipe.Options.LearningRateDecaySteps > 0 ? ", decaying linearly to 0" : "")}{(recipe.Options.R1Weight > 0 ? $", R1 penalty γ {recipe.Options.R1Weight}" : "")}, {(trainer.GeneratorAverage is null ? "no weight averaging" : $"samples from the weights' moving average (decay {recipe.AverageDecay})")}; checkpoints every {checkpointEvery:N0} steps in {checkpoints.Folder}"));
        // Start training from a compact heap: loading MNIST and building the networks leave garbage behind that the
        // collector would otherwise release at some later step, which would make the memory curve fall for no reason.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var bar = new ConsoleProgress(steps, resumedFrom);   // disposed on an error too, ending the bar's line
        if (ThreadPolicy.Current is { } policy)
        {
            policy.Report = bar.Note;   // its thread choices, between the bar's lines
        }

        var log = new List<Dictionary<string, double>>();
        var evaluations = new List<Evaluation>();   // this leg's, in order; the last is the final one
        var clock = Stopwatch.StartNew();
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
                evaluator ??= GanCommands.CreateEvaluator(classifier, train, session.Device, sampleCount, bar.Note);
                using (NewDisposeScope())
                {
                    var evaluation = Evaluation.Of(evaluator, DigitGan.Sample(sampler, sampleCount, session.Device), trainer.Step, clock.Elapsed);
                    evaluations.Add(evaluation);
                    bar.Note($"step {trainer.Step:N0} ({clock.Elapsed.TotalSeconds:F0} s of training): {evaluation}");
                }

                clock.Start();
            }
        }

        var trainingTime = clock.Elapsed;
        bar.Finish();
        checkpoints.SaveIfDue(trainer);
        Console.WriteLine(steps > resumedFrom
            ? $"Trained {steps - resumedFrom:N0} steps in {trainingTime.TotalSeconds:F0} s ({(steps - resumedFrom) / trainingTime.TotalSeconds:F1} steps/s, {ThreadPolicy.Threads} intra-op thread{(ThreadPolicy.Threads == 1 ? "" : "s")} at the end); resident memory {Environment.WorkingSet / 1048576.0:N0} MiB."
            : $"The newest checkpoint is at step {steps:N0} already: nothing left to train, writing the results.");

        // The results of a resumed run replace the ones it wrote before; a new run was refused above if any exist.
        var grid = Path.Combine(output, GridFile);
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            AtomicFile.WriteAllBytes(grid, ImageGrid.ToPng((sampler.call(fixedNoise) + 1) / 2, columns: 8).Bytes);
        }

        var generatorFile = Path.Combine(output, GeneratorFile);
        Outputs.SaveWeights(sampler, generatorFile, overwrite: true);
        Console.WriteLine($"Wrote {grid} and {generatorFile}.");

        evaluator ??= GanCommands.CreateEvaluator(classifier, train, session.Device, sampleCount, Console.WriteLine);
        using (var scope = NewDisposeScope())
        {
            var final = Evaluation.Of(evaluator, DigitGan.Sample(sampler, sampleCount, session.Device), steps, trainingTime);
            evaluations.Add(final);
            var report = final.Report;
            Console.WriteLine($"{recipe.Name} after {steps:N0} steps: {final}");
            var metrics = Path.Combine(output, MetricsFile);
            AtomicFile.WriteAllText(metrics, JsonSerializer.Serialize(new
            {
                model = recipe.Name,
                steps,
                resumed_from = resumedFrom,
                training_seconds = trainingTime.TotalSeconds,
                smoke = CourseSize.IsSmoke,
                threads = ThreadPolicy.Threads,   // at the end; thread_decisions says how it got there
                thread_decisions = ThreadPolicy.Current?.Decisions ?? [],
                discriminator_dropout = recipe.Width > 0 ? recipe.DiscriminatorDropout : (double?)null,   // this leg's settings
                r1_weight = recipe.Options.R1Weight,
                width = recipe.Width > 0 ? recipe.Width : (int?)null,
                discriminator_width = recipe.Width > 0 ? recipe.DiscriminatorChannels : (int?)null,
                batch = recipe.Options.BatchSize,
                generator_lr = recipe.Options.GeneratorLearningRate,
                discriminator_lr = recipe.Options.DiscriminatorLearningRate,
                lr_decay_steps = recipe.Options.LearningRateDecaySteps,
                average_decay = recipe.AverageDecay,
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
                precision_k5 = final.SecondOpinion.Precision,
                recall_k5 = final.SecondOpinion.Recall,
                evaluations = evaluations.Select(evaluation => evaluation.ToJson()),
                log,
            }, JsonOptions));
            Console.WriteLine($"Wrote {metrics}.");
        }

        evaluator.Dispose();
        return 0;
    }

    private static long Parameters(nn.Module module) => module.parameters().Sum(parameter => parameter.numel());
}
