// Chapter "05 — A toy digit GAN" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../05-a-toy-digit-gan.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/05-a-toy-digit-gan.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/05-a-toy-digit-gan.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using System.Diagnostics;
using System.IO;
using System.Text.Json.Nodes;
using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;

ChapterApp.Start("../05-a-toy-digit-gan.ipynb", "05 — A toy digit GAN");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 05 — A toy digit GAN
//
// > Can we generate handwritten digits from scratch?
//
// ![64 digits drawn from fixed noise by the DCGAN generator shipped in data/generator, trained for 60,000 steps](images/05-dcgan-samples.png)
//
// *Above: 64 digits from the generator shipped in `data/generator/`, this chapter's DCGAN generator trained for 60,000
// steps (about 2½ hours on our CPU) by `tools/Digits train-gan` with an earlier, slower recipe, not from this notebook's
// run. The notebook trains the DCGAN with this chapter's faster recipe for 10,000 steps; the inspection section shows its
// digits beside these and beside real digits, and measures all three. In our full run both met the course's quality bar.*
//
// This is the article's hands-on part: a GAN that turns random noise into 28×28 handwritten digits. We build a
// fully-connected GAN with the layers of the article's example first (keras_adversarial's `example_gan.py`), then a
// small DCGAN, train both with chapter 03's two passes while watching samples, losses and D's verdicts live, save
// checkpoints as we go, and finally judge the results **by number** as well as by eye: digit-FID against the real-data
// floor, the class histogram, precision and recall, and the nearest training image of each sample (is it copying?).
//
// Run times on our 2-core machine, idle: smoke size 30–50 seconds; full size 27 minutes in our last run, of which the
// DCGAN's training took 24 minutes and the fully-connected GAN's 2¼. Exercise 2 retrains the fully-connected GAN (2–5
// minutes). To skip the DCGAN's training and use the generator shipped in `data/generator/`, set
// `usePretrainedDcgan = true` in the settings cell.
ChapterApp.MarkdownCell("cell-00");

// ── cell-01 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Setting up
//
// As in every chapter: load GanKit and TorchSharp from the repository's build folder (build it once with
// `dotnet build lib/GanKit` if this cell cannot find them), then start TorchSharp.
ChapterApp.MarkdownCell("cell-01");

// ── cell-02 (code) ───────────────────────────────────────────────────────────────────────────────
// (The notebook's #r lines: this app references GanKit, and TorchSharp with it, by #:project at the top.)

// ── cell-03 (code) ───────────────────────────────────────────────────────────────────────────────
var session = TorchSession.Start();
var device = session.Device;
Console.WriteLine(CourseSize.Describe());

// ── cell-04 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The settings
//
// The switches and sizes a reader may want to change are here, and so are the two GANs' **recipes**: each
// `DigitGanRecipe` holds the networks' sizes (noise size, width), the discriminator's dropout, the decay of the
// generator's weight average and every training setting in its `GanTrainerOptions` (batch size, learning rates, Adam's
// betas, the loss, …); `Width`, `DiscriminatorWidth` and `DiscriminatorDropout` apply to the DCGAN only, the fully-connected GAN's layers
// are fixed. The cell prints them all. Change one with `with`, for example
// `dcganRecipe with { DiscriminatorDropout = 0.3 }` or `mlpRecipe with { Options = mlpRecipe.Options with { BatchSize = 32 } }`;
// the training cells use the recipes from here. `usePretrainedDcgan = true` skips the DCGAN's training and loads the
// generator shipped in `data/generator/` (made by `tools/Digits train-gan`, see its README). Each training run writes
// its checkpoints to a folder of its own under `artifacts/runs/`; to continue an interrupted run, set `resumeRun` to that
// folder's name and run the training cells again: training then continues from its newest checkpoint. A full run's
// checkpoints take about 16 MB each for the DCGAN and 40 MB for the fully-connected GAN (a smoke run writes one DCGAN
// checkpoint); nothing deletes them, so remove old run folders under `artifacts/runs/` yourself when you need the space.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
var usePretrainedDcgan = false;
string resumeRun = null;                     // e.g. "05-dcgan-20261127-140501" to continue that run

// The two GANs: networks and training settings. Change them with `with`, e.g. dcganRecipe with { DiscriminatorDropout = 0.3 }.
var mlpRecipe = DigitGan.Recipe(DigitGanModel.Mlp);
var dcganRecipe = DigitGan.Recipe(DigitGanModel.Dcgan);
var mlpSteps = CourseSize.Pick(full: DigitGan.MlpSteps, smoke: 40);
var dcganSteps = CourseSize.Pick(full: DigitGan.DcganSteps, smoke: 60);
var checkpointEvery = CourseSize.Pick(full: 1_000, smoke: 60);   // smoke: one DCGAN checkpoint (≈ 16 MB), none for the MLP
var evaluationSamples = CourseSize.Pick(full: 10_000, smoke: 1_000);   // digits per FID comparison (FID depends on N)
var runsFolder = Path.GetFullPath(Path.Combine("..", "artifacts", "runs"));
Console.WriteLine(mlpRecipe);
Console.WriteLine(dcganRecipe);
Console.WriteLine($"MLP GAN {mlpSteps:N0} steps, DCGAN {(usePretrainedDcgan ? "pretrained" : $"{dcganSteps:N0} steps")}, checkpoints every {checkpointEvery:N0} steps under {runsFolder}, metrics on {evaluationSamples:N0} digits");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 1 — the problem: 28×28 digits
//
// MNIST's 60,000 training digits are in `data/mnist/` (checked against their SHA-256 on loading, no download). Each is a
// 28×28 gray image; the generators draw pixels in (−1, 1) with `tanh`, so the real digits are scaled the same way before
// the discriminator sees them.
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (code) ───────────────────────────────────────────────────────────────────────────────
var train = Mnist.Load("../data/mnist", MnistSplit.Train, device: device);
var test = Mnist.Load("../data/mnist", MnistSplit.Test, device: device);
Tensor realImages;                                                   // (60000, 1, 28, 28) in (−1, 1), what D sees
using (NewDisposeScope()) realImages = (train.Images * 2 - 1).MoveToOuterDisposeScope();
Console.WriteLine($"training digits {string.Join("×", train.Images.shape)}, test digits {string.Join("×", test.Images.shape)}, pixels in [{train.Images.min().item<float>()}, {train.Images.max().item<float>()}]");
ChapterApp.Display(ImageGrid.ToPng(train.Images.narrow(0, 0, 64), columns: 16));

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### The article's own format: a folder of PNG files
//
// The article's dataset came as a folder of 28×28 PNG files with a CSV of file names and labels. `PngFolderDataset` reads
// that format (and writes it): here 32 MNIST digits go to a new folder under `artifacts/` and come back unchanged. A PNG
// of the wrong size, a file that is not a PNG, a CSV row naming a missing file, a malformed label or an empty folder each
// stop the load with one message that names the file; nothing is skipped silently (GanKit's tests,
// `tests/GanKit.Tests/Data/PngFolderDatasetTests.cs`, check each of these).
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
var pngFolder = Path.Combine(runsFolder, $"05-png-digits-{DateTime.Now:yyyyMMdd-HHmmss}");
using (var few = new MnistDigits(train.Images.narrow(0, 0, 32), train.Labels.narrow(0, 0, 32)))
{
    PngFolderDataset.Save(few, pngFolder);
}
var reloaded = PngFolderDataset.Load(pngFolder, device: device);
var largestDifference = (reloaded.Images - train.Images.narrow(0, 0, 32)).abs().max().item<float>();
Console.WriteLine($"{reloaded.Count} digits read back from {pngFolder}; labels {string.Join(" ", reloaded.Labels.to(CPU).data<long>().ToArray())}; largest pixel difference {largestDifference:F4} (PNG stores 8 bits: at most 1/510)");

// ── cell-10 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 2 — the architecture
//
// ### The article's fully-connected GAN
//
// The article's example (keras_adversarial's `example_gan.py`) uses dense layers: the generator maps 100 noise numbers
// through 256 → 512 → 1,024 units to 784 pixels, and the discriminator mirrors it, 784 → 1,024 → 512 → 256 → one score,
// with leaky ReLU throughout. Ours keeps those layers and leaves out the rest of the example's choices: its batch
// normalisation after every hidden layer of both networks and its dropout of 0.5 in the discriminator. Two details
// differ as well: our generator ends in `tanh` (pixels in (−1, 1), as the DCGAN's) where the example's ends in a sigmoid,
// and our discriminator returns a raw score (logit) that GanKit's losses turn into probabilities in a numerically stable
// way. `LayerTable` runs each network once and lists every layer's output shape and parameter count.
ChapterApp.MarkdownCell("cell-10");

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
var (mlpPreviewGenerator, mlpPreviewDiscriminator) = DigitGan.Build(mlpRecipe, device);
ChapterApp.Display(LayerTable.Of("Fully-connected generator", mlpPreviewGenerator, randn(1, mlpRecipe.NoiseSize, device: device)));
ChapterApp.Display(LayerTable.Of("Fully-connected discriminator", mlpPreviewDiscriminator, zeros(1, 1, 28, 28, device: device)));

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### A DCGAN
//
// Dense layers treat a pixel in the top-left corner and its neighbour as unrelated inputs. A DCGAN (Radford et al. 2015)
// uses convolutions instead: the generator projects the noise to 128 small 7×7 feature maps, lets a 3×3 convolution
// arrange them into a digit's layout, and *up-samples* twice with transposed convolutions (7 → 14 → 28), with batch
// normalisation and ReLU between; the discriminator mirrors it with three stride-2 convolutions (28 → 14 → 7 → 4) and
// leaky ReLU. The tables below count the parameters: its generator has under two thirds of the dense generator's and its
// discriminator under a third of the dense discriminator's, because the same small filters slide over the whole image
// instead of one weight per pixel and unit.
//
// Three choices differ from the DCGAN paper:
//
// * The discriminator has **no normalisation layer**. With batch normalisation in it, digit-FID was 144 after 4,000 steps
//   in our terminal runs, against 65–68 without. The R1 penalty of the training section keeps it in check instead.
// * The discriminator is **twice as wide** as the generator: the recipe's `DiscriminatorWidth` of 64 channels against the
//   generator's `Width` of 32. (The table lists its dropout layers, whose probability, the recipe's `DiscriminatorDropout`,
//   is 0: they pass everything through.)
// * Both networks have **one layer more** than the smallest DCGAN would: the generator's 3×3 convolution at 7×7 and the
//   discriminator's third layer.
//
// Each choice was made by measuring, in terminal runs outside this notebook. The tables are in
// [data/generator/README.md](../data/generator/README.md#experiments-behind-chapter-05s-recipe), and the section
// *Why this recipe* below charts the last round.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
var (dcganPreviewGenerator, dcganPreviewDiscriminator) = DigitGan.Build(dcganRecipe, device);
ChapterApp.Display(LayerTable.Of("DCGAN generator", dcganPreviewGenerator, randn(1, dcganRecipe.NoiseSize, device: device)));
ChapterApp.Display(LayerTable.Of("DCGAN discriminator", dcganPreviewDiscriminator, zeros(1, 1, 28, 28, device: device)));

// ── cell-14 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Steps 3–6 — training
//
// The two passes are chapter 03's `GanTrainer`, unchanged: pass 1 shows D a batch of real digits (the recipe's
// `BatchSize`) and as many forgeries, pass 2 lets G learn through the frozen D. Four additions make a run practical and
// quick to reach good digits:
//
// * **A fixed noise batch.** The live grid always draws the *same* 64 noise vectors (made from one seed each time), so
//   changes in the picture are changes in G, not in the noise.
// * **An average of G's weights.** GAN training jitters from step to step; sampling from an exponential moving average
//   of the generator's weights (the recipe's `AverageDecay`: 0.999 averages over roughly the last thousand steps) is
//   meant to smooth that out (Karras et al. 2018; Yazıcı et al. 2019 measured better scores with it). The trainer
//   updates it after every step; the grids and metrics below use it, and exercise 3 measures what it does in this run.
// * **Checkpoints.** Every `checkpointEvery` steps the run is saved (both networks, both optimizers, the average) to a
//   new file, written to a temporary file first and then renamed, with a SHA-256 at its end, so that a crash does not
//   leave a half-written checkpoint, a truncated or foreign file is refused with a message, and nothing is overwritten
//   (GanKit's `CheckpointFolderTests` and `GanCheckpointTests` check these).
// * **The R1 penalty** of chapter 04 (Mescheder et al. 2018), from the first step. Pass 1 adds γ/2 times the squared
//   gradient of D's score with respect to the real digits to D's loss (the recipe's `R1Weight`, γ = 1). This keeps D's
//   score from turning steep around the real digits. It costs a second backward pass through D on the real batch, and it
//   lets the recipe train at learning rates of 1e-3, five times the DCGAN paper's 2e-4.
//
// The next three cells hold the loop: the fixed-noise pictures, what the run records (losses, D's verdicts and the
// process's resident memory, to check that a long run does not grow), and the training function itself, which the
// training cells after it call once per GAN with its recipe.
ChapterApp.MarkdownCell("cell-14");

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
Tensor FixedNoiseDigits(GeneratorNetwork sampler, int count = 64)
{
    using var scope = NewDisposeScope();
    using var noGradient = no_grad();
    var noise = randn(count, sampler.NoiseSize, generator: new Generator(2026, device), device: device);   // the same vectors every call
    return ((sampler.call(noise) + 1) / 2).MoveToOuterDisposeScope();                                       // (count, 1, 28, 28) in [0, 1]
}

PngImage Samples(GeneratorNetwork sampler)
{
    using var digits = FixedNoiseDigits(sampler);
    return ImageGrid.ToPng(digits, columns: 16);
}

string RunName(string model) => resumeRun is not null && resumeRun.Contains($"-{model}-") ? resumeRun : $"05-{model}-{DateTime.Now:yyyyMMdd-HHmmss}";

// ── cell-16 (code) ───────────────────────────────────────────────────────────────────────────────
PlotlyChart Curves(string name, List<HistoryPoint> history) =>
    TrainingCurves.Of($"{name}: losses (solid) and D's mean verdicts (dotted)", history.Select(point => point.Game).ToList());

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
TrainedGan TrainDigitGan(DigitGanRecipe recipe, int steps, string runName)
{
    manual_seed(2026);
    var trainer = DigitGan.CreateTrainer(recipe, device);            // both networks, G's weight average, Adam for each
    var checkpoints = new CheckpointFolder(Path.Combine(runsFolder, runName), checkpointEvery);
    var resumedFrom = checkpoints.ResumeLatest(trainer);             // 0 for a new run
    Console.WriteLine(resumedFrom == 0 ? $"New run: checkpoints go to {checkpoints.Folder}" : $"Resumed {checkpoints.Folder} at step {resumedFrom:N0}");
    manual_seed(2026 + resumedFrom);
    using var batches = new ShuffledBatches(realImages, recipe.Options.BatchSize);
    var history = new List<HistoryPoint>();
    var progress = new TrainingProgress($"{recipe.Name} on MNIST", steps);
    var curves = LiveOutput.Show(Curves(recipe.Name, history));
    var pictureEvery = Math.Max(steps / 20, 1);                      // at most ~20 grid and chart updates per run
    var clock = Stopwatch.StartNew();
    while (trainer.Step < steps)
    {
        var result = trainer.TrainStep(batches.Next);                // pass 1 (D) and pass 2 (G), as in chapter 03
        checkpoints.SaveIfDue(trainer);
        var (step, pass1, pass2) = (trainer.Step, result.Discriminator, result.Generator);
        if (step % 10 == 0 || step == steps) history.Add(new HistoryPoint(GameRecord.Of(result), Environment.WorkingSet / 1048576.0));
        var picture = step % pictureEvery == 0 || step == steps;
        if (!picture && !progress.IsDue(step)) continue;
        progress.Report(step, picture ? Samples(trainer.Sampler) : null, ("D loss", pass1.Loss), ("G loss", pass2.Loss), ("D(x)", pass1.VerdictOnReal), ("D(G(z))", pass1.VerdictOnGenerated));
        if (picture) curves.Update(Curves(recipe.Name, history));
    }

    var saved = checkpoints.List();
    Console.WriteLine($"{recipe.Name}: {steps - resumedFrom:N0} steps in {clock.Elapsed.TotalSeconds:F0} s; {saved.Count} checkpoints ({saved.Sum(checkpoint => new FileInfo(checkpoint.Path).Length) / 1e6:F0} MB) in {checkpoints.Folder}");
    return new TrainedGan(recipe, trainer, history, clock.Elapsed.TotalSeconds, checkpoints.Folder);
}

// ── cell-18 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Training the fully-connected GAN
//
// Watch the grid: it is redrawn about twenty times during the run, always from the same noise. The dotted lines are D's
// mean verdicts on real digits, D(x), and on forgeries, D(G(z)): at the equilibrium of chapter 02 both would sit at ½.
// The cell after the two training cells prints where they sat over the last fifth of each run.
ChapterApp.MarkdownCell("cell-18");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
var mlp = TrainDigitGan(mlpRecipe, mlpSteps, RunName("mlp"));

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Training the DCGAN
//
// The same loop for the convolutional pair (or, with `usePretrainedDcgan = true`, the shipped generator instead).
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
TrainedGan dcgan = null;
GeneratorNetwork dcganSampler;
if (usePretrainedDcgan)
{
    dcganSampler = DigitGan.LoadPretrained("../data/generator", device);
    Console.WriteLine($"Loaded the pretrained DCGAN generator from data/generator ({dcganSampler.parameters().Sum(p => p.numel()):N0} parameters); no training.");
    ChapterApp.Display(Samples(dcganSampler));
}
else
{
    dcgan = TrainDigitGan(dcganRecipe, dcganSteps, RunName("dcgan"));
    dcganSampler = dcgan.Sampler;
}

// ── cell-22 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Where D's verdicts sat
//
// The mean of each logged verdict over the last fifth of the run (the charts above show them step by step):
ChapterApp.MarkdownCell("cell-22");

// ── cell-23 (code) ───────────────────────────────────────────────────────────────────────────────
foreach (var run in new[] { mlp, dcgan }.Where(run => run is not null))
{
    var lastFifth = run.History.Skip(run.History.Count * 4 / 5).ToList();
    Console.WriteLine($"{run.Name}: D(x) {lastFifth.Average(point => point.OnReal):F2} on real digits, D(G(z)) {lastFifth.Average(point => point.OnGenerated):F2} on forgeries " +
        $"(steps {lastFifth[0].Step:N0}–{lastFifth[^1].Step:N0}, {lastFifth.Count} logged steps)");
}

// ── cell-24 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Memory over the run
//
// Each pass runs inside a dispose scope, so no tensor outlives its step; resident memory can still grow when glibc's
// `malloc` hands freed buffers back to the operating system and takes them again. `TorchSession.Start()` tells glibc
// to keep freed memory for reuse (its `Memory:` line; environment.md describes what that changed on our machine).
// Checkpoints copy every tensor into managed memory and collect the copies right after saving, so the curve can drop
// at a checkpoint. The cell prints, for each run, the resident memory at its first logged step, its highest and its
// last, and how much it changed between the first and the last checkpoint.
ChapterApp.MarkdownCell("cell-24");

// ── cell-25 (code) ───────────────────────────────────────────────────────────────────────────────
var memoryChart = new PlotlyChart("Resident memory during training", xTitle: "step", yTitle: "MiB");
foreach (var run in new[] { mlp, dcgan }.Where(run => run is not null))
{
    memoryChart.Line(run.Name, run.History.Select(point => point.Step), run.History.Select(point => point.ResidentMiB));
    var atCheckpoints = run.History.Where(point => point.Step % checkpointEvery == 0).ToList();
    var betweenCheckpoints = atCheckpoints.Count < 2 ? "fewer than two checkpoints" : $"{atCheckpoints[^1].ResidentMiB - atCheckpoints[0].ResidentMiB:+0;-0} MiB from step {atCheckpoints[0].Step:N0} to {atCheckpoints[^1].Step:N0}";
    Console.WriteLine($"{run.Name}: {run.History[0].ResidentMiB:F0} MiB at step {run.History[0].Step:N0}, at most {run.History.Max(point => point.ResidentMiB):F0}, {run.History[^1].ResidentMiB:F0} at the end; {betweenCheckpoints}");
}
ChapterApp.Display(memoryChart);

// ── cell-26 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Resuming an interrupted run
//
// A run stopped by a crash, a closed laptop or a kernel restart continues from its newest checkpoint: set `resumeRun` in
// the settings cell to the run's folder name and run the training cell again. Here we show what that does without
// training: a fresh trainer, pointed at the DCGAN's (or the MLP's) folder, picks up the step count where it stopped.
ChapterApp.MarkdownCell("cell-26");

// ── cell-27 (code) ───────────────────────────────────────────────────────────────────────────────
var resumableRun = dcgan ?? mlp;
var resumed = DigitGan.CreateTrainer(resumableRun.Recipe, device);
var resumedAt = new CheckpointFolder(resumableRun.RunFolder, checkpointEvery).ResumeLatest(resumed);
Console.WriteLine($"{resumableRun.Name}: a new trainer resumed at step {resumedAt:N0} of {resumableRun.Trainer.Step:N0}; its next TrainStep is step {resumed.Step + 1:N0}.");

// ── cell-28 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 7 — inspection
//
// ### By eye
//
// The same fixed noise through both generators, each beside the first 64 MNIST test digits (left: real, right:
// generated), and then the shipped generator of the opening picture, on the same noise.
ChapterApp.MarkdownCell("cell-28");

// ── cell-29 (code) ───────────────────────────────────────────────────────────────────────────────
var realDigits = test.Images.narrow(0, 0, 64);
ChapterApp.Display($"Real test digits | {mlp.Name}");
ChapterApp.Display(SideBySide.Images(realDigits, FixedNoiseDigits(mlp.Sampler)));
ChapterApp.Display($"Real test digits | DCGAN ({(dcgan is null ? "pretrained" : $"{dcgan.Trainer.Step:N0} steps")})");
ChapterApp.Display(SideBySide.Images(realDigits, FixedNoiseDigits(dcganSampler)));
ChapterApp.Display("Real test digits | shipped DCGAN (the opening picture)");
ChapterApp.Display(SideBySide.Images(realDigits, FixedNoiseDigits(DigitGan.LoadPretrained("../data/generator", device))));

// ── cell-30 (markdown) ───────────────────────────────────────────────────────────────────────────
// In our full run the fully-connected GAN's grid is mostly ones, with a few blurred shapes between them. The DCGAN's
// holds digits of every kind, most of them well formed and a few malformed; at this size they are hard to tell from the
// shipped generator's, which were trained six times as many steps. The numbers below say how far apart they are.
ChapterApp.MarkdownCell("cell-30");

// ── cell-31 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### By number
//
// Eyes are easily fooled by a handful of good samples. Following `EVALUATION.md`, a small digit classifier (shipped in
// `data/classifier/`, 99.16 % test accuracy) turns each image into 128 features, and we compare `evaluationSamples`
// generated digits (10,000 in full size) with as many test digits:
//
// * **digit-FID**: the Fréchet distance between Gaussians fitted to the two feature sets (lower is better), always next
//   to the **real-data floor**, the same statistic for as many *training* digits against the test set. "Good digits"
//   means ≤ 10× the floor.
// * **IS-style score**: how confidently and how evenly the classifier recognises the samples; the first line measures
//   real training digits (not the floor's) for comparison.
// * **Class histogram**: the share of each digit, with its KL divergence to uniform (≤ 0.02 is balanced).
// * **Precision / recall** (k = 3): the share of generated digits that land among real ones, and of real digits that the
//   generated ones cover. Precision is quality, recall is variety; mode collapse shows as low recall.
//
// Besides this notebook's two runs, the cell measures the DCGAN generator shipped in `data/generator/`: the same
// network trained for much longer by `tools/Digits train-gan`, with the training time from its record. Computing the floor
// takes a while in full size (features of 20,000 digits).
//
// The bar is set for 10,000 samples. At smoke size (1,000) the floor is higher and the neighbourhoods wider, so
// precision and recall read higher and a verdict says little; the report marks it "(set for 10,000 samples)".
ChapterApp.MarkdownCell("cell-31");

// ── cell-32 (code) ───────────────────────────────────────────────────────────────────────────────
var classifier = DigitClassifierWeights.Load("../data/classifier", device);
var clock = Stopwatch.StartNew();
var evaluator = DigitEvaluator.Create(classifier, train, test, evaluationSamples);
Console.WriteLine($"Real-data floor: digit-FID {evaluator.Floor:F2} ({evaluationSamples:N0} training digits against {evaluationSamples:N0} test digits, {clock.Elapsed.TotalSeconds:F0} s)");
var realReport = evaluator.Evaluate(train.Images.narrow(0, evaluationSamples, evaluationSamples));   // the next training digits, not the floor's
Console.WriteLine($"{"real training digits",-20}                          : {realReport}");

manual_seed(7);
var mlpReport = evaluator.Evaluate(DigitGan.Sample(mlp.Sampler, evaluationSamples, device));
var dcganReport = evaluator.Evaluate(DigitGan.Sample(dcganSampler, evaluationSamples, device));
Console.WriteLine($"{mlp.Name,-20} after {mlp.Trainer.Step,6:N0} steps ({mlp.Seconds,4:F0} s): {mlpReport}");
Console.WriteLine($"{"DCGAN",-20} after {(dcgan is null ? "pretrained" : $"{dcgan.Trainer.Step,6:N0} steps ({dcgan.Seconds,4:F0} s)")}: {dcganReport}");
// The generator shipped in data/generator: the same DCGAN trained much longer by tools/Digits train-gan. Its record
// (checked against SHA256SUMS) says how long that took; its numbers are measured here, like the others.
var shippedRun = JsonNode.Parse(ChecksumManifest.Read("../data/generator").ReadVerified("dcgan-generator.training.json"))!;
var shippedReport = usePretrainedDcgan
    ? dcganReport
    : evaluator.Evaluate(DigitGan.Sample(DigitGan.LoadPretrained("../data/generator", device), evaluationSamples, device));
var shippedSteps = (int)shippedRun["steps"]!;
var shippedMinutes = (double)shippedRun["training_seconds"]! / 60;
Console.WriteLine($"{"shipped DCGAN",-20} after {shippedSteps,6:N0} steps ({shippedMinutes:F0} min of training in its record): {shippedReport}");
Console.WriteLine($"Result: DCGAN digit-FID {dcganReport.Fid:F2} ({dcganReport.FidRatio:F1}× the floor {evaluator.Floor:F2}), class KL {dcganReport.Classes.KlToUniform:F3}, precision {dcganReport.Coverage.Precision:F3}, recall {dcganReport.Coverage.Recall:F3}; " +
    $"shipped DCGAN ({shippedSteps:N0} steps, {shippedMinutes:F0} min) digit-FID {shippedReport.Fid:F2} ({shippedReport.FidRatio:F1}×), class KL {shippedReport.Classes.KlToUniform:F3}, precision {shippedReport.Coverage.Precision:F3}, recall {shippedReport.Coverage.Recall:F3}; " +
    $"fully-connected GAN digit-FID {mlpReport.Fid:F2} ({mlpReport.FidRatio:F1}×), IS {mlpReport.Score.Mean:F2} (real digits {realReport.Score.Mean:F2})");

// ── cell-33 (code) ───────────────────────────────────────────────────────────────────────────────
var classChart = new PlotlyChart($"Class histogram of {evaluationSamples:N0} samples (the dashed line is a uniform 10 %)", xTitle: "digit", yTitle: "share");
foreach (var (name, report) in new[] { (mlp.Name, mlpReport), ("DCGAN", dcganReport) })
{
    classChart.Bars(name, Enumerable.Range(0, 10), report.Classes.Shares);
    var commonest = report.Classes.Shares.Select((share, digit) => (share, digit)).OrderByDescending(pair => pair.share).Take(3);
    Console.WriteLine($"{name}: the three commonest digits {string.Join(", ", commonest.Select(pair => $"{pair.digit} ({pair.share:P0})"))}; together {commonest.Sum(pair => pair.share):P0}");
}
classChart.Line("uniform", new[] { -0.5, 9.5 }, new[] { 0.1, 0.1 }, dash: "dash", color: "#555").Layout("barmode", "group");
ChapterApp.Display(classChart);

// ── cell-34 (markdown) ───────────────────────────────────────────────────────────────────────────
// What the numbers and the chart show, in the order of the printed lines (your numbers will differ a little from run to
// run):
//
// * The **fully-connected GAN collapsed** towards a few classes: its class KL is far above 0.02, the class line prints
//   its three commonest digits and their share (in our full run half its digits were ones), and its recall is near zero
//   while its precision is high (the digits it does draw land among real ones). Its IS-style score is well below that of
//   the `real training digits` line: the score sees a collapse **across** classes. It would not see a collapse
//   **inside** a class (a generator that draws one perfect image of each digit); exercise 1 measures that.
// * This run alone does not say that dense layers are the cause. Ours differs from the article's keras_adversarial
//   example in more than its layers: besides the batch normalisation and dropout left out above, the example trains with
//   Adam at 1e-4 for G and 1e-3 for D, each with a learning-rate decay (ours: the DCGAN paper's 2e-4 for both, as the
//   settings cell prints), L1/L2 weight regularisation (ours: none), both networks updated on the same batch at once
//   (ours: chapter 03's two passes), batch 32 (ours: 64) and 100 epochs (ours: `mlpSteps` steps of 64 digits, about 5
//   epochs in full size). Exercise 2 tries the example's two learning rates alone.
// * The **DCGAN** after `dcganSteps` steps has every class and a recall far above the fully-connected GAN's. In our full
//   run it met the course's bar: digit-FID 2.1× the floor, class KL 0.003, precision 0.717 and recall 0.854, after 24
//   minutes of training. The shipped generator, trained 60,000 steps with the earlier recipe, measured about the same
//   (2.0×, precision 0.708). Precision is the number closest to its limit of 0.7: with another seed or thread count it
//   can land a little lower. The table of how the shipped generator got there is in
//   [data/generator/README.md](../data/generator/README.md).
ChapterApp.MarkdownCell("cell-34");

// ── why-this-recipe (markdown) ───────────────────────────────────────────────────────────────────
// ### Why this recipe: quality against training time
//
// The DCGAN's recipe (the settings cell prints it) was chosen by measuring. Each recipe we tried was trained by
// `tools/Digits train-gan` and measured every 1,000 steps like the cell above does. The charts are **our runs, not this
// notebook's**, read from `data/generator/recipe-trials.json` (checked against its `SHA256SUMS`). Their minutes are steps
// divided by each recipe's step rate on our idle 2-core machine, because the runs themselves shared the machine.
// `data/generator/README.md` has the table and the commands. What to look for: dropping the dropout and adding the R1
// penalty makes each step cheaper *and* better; higher learning rates reach a given digit-FID sooner; a wider
// discriminator costs more per step and learns more per step. Precision is the last number to reach the bar in every recipe.
//
// This chapter's recipe is **F**: dropout 0, R1 with γ = 1, rates of 1e-3 and a discriminator of width 64. We trained it
// with two seeds, 2026 (F) and 7 (F7). At 8,000 steps F met the whole bar and F7 missed it by 0.003 in precision; at
// 9,000 and 10,000 steps both met it, and at 10,000 both stood at 2.1× the floor with precision 0.720. So the recipe
// trains for 10,000 steps, about 22 minutes on our idle machine. No recipe we tried met the bar within 10 minutes: at
// 10 minutes precision was still 0.65–0.67.
ChapterApp.MarkdownCell("why-this-recipe");

// ── recipe-trials-chart (code) ───────────────────────────────────────────────────────────────────
// Our runs of the recipes tried (data/generator/recipe-trials.json, checked against SHA256SUMS), not this notebook's.
var trials = JsonNode.Parse(ChecksumManifest.Read("../data/generator").ReadVerified("recipe-trials.json"))!;
const double shownMinutes = 30;
var fidChart = new PlotlyChart("Our runs: digit-FID ÷ floor against minutes of training on 2 idle cores (dashed: the bar)", xTitle: "minutes", yTitle: "digit-FID ÷ floor").LogY();
var precisionChart = new PlotlyChart("Our runs: precision (k = 3) against minutes of training (dashed: the bar)", xTitle: "minutes", yTitle: "precision");
foreach (var variant in trials["variants"]!.AsArray().Select(node => node!))
{
    var rate = (double)variant["steps_per_second"]!;   // steps/s of this recipe on the idle machine
    var points = variant["evaluations"]!.AsArray().Select(node => node!).Where(point => (int)point["step"]! / rate / 60 <= shownMinutes).ToList();
    var minutes = points.Select(point => (int)point["step"]! / rate / 60).ToList();
    var name = $"{(string)variant["key"]!}: {(string)variant["name"]!}";
    fidChart.Line(name, minutes, points.Select(point => (double)point["fid_ratio"]!));
    precisionChart.Line(name, minutes, points.Select(point => (double)point["precision"]!));
}
fidChart.Line("bar: 10× the floor", new[] { 0.0, shownMinutes }, new[] { 10.0, 10.0 }, dash: "dash", color: "black");
precisionChart.Line("bar: 0.7", new[] { 0.0, shownMinutes }, new[] { 0.7, 0.7 }, dash: "dash", color: "black");
ChapterApp.Display(fidChart);
ChapterApp.Display(precisionChart);

// ── cell-35 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Is it copying?
//
// A generator that memorised its training set would score well on every number above. So for a few DCGAN samples we look
// up the nearest training digit, in pixel space (all 60,000) and in the classifier's feature space (the first
// 10,000 in full size): top row the samples, then the nearest by pixels, then the nearest by features. Near-copies would
// look identical and sit at a much smaller distance than real test digits sit from their nearest training digit (the
// second printed line).
ChapterApp.MarkdownCell("cell-35");

// ── cell-36 (code) ───────────────────────────────────────────────────────────────────────────────
manual_seed(11);
var probe = DigitGan.Sample(dcganSampler, 8, device);
var pixelNeighbours = NearestNeighbours.Find(probe.flatten(1), train.Images.flatten(1));
var searched = CourseSize.Pick(full: 10_000, smoke: 2_000);
var featureNeighbours = NearestNeighbours.Find(evaluator.Features(probe), evaluator.Features(train.Images.narrow(0, 0, searched)));
var realToReal = NearestNeighbours.Find(test.Images.narrow(0, 0, 8).flatten(1), train.Images.flatten(1));
Console.WriteLine($"pixel distance to the nearest training digit: samples {string.Join(", ", pixelNeighbours.Select(n => n.Distance.ToString("F2")))}");
Console.WriteLine($"for comparison, 8 test digits to their nearest training digit: {string.Join(", ", realToReal.Select(n => n.Distance.ToString("F2")))}");
var rows = cat(new[]
{
    probe,
    train.Images.index_select(0, from_array(pixelNeighbours.Select(n => n.Index).ToArray(), device: device)),
    train.Images.index_select(0, from_array(featureNeighbours.Select(n => n.Index).ToArray(), device: device)),
}, 0);
ChapterApp.Display(ImageGrid.ToPng(rows, columns: 8, scale: 3));

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// Compare the two printed lines: if the samples' distances are of the same size as the test digits' (or larger), and the
// rows below the samples show different drawings, the generator is not handing back training digits.
ChapterApp.MarkdownCell("cell-37");

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// Numbers from our full run on the idle 2-core machine (10,000 samples per measurement). GanKit's thread policy chose
// the thread counts, and another thread count changes the last bits of the arithmetic, so a rerun's numbers differ a
// little; `GANKIT_THREADS=1` repeats a run exactly.
//
// * MNIST's 60,000 training and 10,000 test digits load from `data/mnist/`; `PngFolderDataset` writes and reads the
//   article's folder-of-PNGs format (32 digits back with a largest pixel difference of 0).
// * The article's fully-connected layers make a generator of 1,486,352 parameters and a discriminator of 1,460,225; the
//   DCGAN's have 919,681 and 431,553 (its discriminator twice as wide as its generator). Both are built from the recipes in the settings cell and trained by chapter 03's
//   `GanTrainer`, with a fixed noise batch for the pictures, a weight average of G and checkpoints that a new trainer
//   resumes from.
// * Over the last fifth of each run, the fully-connected GAN's D stayed far ahead (mean D(x) 0.79 on real digits,
//   D(G(z)) 0.23 on forgeries); the DCGAN's verdicts sat near ½ (0.51 and 0.49).
// * Against the real-data floor of 1.61 (real training digits: IS-style score 9.86, precision 0.86, recall 0.87): the
//   fully-connected GAN collapsed after its 5,000 steps (52 % of its digits ones, class KL 0.72, recall 0.009, IS 3.7,
//   digit-FID 214× the floor); the DCGAN, after 10,000 steps and 1,444 s of training, met the bar at 2.1× the floor,
//   class KL 0.003, precision 0.717 and recall 0.854; the shipped generator, trained for 60,000 steps with the earlier
//   recipe, measured 2.0× the floor, class KL 0.003, precision 0.708 and recall 0.855.
// * No sign of copying: eight DCGAN samples lie 2.5–6.3 from their nearest training digit in pixel space, eight test
//   digits 1.2–5.1 from theirs.
// * Resident memory rose between checkpoints and fell back at each; from the first to the last checkpoint it changed by
//   +17 MiB (fully-connected GAN) and +16 MiB (DCGAN).
// * The chapter uses GanKit's `DigitGan` and `DigitGanRecipe`, `GanTrainer`, `ExponentialMovingAverage`,
//   `CheckpointFolder`, `DigitEvaluator`, `NearestNeighbours` and `SideBySide`; the terminal runs behind the recipe and
//   the shipped generator are described in [data/generator/README.md](../data/generator/README.md).
ChapterApp.MarkdownCell("cell-38");

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Exercises
//
// Each exercise has a cell for your code and answer and a cell that checks it against what your code computed. They
// run in smoke size too (`GANKIT_SMOKE=1`), with numbers that mean little there.
ChapterApp.MarkdownCell("cell-39");

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** A collapse the IS-style score cannot see. Make `collapsed1`, a set of `evaluationSamples` digits that holds
// only **ten different images**: one real training digit of each class 0–9, repeated one after another (all ten, all ten
// again, …; `repeat` does that, and `train.Labels` says which digit is which). Measure it with `evaluator.Evaluate` and
// store its IS-style score (`Score.Mean`) in `answer1`. Compare it with the score on the evaluation cell's
// `real training digits` line: which of the report's other numbers show that this set is collapsed, and why does the
// score not?
ChapterApp.MarkdownCell("cell-40");

// ── cell-41 (code) ───────────────────────────────────────────────────────────────────────────────
Tensor collapsed1 = null;   // evaluationSamples images (N, 1, 28, 28) in [0, 1]: ten different ones, one per digit, repeated
double? answer1 = null;     // its IS-style score, evaluator.Evaluate(collapsed1).Score.Mean

// ── cell-42 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var firstOfEachDigit = Enumerable.Range(0, 10).Select(digit => train.Labels.eq(digit).nonzero()[0, 0].item<long>()).ToArray();
// var collapsed1 = train.Images.index_select(0, from_array(firstOfEachDigit, device: device)).repeat(evaluationSamples / 10, 1, 1, 1);
// double? answer1 = evaluator.Evaluate(collapsed1).Score.Mean;
// ```
//
// In our full run the ten images scored 9.97, above the real digits' 9.86: the classifier reads each of them confidently and the ten classes are equally common, and that is all the score looks at (p(y|x) and p(y)). Recall 0.000, precision 1.000 and digit-FID 108× the floor show the collapse: a repeated image's nearest neighbours are its own copies, so no real digit falls inside a generated one's neighbourhood.
//
// </details>
ChapterApp.MarkdownCell("cell-42");

// ── cell-43 (code) ───────────────────────────────────────────────────────────────────────────────
const string hint1 = "take the first index of each digit in train.Labels (eq(digit).nonzero()), index_select those ten images from train.Images, repeat(evaluationSamples / 10, 1, 1, 1), then evaluator.Evaluate(…).Score.Mean.";
if (answer1 is null || collapsed1 is null)
{
    Exercise.Check("1", answer1, expected: 0, tolerance: 0, hint: hint1);
}
else
{
    var distinct1 = collapsed1.flatten(1).unique(dim: 0).output.shape[0];
    var digits1 = ClassBalance.FromPredictions(evaluator.Classify(collapsed1));
    if (collapsed1.shape[0] != evaluationSamples || distinct1 > 10 || digits1.Counts.Any(count => count == 0))
    {
        throw new ExerciseException($"Exercise 1: not yet. collapsed1 should hold {evaluationSamples:N0} images, only ten different ones, one of each digit; it holds {collapsed1.shape[0]:N0} images, {distinct1} different, and the classifier finds {digits1.Counts.Count(count => count > 0)} of the ten digits in it. Hint: {hint1}");
    }

    var report1 = evaluator.Evaluate(collapsed1);
    Exercise.Check("1", answer1, expected: report1.Score.Mean, tolerance: 0.01, hint: hint1);
    Console.WriteLine($"ten images: {report1}");
}

// ── cell-44 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** Is it the architecture? Retrain the fully-connected GAN for `mlpSteps` steps with the article's example's
// learning rates, **1e-4 for the generator and 1e-3 for the discriminator**, and nothing else changed: pass
// `mlpRecipe with { Options = mlpRecipe.Options with { … } }` to `TrainDigitGan` (with `RunName("mlp-rates")`; about
// 5 minutes in full size) and keep what it returns in `retrained2`. Then measure `evaluationSamples` of its
// digits as the evaluation cell does (`manual_seed(7)` first, then `DigitGan.Sample` and `evaluator.Evaluate`) and store
// the class KL to uniform (`Classes.KlToUniform`) in `answer2`. Compare it, the class line and the recall with the first
// run's: did the learning rates change the collapse?
ChapterApp.MarkdownCell("cell-44");

// ── cell-45 (code) ───────────────────────────────────────────────────────────────────────────────
TrainedGan retrained2 = null;   // the fully-connected GAN retrained with G 1e-4 and D 1e-3
double? answer2 = null;         // its class KL to uniform on evaluationSamples digits (manual_seed(7) before sampling)

// ── cell-46 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var retrained2 = TrainDigitGan(mlpRecipe with { Options = mlpRecipe.Options with { GeneratorLearningRate = 1e-4, DiscriminatorLearningRate = 1e-3 } }, mlpSteps, RunName("mlp-rates"));
// manual_seed(7);
// var report2 = evaluator.Evaluate(DigitGan.Sample(retrained2.Sampler, evaluationSamples, device));
// double? answer2 = report2.Classes.KlToUniform;
// Console.WriteLine($"first run:  {mlpReport}");
// Console.WriteLine($"G 1e-4, D 1e-3: {report2}");
// ```
//
// In our full run (321 s of training) the example's two learning rates alone made the collapse worse, not better: class KL 2.03 against 0.63, nearly every digit a one (IS 1.27, recall 0.012). So these rates are not what keeps the example's GAN from collapsing; its other differences (batch normalisation, dropout, the rate decay, regularisation, batch 32, 100 epochs) stay untested here, and this is one run with one seed.
//
// </details>
ChapterApp.MarkdownCell("cell-46");

// ── cell-47 (code) ───────────────────────────────────────────────────────────────────────────────
const string hint2 = "TrainDigitGan(mlpRecipe with { Options = mlpRecipe.Options with { GeneratorLearningRate = 1e-4, DiscriminatorLearningRate = 1e-3 } }, mlpSteps, RunName(\"mlp-rates\")), then manual_seed(7), DigitGan.Sample(retrained2.Sampler, evaluationSamples, device), evaluator.Evaluate and Classes.KlToUniform.";
if (answer2 is null || retrained2 is null)
{
    Exercise.Check("2", answer2, expected: 0, tolerance: 0, hint: hint2);
}
else
{
    var options2 = retrained2.Recipe.Options;
    if (retrained2.Recipe.Model != DigitGanModel.Mlp || options2.GeneratorLearningRate != 1e-4 || options2.DiscriminatorLearningRate != 1e-3 || retrained2.Trainer.Step < mlpSteps)
    {
        throw new ExerciseException($"Exercise 2: not yet. retrained2 should be the fully-connected GAN trained {mlpSteps:N0} steps with G 1e-4 and D 1e-3; it is the {retrained2.Name} after {retrained2.Trainer.Step:N0} steps with G {options2.GeneratorLearningRate:G3} and D {options2.DiscriminatorLearningRate:G3}. Hint: {hint2}");
    }

    manual_seed(7);
    var measured2 = evaluator.Evaluate(DigitGan.Sample(retrained2.Sampler, evaluationSamples, device));
    Exercise.Check("2", answer2, expected: measured2.Classes.KlToUniform, tolerance: 0.002, hint: hint2);
}

// ── cell-48 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** What does the weight average do here? Everything above samples the DCGAN from its weight average
// (`dcgan.Sampler`); the generator that the optimizer actually trained is `dcgan.Trainer.Generator`. Measure
// `evaluationSamples` digits of **that** generator as the evaluation cell measures the average (`manual_seed(7)` first)
// and store its digit-FID as a multiple of the floor (`FidRatio`) in `answer3`. Is the average better or worse, and by
// how much? Why can an average of weights that no training step ever produced draw better digits than the weights of
// the last step? (This needs this notebook's DCGAN run: `usePretrainedDcgan = false`.)
ChapterApp.MarkdownCell("cell-48");

// ── cell-49 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer3 = null;   // digit-FID ÷ floor of dcgan.Trainer.Generator's digits (manual_seed(7) before sampling)

// ── cell-50 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// manual_seed(7);
// var report3 = evaluator.Evaluate(DigitGan.Sample(dcgan.Trainer.Generator, evaluationSamples, device));
// double? answer3 = report3.FidRatio;
// Console.WriteLine($"trained generator: {report3}");
// Console.WriteLine($"weight average:    {dcganReport}");
// ```
//
// In our full run (measured with this code on the run's last checkpoint) the trained generator measured 5.6× the floor (class KL 0.006, precision 0.736, recall 0.799) and its average 2.1× (class KL 0.003, precision 0.717, recall 0.854): the average was clearly better in digit-FID and recall, while the trained generator's digits were a little more often inside the real ones' neighbourhoods (precision). Late in a run the generator's weights keep circling around a point rather than settling on it, each step a little off in another direction; their average lies closer to that point than any one of them (Yazıcı et al. 2019).
//
// </details>
ChapterApp.MarkdownCell("cell-50");

// ── cell-51 (code) ───────────────────────────────────────────────────────────────────────────────
const string hint3 = "manual_seed(7), then evaluator.Evaluate(DigitGan.Sample(dcgan.Trainer.Generator, evaluationSamples, device)).FidRatio.";
if (answer3 is null)
{
    Exercise.Check("3", answer3, expected: 0, tolerance: 0, hint: hint3);
}
else if (dcgan is null)
{
    throw new ExerciseException("Exercise 3: not yet. This exercise measures this notebook's DCGAN run: set usePretrainedDcgan = false in the settings cell and run the notebook again.");
}
else
{
    manual_seed(7);
    var measured3 = evaluator.Evaluate(DigitGan.Sample(dcgan.Trainer.Generator, evaluationSamples, device));
    Exercise.Check("3", answer3, expected: measured3.FidRatio, tolerance: 0.01, hint: hint3);
}

// ── cell-52 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * A. Radford, L. Metz, S. Chintala, *Unsupervised Representation Learning with Deep Convolutional GANs*, 2015.
// * M. Heusel et al., *GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash Equilibrium*, 2017 (FID).
// * T. Kynkäänniemi et al., *Improved Precision and Recall Metric for Assessing Generative Models*, 2019.
// * T. Karras et al., *Progressive Growing of GANs*, 2018, and Y. Yazıcı et al., *The Unusual Effectiveness of Averaging
//   in GAN Training*, 2019 (the weight average).
// * L. Mescheder, A. Geiger, S. Nowozin, *Which Training Methods for GANs do actually Converge?*, 2018 (the R1 penalty,
//   which this chapter's recipe uses from the first step and the shipped generator's last 8,000 steps used).
// * M. Lucic et al., *Are GANs Created Equal? A Large-Scale Study*, 2018.
// * [data/generator/README.md](../data/generator/README.md): how the shipped generator was trained, its numbers along
//   the way, and the terminal experiments behind this chapter's recipe.
ChapterApp.MarkdownCell("cell-52");

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-16:
// What the training loop records every 10 steps: the game (GanKit's GameRecord: losses and D's verdicts) and the
// process's resident memory.
record HistoryPoint(GameRecord Game, double ResidentMiB)
{
    public int Step => Game.Step;
    public double OnReal => Game.OnReal;
    public double OnGenerated => Game.OnGenerated;
}

// From cell-16:
record TrainedGan(DigitGanRecipe Recipe, GanTrainer Trainer, List<HistoryPoint> History, double Seconds, string RunFolder)
{
    public string Name => Recipe.Name;
    public GeneratorNetwork Sampler => Trainer.Sampler;   // the weight average
}
// Written by tools/ChapterApps; the SHA-256 of the lines above: b6316e238cf6c0737793474f05d370c79dbcb3ae9d7c17c708f9e617f00be979
