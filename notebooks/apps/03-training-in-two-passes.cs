// Chapter "03 — Training in two passes" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../03-training-in-two-passes.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/03-training-in-two-passes.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/03-training-in-two-passes.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Experiments;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;

ChapterApp.Start("../03-training-in-two-passes.ipynb", "03 — Training in two passes");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 03 — Training in two passes
//
// > How is a GAN actually trained, step by step?
ChapterApp.MarkdownCell("cell-00");

// ── cell-01 (markdown) ───────────────────────────────────────────────────────────────────────────
// ![D's decision surface after the author's full run of this chapter (4,000 steps): the generated points (orange) reach all eight real clusters (dark), but unevenly, with trails of forgeries between them where D says "generated" (red); D's verdict is near ½ on the well-covered clusters and bluer ("real") on those the generator reaches least](images/03-decision-surface.png)
//
// The article trains a GAN in two alternating passes: *fix the generator and train the discriminator; fix the
// discriminator and train the generator.* This chapter writes those passes out once in full, checks that GanKit's
// trainer does exactly the same, then watches a 2-D GAN learn while its discriminator's verdict is drawn over the
// whole plane (the picture GAN Lab shows in a browser), and finally turns the three main knobs of training over several
// seeds.
ChapterApp.MarkdownCell("cell-01");

// ── cell-02 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Setting up
//
// As in every chapter: load GanKit and TorchSharp from the repository's build folder (build it once with
// `dotnet build lib/GanKit` if this cell cannot find them), then start TorchSharp.
ChapterApp.MarkdownCell("cell-02");

// ── cell-03 (code) ───────────────────────────────────────────────────────────────────────────────
// (The notebook's #r lines: this app references GanKit, and TorchSharp with it, by #:project at the top.)

// ── cell-04 (code) ───────────────────────────────────────────────────────────────────────────────
var session = TorchSession.Start();
var device = session.Device;
Console.WriteLine(CourseSize.Describe());

// ── cell-05 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The settings
//
// Everything a reader may want to change is here: the data, the networks, the two training runs, and the knob
// experiments with their seeds. The smoke size changes only step counts and the number of seeds (and lets its short
// run pass the coverage check). The knob experiments run their seeds one after another; each run draws all its randomness
// from a generator of its own, so its numbers do not depend on what ran before it.
ChapterApp.MarkdownCell("cell-05");

// ── cell-06 (code) ───────────────────────────────────────────────────────────────────────────────
var target = GaussianMixture2D.Ring(modes: 8, radius: 2, standardDeviation: 0.05);
const int NoiseSize = 8;
int[] hidden = [128, 128, 128];                  // G and D: three hidden layers, leaky ReLU between them
const int BatchSize = 256;
const double LearningRate = 2e-4;                // both networks; Adam with β1 = 0.5, β2 = 0.999, as in the DCGAN paper
const int ModelSeed = 7, LoopSeed = 11, TrainingSeed = 12;
var handSteps = CourseSize.Pick(full: 500, smoke: 50);          // the hand-written loop, and GanKit's trainer beside it
var trainingSteps = CourseSize.Pick(full: 4_000, smoke: 300);   // the run watched live
var livePictureEvery = CourseSize.Pick(full: 250, smoke: 100);
const int SampleCount = 2_500;                   // the protocol's number of samples per measurement

// The knob experiments: a smaller GAN, one knob changed at a time from the baseline, over several seeds.
int[] knobSeeds = CourseSize.Pick<int[]>(full: [1, 2, 3, 4], smoke: [1, 2]);
var knobSteps = CourseSize.Pick(full: 1_500, smoke: 100);
var measureEvery = CourseSize.Pick(full: 100, smoke: 25);
int[] knobHidden = [64, 64, 64];
var knobBaseline = new GanTrainerOptions { BatchSize = 128, GeneratorLearningRate = LearningRate, DiscriminatorLearningRate = LearningRate, Loss = GanLoss.NonSaturating };
int[] discriminatorStepChoices = [1, 2, 5];
double[] learningRateChoices = [5e-5, 2e-4, 1e-3, 2e-2];
int[] batchSizeChoices = [32, 128, 512];

var plotLimit = Math.Ceiling(target.Centers(device).abs().max().to(CPU).item<float>() + 1);   // the charts' range: ± this
Console.WriteLine($"target: {target}; knob experiments: {knobSteps:N0} steps per run on seeds [{string.Join(", ", knobSeeds)}]");

// ── cell-07 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The article's seven steps
//
// 1. **Define the problem**: what should be generated?
// 2. **Choose the architecture** of G and D.
// 3. **Train D on real data**: D should say "real".
// 4. **Train D on generated data**: D should say "fake". (3 and 4 together are *pass 1*, with G fixed.)
// 5. **Train G from D's output**: G should make D say "real". (*Pass 2*, with D fixed.)
// 6. **Repeat** 3–5.
// 7. **Inspect by hand** whether the generated data look real.
ChapterApp.MarkdownCell("cell-07");

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 1: the problem
//
// A ring of eight Gaussians in the plane: radius 2, standard deviation 0.05. It is the classic test for whether a GAN
// finds *every* mode of the data or only some (chapter 04 measures that in earnest).
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
manual_seed(1);
var realPreview = target.Sample(1_000, device);
var realPoints = realPreview.to(CPU).data<float>().ToArray();
Console.WriteLine($"target: {target}; a sample has shape [{string.Join(", ", realPreview.shape)}]");
ChapterApp.Display(new PlotlyChart($"Step 1: the data, {realPreview.shape[0]:N0} samples of a {target.Name}", xTitle: "x₁", yTitle: "x₂", height: 460)
    .Markers("real", realPoints.Where((_, i) => i % 2 == 0), realPoints.Where((_, i) => i % 2 == 1), size: 3, color: DecisionSurface.RealColor)
    .XRange(-plotLimit, plotLimit).YRange(-plotLimit, plotLimit).EqualAspect());

// ── cell-10 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 2: the architecture
//
// Both networks are multilayer perceptrons from GanKit: G maps `NoiseSize` noise numbers to a point, D maps a point to a
// raw score (a logit; D(x) = σ(score), as in chapter 02). The hidden layers are set in the settings cell (`hidden`), with
// leaky ReLU between them.
ChapterApp.MarkdownCell("cell-10");

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
(MlpGenerator Generator, MlpDiscriminator Discriminator) CreateModels(int seed, int[] layers)
{
    manual_seed(seed);
    return (new MlpGenerator(NoiseSize, outputSize: 2, hidden: layers).to(device),
            new MlpDiscriminator(inputSize: 2, hidden: layers).to(device));
}

var (generator, discriminator) = CreateModels(ModelSeed, hidden);
var noise = randn(5, NoiseSize, device: device);
var points = generator.call(noise);
var scores = discriminator.call(points);
Console.WriteLine($"G's layers: {string.Join(" → ", generator.modules().Where(module => !module.children().Any()).Select(module => module.GetType().Name))}");
Console.WriteLine($"G: {generator.parameters().Sum(p => p.numel()):N0} parameters, noise [{string.Join(", ", noise.shape)}] → points [{string.Join(", ", points.shape)}]");
Console.WriteLine($"D: {discriminator.parameters().Sum(p => p.numel()):N0} parameters, points [{string.Join(", ", points.shape)}] → scores [{string.Join(", ", scores.shape)}]");
if (!scores.shape.SequenceEqual(new long[] { 5, 1 })) throw new Exception("D should give one score per point.");

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Steps 3–6, written out in full
//
// One training step is one pass 1 and one pass 2. Every line that matters is labelled with the article's step. Two
// details make "fix G" and "fix D" literal:
//
// * in pass 1 the forgeries are made under `no_grad()`, so D's loss cannot send any gradient into G;
// * in pass 2 D's parameters are frozen (`requires_grad = false`) while G's loss flows *through* D into G.
//
// Every step runs in a dispose scope, so the native memory of its tensors is freed when the step ends.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
var (handGenerator, handDiscriminator) = CreateModels(ModelSeed, hidden);
var handGeneratorOptimizer = optim.Adam(handGenerator.parameters(), LearningRate, 0.5, 0.999);
var handDiscriminatorOptimizer = optim.Adam(handDiscriminator.parameters(), LearningRate, 0.5, 0.999);
var handLosses = new List<(double Discriminator, double Generator)>();

// ── cell-14 (code) ───────────────────────────────────────────────────────────────────────────────
manual_seed(LoopSeed);
for (var step = 1; step <= handSteps; step++)                                                  // Step 6: repeat
{
    using var scope = NewDisposeScope();

    // ---- Pass 1: fix G, train D ----
    var real = target.Sample(BatchSize, device);                                                // Step 3: a batch of real data …
    Tensor forged;
    using (no_grad()) forged = handGenerator.call(randn(BatchSize, NoiseSize, device: device));  // Step 4: … and forgeries; G fixed
    // D maximises log D(x) + log(1 − D(G(z))): minimise softplus(−s_real) + softplus(s_forged).
    var discriminatorLoss = nn.functional.softplus(-handDiscriminator.call(real)).mean() + nn.functional.softplus(handDiscriminator.call(forged)).mean();
    handDiscriminatorOptimizer.zero_grad();
    discriminatorLoss.backward();
    handDiscriminatorOptimizer.step();

    // ---- Pass 2: fix D, train G ----
    foreach (var parameter in handDiscriminator.parameters()) parameter.requires_grad = false; // D fixed
    var freshForgeries = handGenerator.call(randn(BatchSize, NoiseSize, device: device));
    // Step 5: G minimises −log D(G(z)) (the non-saturating loss of chapter 02).
    var generatorLoss = nn.functional.softplus(-handDiscriminator.call(freshForgeries)).mean();
    handGeneratorOptimizer.zero_grad();
    generatorLoss.backward();
    handGeneratorOptimizer.step();
    foreach (var parameter in handDiscriminator.parameters()) parameter.requires_grad = true;

    handLosses.Add((discriminatorLoss.item<float>(), generatorLoss.item<float>()));
}
Console.WriteLine($"{handSteps} steps by hand; last losses: D {handLosses[^1].Discriminator:F4}, G {handLosses[^1].Generator:F4}");

// ── cell-15 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The same loop, extracted into GanKit
//
// From now on the course calls `GanTrainer`: `TrainDiscriminator` is pass 1, `TrainGenerator` is pass 2, `TrainStep`
// runs k passes 1 and one pass 2, and the knobs live in one `GanTrainerOptions` record whose defaults come from the
// papers. The extraction must not change anything. Same initial weights, same seed, same number of steps: the losses
// and the final weights must be identical, bit for bit.
ChapterApp.MarkdownCell("cell-15");

// ── cell-16 (code) ───────────────────────────────────────────────────────────────────────────────
var (extractedGenerator, extractedDiscriminator) = CreateModels(ModelSeed, hidden);
var options = new GanTrainerOptions
{
    BatchSize = BatchSize,
    GeneratorLearningRate = LearningRate,
    DiscriminatorLearningRate = LearningRate,
    Loss = GanLoss.NonSaturating,
};
var extracted = new GanTrainer(extractedGenerator, extractedDiscriminator, options, device);
Console.WriteLine($"options: {options}");

manual_seed(LoopSeed);
var extractedLosses = new List<(double Discriminator, double Generator)>();
for (var step = 1; step <= handSteps; step++)
{
    var result = extracted.TrainStep(() => target.Sample(BatchSize, device));
    extractedLosses.Add((result.Discriminator.Loss, result.Generator.Loss));
}

var largestLossDifference = handLosses.Zip(extractedLosses, (a, b) => Math.Max(Math.Abs(a.Discriminator - b.Discriminator), Math.Abs(a.Generator - b.Generator))).Max();
var sameWeights = handGenerator.parameters().Zip(extractedGenerator.parameters(), (a, b) => a.eq(b).all().item<bool>()).All(same => same)
    && handDiscriminator.parameters().Zip(extractedDiscriminator.parameters(), (a, b) => a.eq(b).all().item<bool>()).All(same => same);
Console.WriteLine($"largest loss difference over {handSteps} steps: {largestLossDifference}; identical weights: {sameWeights}");
if (largestLossDifference != 0 || !sameWeights) throw new Exception("GanTrainer should reproduce the hand-written loop exactly.");

// ── cell-17 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Watching D's decision surface
//
// Now a longer run with the trainer. The heat map is D's verdict at every point of the plane: blue where D says
// "real", red where it says "generated", white where it cannot tell (½). Real points are dark, generated ones orange.
// What to expect: at first the orange blob sits near the middle, D paints a red region around it and blue around the
// ring, and the gradient of D pushes the orange points outwards towards the blue. Where the generator covers a cluster,
// the colour under it fades towards white. The picture updates in place while it trains; snapshots at chosen steps stay
// below it, each with its numbers: how far the generated points are on average from the centre of their nearest
// cluster (real points: about σ·√(π/2), σ the clusters' standard deviation), and D's mean verdict on them and on real
// points.
ChapterApp.MarkdownCell("cell-17");

// ── cell-18 (code) ───────────────────────────────────────────────────────────────────────────────
var trainer = new GanTrainer(generator, discriminator, options, device);
var fixedNoise = trainer.SampleNoise(1_000);                                  // the same noise for every picture
var realForPictures = target.Sample(1_000, device);
var snapshotSteps = new SortedSet<int> { 0, trainingSteps / 16, trainingSteps / 4, trainingSteps };
var snapshotNumbers = new List<(int Step, double Distance, double OnReal, double OnGenerated)>();
var centers = target.Centers(device);
double MeanDistance(Tensor samples) { var (nearest, _) = cdist(samples, centers).min(1); return nearest.mean().item<float>(); }   // to the nearest cluster's centre

PlotlyChart Surface(string title, int? snapshotStep = null)
{
    using var noGradient = no_grad();
    using var scope = NewDisposeScope();
    var generated = generator.call(fixedNoise);
    double Verdict(Tensor samples) => nn.functional.sigmoid(discriminator.call(samples)).mean().item<float>();
    if (snapshotStep is int step) snapshotNumbers.Add((step, MeanDistance(generated), Verdict(realForPictures), Verdict(generated)));
    return DecisionSurface.Chart(title, x => nn.functional.sigmoid(discriminator.call(x)), realForPictures, generated, -plotLimit, plotLimit);
}

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
var history = new List<GameRecord>();
var snapshots = new List<PlotlyChart> { Surface("Step 0: before training", snapshotStep: 0) };
var progress = new TrainingProgress("2-D GAN on the ring", trainingSteps);
manual_seed(TrainingSeed);
for (var step = 1; step <= trainingSteps; step++)
{
    var result = trainer.TrainStep(() => target.Sample(BatchSize, device));
    if (step % 10 == 0) history.Add(GameRecord.Of(result));
    if (snapshotSteps.Contains(step)) snapshots.Add(Surface($"Step {step:N0}", snapshotStep: step));
    if (progress.IsDue(step))
    {
        var picture = step % livePictureEvery == 0 || step == trainingSteps ? Surface($"Step {step:N0} (live)") : null;
        progress.Report(step, picture, ("D loss", result.Discriminator.Loss), ("G loss", result.Generator.Loss), ("D(x)", result.Discriminator.VerdictOnReal), ("D(G(z))", result.Discriminator.VerdictOnGenerated));
    }
}

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// The snapshots, kept as they were at their step, and their numbers. In the author's full run the generated points'
// mean distance to their nearest cluster fell at every snapshot, though at the end it was still more than twice the real
// points' (the trails between clusters), while D's mean verdicts on real and generated points had not met at ½: the
// trails, which D marks "generated", and the thinly covered clusters, which it still marks "real", keep them apart. The
// next cell counts how thinly.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
foreach (var snapshot in snapshots) ChapterApp.Display(snapshot);
var realDistance = MeanDistance(realForPictures);
foreach (var (step, distance, onReal, onGenerated) in snapshotNumbers)
{
    Console.WriteLine($"step {step,6:N0}: generated points {distance:F3} from their nearest cluster's centre on average (real points {realDistance:F3}); D's mean verdict on them {onGenerated:F2}, on real points {onReal:F2}");
}

// ── cell-22 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Did the generator cover the ring? A check by number
//
// By eye is not enough. The standard protocol (chapter 04 uses it throughout) draws 2,500 generated points and calls a
// point **high quality** when it lies within 3σ of its nearest mode, a mode **captured** when at least one high-quality
// point lands on it, and compares the modes' shares of the high-quality points with the uniform shares by KL divergence
// (0 is perfect). The first line below measures 2,500 real points the same way: the best a generator can hope for
// (about 98.9 % of a round Gaussian lies within 3σ). The cell stops the full run if the generator has not captured every
// mode with at least half of its points high quality; the high-quality points per mode show how evenly it covers them.
ChapterApp.MarkdownCell("cell-22");

// ── cell-23 (code) ───────────────────────────────────────────────────────────────────────────────
ModeCoverage coverage;
ModeCoverage realCoverage;
using (no_grad())
{
    coverage = ModeCoverage.Measure(target, generator.call(trainer.SampleNoise(SampleCount)));
    realCoverage = ModeCoverage.Measure(target, target.Sample(SampleCount, device));
}
Console.WriteLine($"real data: {realCoverage}; high-quality points per mode: {string.Join(" ", realCoverage.SamplesPerMode)}");
Console.WriteLine($"generated: {coverage}; high-quality points per mode: {string.Join(" ", coverage.SamplesPerMode)}");

var (modesNeeded, shareNeeded) = CourseSize.Pick(full: (target.ModeCount, 0.5), smoke: (0, 0.0));
if (coverage.ModesCaptured < modesNeeded || coverage.HighQualityShare < shareNeeded)
    throw new Exception($"The generator did not cover the ring: {coverage}. Train longer or try another seed.");
Console.WriteLine($"Result: after {trainingSteps:N0} steps in {progress.Elapsed.TotalSeconds:F0} s the generator covers {coverage.ModesCaptured}/{coverage.ModeCount} modes with {coverage.HighQualityShare:P0} of its points within 3σ (reverse KL {coverage.ReverseKl:F3}); its high-quality points per mode range from {coverage.SamplesPerMode.Min()} to {coverage.SamplesPerMode.Max()} ({coverage.SamplesPerMode.Sum() / (double)coverage.ModeCount:F0} each if even)");

// ── cell-24 (code) ───────────────────────────────────────────────────────────────────────────────
ChapterApp.Display(TrainingCurves.Of("Losses and D's verdicts during training", history));

// ── cell-25 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 7: inspect by hand
//
// GanKit's `SideBySide` puts real and generated samples next to each other on the same axes, for the eye to compare.
// (Its image version, `SideBySide.Images`, puts two grids of digits side by side in chapter 06c.)
ChapterApp.MarkdownCell("cell-25");

// ── cell-26 (code) ───────────────────────────────────────────────────────────────────────────────
PlotlyChart inspection;
using (no_grad()) inspection = SideBySide.Points(target.Sample(1_000, device), generator.call(trainer.SampleNoise(1_000)), -plotLimit, plotLimit);
ChapterApp.Display(inspection);

// ── cell-27 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The knobs
//
// Three knobs matter most: how many discriminator steps per generator step (k), the learning rates, and the batch
// size. Each experiment below changes one knob from the baseline of the settings cell (`knobBaseline`), trains a
// smaller GAN (`knobHidden`) for the same number of generator steps on every knob seed, and measures it with the
// protocol every `measureEvery` steps. One run per setting would be a demonstration, not a verdict (the baseline
// alone ends anywhere from a few to all eight modes depending on the seed), so every setting runs on the same seeds
// and the table shows each number as mean ± standard deviation (smallest–largest) over them. Besides modes, high-quality
// share and reverse KL, it shows the **largest fall** of the high-quality share between two consecutive measurements: a
// run that settles rises more or less steadily, a run whose game swings loses ground it had won.
ChapterApp.MarkdownCell("cell-27");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
KnobRun TrainKnob(GanTrainerOptions knobOptions, SeededRun run, int steps)
{
    var (knobGenerator, knobDiscriminator) = run.Create(() => (
        new MlpGenerator(NoiseSize, outputSize: 2, hidden: knobHidden).to(device),
        new MlpDiscriminator(inputSize: 2, hidden: knobHidden).to(device)));
    var knobTrainer = new GanTrainer(knobGenerator, knobDiscriminator, knobOptions, device, random: run.Random);
    var measuring = new Generator((ulong)(run.Seed + 10_000), device);   // measurement noise, apart from training's
    var (measuredAt, quality) = (new List<int>(), new List<double>());
    ModeCoverage final = null!;
    for (var step = 1; step <= steps; step++)
    {
        knobTrainer.TrainStep(() => target.Sample(knobOptions.BatchSize, device, run.Random));
        if (step % measureEvery != 0 && step != steps) continue;
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        final = ModeCoverage.Measure(target, knobGenerator.call(randn(SampleCount, NoiseSize, device: device, generator: measuring)));
        measuredAt.Add(step);
        quality.Add(final.HighQualityShare);
    }
    return new KnobRun(knobOptions, measuredAt.ToArray(), quality.ToArray(), final);
}

// ── cell-29 (code) ───────────────────────────────────────────────────────────────────────────────
static double LargestFall(double[] quality) => quality.Zip(quality.Skip(1), (before, after) => before - after).Append(0).Max();
Metric<KnobRun>[] knobMetrics =
[
    new("modes captured", run => run.Final.ModesCaptured, "F1"),
    new("high quality %", run => 100 * run.Final.HighQualityShare, "F1"),
    new("reverse KL", run => run.Final.ReverseKl, "F2"),
    new("largest fall, HQ points", run => 100 * LargestFall(run.Quality), "F1"),
];

// ── cell-30 (code) ───────────────────────────────────────────────────────────────────────────────
var knobs = new (string Knob, (string Label, GanTrainerOptions Options)[] Settings)[]
{
    ("discriminator steps per generator step (k)", discriminatorStepChoices.Select(k => ($"k = {k}", knobBaseline with { DiscriminatorSteps = k })).ToArray()),
    ("learning rate (both networks)", learningRateChoices.Select(rate => ($"rate {rate:0.##e-0}", knobBaseline with { GeneratorLearningRate = rate, DiscriminatorLearningRate = rate })).ToArray()),
    ("batch size", batchSizeChoices.Select(size => ($"batch {size}", knobBaseline with { BatchSize = size })).ToArray()),
};
var baselineLabel = $"baseline: k = {knobBaseline.DiscriminatorSteps}, rate {knobBaseline.GeneratorLearningRate:0.##e-0}, batch {knobBaseline.BatchSize}";
string RowLabel((string Label, GanTrainerOptions Options) setting) => setting.Options == knobBaseline ? baselineLabel : setting.Label;

var knobTable = new Experiment<KnobRun>($"The knobs, {knobSteps:N0} generator steps per run", knobSeeds, knobMetrics, device: device);
foreach (var setting in knobs.SelectMany(knob => knob.Settings).DistinctBy(RowLabel))
{
    knobTable.Run(RowLabel(setting), run => TrainKnob(setting.Options, run, knobSteps),
        finished => Console.WriteLine($"{RowLabel(setting)}, seed {finished.Seed}: {finished.Result.Final} ({finished.Elapsed.TotalSeconds:F0} s)"));
}
ChapterApp.Display(knobTable.Table());

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
var settingColors = new[] { "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd" };
foreach (var (knob, settings) in knobs)
{
    var chart = new PlotlyChart($"Knob: {knob}. High-quality share during training, one line per seed", xTitle: "generator step", yTitle: "high-quality share").YRange(0, 1.05);
    foreach (var (setting, index) in settings.Select((setting, index) => (setting, index)))
    {
        foreach (var run in knobTable[RowLabel(setting)].Runs)
        {
            chart.Line($"{setting.Label}, seed {run.Seed}", run.Result.MeasuredAt, run.Result.Quality, color: settingColors[index % settingColors.Length]);
        }
    }
    ChapterApp.Display(chart);
}

// ── cell-32 (markdown) ───────────────────────────────────────────────────────────────────────────
// Each setting against the baseline, seed by seed: "every seed above" means the setting's worst seed beat the baseline's
// best one, "the seeds overlap" that the two ranges overlap, so the means alone decide nothing.
ChapterApp.MarkdownCell("cell-32");

// ── cell-33 (code) ───────────────────────────────────────────────────────────────────────────────
var baselineRow = knobTable[baselineLabel];
string Against(SeedSweep<KnobRun> row, Func<KnobRun, double> metric, string format)
{
    var (mine, theirs) = (row.Measure(metric), baselineRow.Measure(metric));
    var verdict = mine.Minimum > theirs.Maximum ? "every seed above" : mine.Maximum < theirs.Minimum ? "every seed below" : "the seeds overlap";
    return $"{mine.Mean.ToString(format)} vs {theirs.Mean.ToString(format)} ({verdict})";
}
foreach (var (knob, settings) in knobs)
{
    Console.WriteLine($"{knob}, against the baseline:");
    foreach (var setting in settings.Where(setting => setting.Options != knobBaseline))
    {
        var row = knobTable[RowLabel(setting)];
        Console.WriteLine($"  {setting.Label,-11} modes {Against(row, run => run.Final.ModesCaptured, "F1")}; high quality % {Against(row, run => 100 * run.Final.HighQualityShare, "F1")}; " +
            $"largest fall {Against(row, run => 100 * LargestFall(run.Quality), "F1")}; seconds per run {row.Seconds.Mean:F1} vs {baselineRow.Seconds.Mean:F1}");
    }
}

// ── cell-34 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read them: read modes and high-quality share together. A high share alone can mislead: a generator that piles
// all its points onto one or two modes scores a high share with most modes missing. That is **mode collapse**, the
// failure chapter 04 measures and fixes. In the author's full run (four seeds, 1,500 steps each; your printed lines are
// the ones to read):
//
// * **k**: more discriminator steps per generator step made the generator collapse. With k = 5 every seed ended on a
//   single mode with nearly all its points high quality, and every seed captured fewer modes than every baseline seed;
//   k = 2 ended on three to five modes with two fifths to three quarters of its points high quality. The baseline
//   (k = 1) was the slowest to gather points onto the modes but kept the most modes on average. Each extra pass 1 costs
//   time (the seconds), though less than k times as much: pass 2 and the measurements do not grow with k.
// * **learning rate**: the smallest rate barely moved in this budget (almost no high-quality points). A larger rate got
//   further in the same number of steps: 1e-3 captured all eight modes on every seed, with every seed's high-quality
//   share above every baseline seed's. The largest rate, 2e-2, is too large: its high-quality share jumped up and down
//   between measurements (the largest fall, tens of points on every seed, and the red lines of the chart), and most of
//   its seeds ended on a single mode.
// * **batch size**: neither 32 nor 512 separated from the baseline on all four seeds (the seeds overlap): the largest
//   batch ended with more high-quality points on three seeds and cost more time per step; four seeds do not settle it.
//
// These are verdicts on this budget and this problem: more steps can change the order, which is why chapter 04 compares
// its methods at 3,000 steps, on several seeds, one change at a time.
ChapterApp.MarkdownCell("cell-34");

// ── cell-35 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// * A training step is two passes: pass 1 trains D on a real batch (label real) and a generated batch (label
//   generated) with G fixed; pass 2 trains G through a frozen D to make D say "real".
// * "Fixed" is literal in code: forgeries made under `no_grad()` in pass 1, D's parameters frozen in pass 2.
// * GanKit's `GanTrainer` is that loop, extracted; it reproduces the hand-written loop bit for bit and is what later
//   chapters call.
// * D's decision surface shows the game: D paints where the forgeries are, G's points move out towards the data, and the
//   surface fades towards ½ where G has caught up, while a cluster G has not reached stays "real".
// * Judge a run by number (modes captured, high-quality share, how evenly the modes are filled), over several seeds,
//   and change one knob at a time. In this chapter's budget more D steps per G step led to collapse onto one mode, a
//   rate too small barely moved, a larger one got further, and the largest swung and collapsed; the batch size made no
//   difference that four seeds could settle.
ChapterApp.MarkdownCell("cell-35");

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Exercises
//
// Each exercise has a cell for your code and answer and a cell that checks it against what your code computed. A
// solution is folded under each question; try first.
ChapterApp.MarkdownCell("cell-36");

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** Pass 1 makes its forgeries under `no_grad()`. How much gradient would D's loss send into G without it? The
// cell below gives a real batch `exerciseReal` and noise `exerciseNoise`. With the trained `generator` and
// `discriminator`, make forgeries from `exerciseNoise` *with* gradient, compute D's pass-1 loss
// `GanLoss.NonSaturating.DiscriminatorLoss(realScores, forgedScores)`, call `backward()`, and store in `answer1` the
// norm of the gradient on G's parameters: the square root of the sum of the squares of every parameter's `grad`. Call
// `generator.zero_grad()` first, so that nothing left from earlier counts.
ChapterApp.MarkdownCell("cell-37");

// ── cell-38 (code) ───────────────────────────────────────────────────────────────────────────────
var exerciseReal = target.Sample(BatchSize, device, new Generator(31, device));                           // given: a real batch …
var exerciseNoise = randn(BatchSize, NoiseSize, device: device, generator: new Generator(32, device));   // … and the forgeries' noise
double? answer1 = null;   // the norm of the gradient D's loss sends into G's parameters when the forgeries keep their graph

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var exerciseReal = target.Sample(BatchSize, device, new Generator(31, device));
// var exerciseNoise = randn(BatchSize, NoiseSize, device: device, generator: new Generator(32, device));
// generator.zero_grad();
// var forgeries = generator.call(exerciseNoise);                       // no no_grad(): the forgeries remember how G made them
// var lossOfD = GanLoss.NonSaturating.DiscriminatorLoss(discriminator.call(exerciseReal), discriminator.call(forgeries));
// lossOfD.backward();
// double? answer1 = Math.Sqrt(generator.parameters().Sum(parameter => parameter.grad.square().sum().item<float>()));
// ```
//
// Without `no_grad()` the forgeries carry the graph of G(z), so `backward()` from D's loss runs on through G and leaves a
// gradient of this size on G's weights: the gradient of D's loss, not of G's, so a step along it would help D. With
// `no_grad()` that gradient is zero and the backward pass stops at D, which also saves the work of going through G.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-40 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer1 is null)
{
    Exercise.Check("1", answer1, expected: 0, tolerance: 0, hint: "make the forgeries as pass 2 does, without no_grad(); then add up parameter.grad.square().sum() over generator.parameters() and take the square root.");
}
else
{
    generator.zero_grad();
    discriminator.zero_grad();
    GanLoss.NonSaturating.DiscriminatorLoss(discriminator.call(exerciseReal), discriminator.call(generator.call(exerciseNoise))).backward();
    var gradientIntoGenerator = Math.Sqrt(generator.parameters().Sum(parameter => parameter.grad.square().sum().item<float>()));
    generator.zero_grad();
    discriminator.zero_grad();
    Exercise.Check("1", answer1, expected: gradientIntoGenerator, tolerance: 1e-3 * gradientIntoGenerator, hint: "make the forgeries as pass 2 does, without no_grad(); then add up parameter.grad.square().sum() over generator.parameters() and take the square root.");
}

// ── cell-41 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** How many forgeries does G make in one `TrainStep` with k = 3 discriminator steps per generator step and a
// batch of 48? Count every sample G produces, with or without gradient. Work it out from the two passes (nothing needs
// to train) and store the number in `answer2`; the check counts them in a real `TrainStep`.
ChapterApp.MarkdownCell("cell-41");

// ── cell-42 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null;   // the number of samples G makes in one TrainStep with k = 3 and a batch of 48

// ── cell-43 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer2 = 3 * 48 + 48;   // three passes 1, each with a batch of forgeries, and one pass 2 with a fresh batch
// ```
//
// Each pass 1 shows D as many forgeries as real samples (made under `no_grad()`), and pass 2 makes a fresh batch with
// gradient for G's update: (k + 1) × the batch size.
//
// </details>
ChapterApp.MarkdownCell("cell-43");

// ── cell-44 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer2 is null)
{
    Exercise.Check("2", answer2, expected: 0, tolerance: 0, hint: "each pass 1 shows D a batch of forgeries as large as its real batch; pass 2 makes a fresh batch of its own.");
}
else
{
    var (countedGenerator, countedDiscriminator) = CreateModels(seed: 41, hidden);
    var samplesMade = 0L;
    countedGenerator.register_forward_hook((module, input, output) => { samplesMade += output.shape[0]; return output; });
    var countedOptions = options with { DiscriminatorSteps = 3, BatchSize = 48 };
    new GanTrainer(countedGenerator, countedDiscriminator, countedOptions, device).TrainStep(() => target.Sample(countedOptions.BatchSize, device));
    Exercise.Check("2", answer2, expected: samplesMade, tolerance: 0.5, hint: "each pass 1 shows D a batch of forgeries as large as its real batch; pass 2 makes a fresh batch of its own.");
}

// ── cell-45 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** D gives raw scores 2 and 0 to two real points and −1 and 1 to two forgeries. What is D's loss (−V, the loss
// pass 1 minimises)? Compute it by hand or with `Math`; the check computes it with `GanLoss`.
ChapterApp.MarkdownCell("cell-45");

// ── cell-46 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer3 = null;   // D's loss for real scores 2 and 0 and forgery scores −1 and 1

// ── cell-47 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// static double Softplus(double t) => Math.Log(1 + Math.Exp(t));
// double? answer3 = (Softplus(-2) + Softplus(0)) / 2     // softplus(−s) over the real scores 2 and 0
//                  + (Softplus(-1) + Softplus(1)) / 2;   // softplus(s) over the forgeries' scores −1 and 1
// ```
//
// D's loss is the mean of softplus(−s) over the real scores plus the mean of softplus(s) over the forgeries': D is
// rewarded for high scores on real points and low scores on forgeries.
//
// </details>
ChapterApp.MarkdownCell("cell-47");

// ── cell-48 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("3", answer3,
    expected: GanLoss.NonSaturating.DiscriminatorLoss(from_array(new[] { 2.0, 0.0 }, device: device), from_array(new[] { -1.0, 1.0 }, device: device)).item<double>(),
    tolerance: 1e-3, hint: "mean softplus(−s) over the real scores plus mean softplus(s) over the forgeries' scores; softplus(t) = log(1 + eᵗ).");

// ── cell-49 (markdown) ───────────────────────────────────────────────────────────────────────────
// **4.** Is k = 5's collapse only a matter of D learning five times as fast as G? Keep k = 5 but divide D's learning
// rate by 5 (everything else as `knobBaseline`), so that D's five passes take steps a fifth as large. Train it on the
// knob seeds for `knobSteps` steps with `TrainKnob`, keep the row in `slowerDiscriminator` (a `SeedSweep`, as
// `SeedSweep.Run` returns), and store its mean number of modes captured (a count, out of 8) in `answer4`. The check reads
// your row and prints it beside the table's k = 1 and k = 5 rows.
ChapterApp.MarkdownCell("cell-49");

// ── cell-50 (code) ───────────────────────────────────────────────────────────────────────────────
SeedSweep<KnobRun> slowerDiscriminator = null;   // SeedSweep.Run("k = 5, D rate ÷ 5", knobSeeds, run => TrainKnob(…, run, knobSteps), …)
double? answer4 = null;                           // its mean number of modes captured

// ── cell-51 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var slowerOptions = knobBaseline with { DiscriminatorSteps = 5, DiscriminatorLearningRate = knobBaseline.DiscriminatorLearningRate / 5 };
// SeedSweep<KnobRun> slowerDiscriminator = SeedSweep.Run("k = 5, D rate ÷ 5", knobSeeds, run => TrainKnob(slowerOptions, run, knobSteps), device: device);
// double? answer4 = slowerDiscriminator.Measure(run => run.Final.ModesCaptured).Mean;
// ```
//
// The check prints your row beside the baseline (k = 1) and k = 5: compare the modes. In the author's full run the slower
// D kept about as many modes as the baseline (7.75 of 8 on average, against 1 for k = 5), so what collapsed k = 5 here was
// how far D moved per generator step, not the number of passes as such.
//
// </details>
ChapterApp.MarkdownCell("cell-51");

// ── cell-52 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer4 is null)
{
    Exercise.Check("4", answer4, expected: 0, tolerance: 0, hint: "SeedSweep.Run(label, knobSeeds, run => TrainKnob(slowerOptions, run, knobSteps), device: device), then .Measure(run => run.Final.ModesCaptured).Mean.");
}
else
{
    if (slowerDiscriminator is null) throw new ExerciseException("Exercise 4: keep the row you trained in slowerDiscriminator.");
    if (!slowerDiscriminator.Runs.Select(run => run.Seed).SequenceEqual(knobSeeds)) throw new ExerciseException($"Exercise 4: run the row on the knob seeds {string.Join(", ", knobSeeds)}.");
    var slowerRate = knobBaseline.DiscriminatorLearningRate / 5;
    if (slowerDiscriminator.Runs.Any(run => run.Result.Options with { DiscriminatorLearningRate = slowerRate } != knobBaseline with { DiscriminatorSteps = 5, DiscriminatorLearningRate = slowerRate }
            || Math.Abs(run.Result.Options.DiscriminatorLearningRate - slowerRate) > 1e-12 * slowerRate || run.Result.MeasuredAt[^1] != knobSteps))
        throw new ExerciseException($"Exercise 4: train k = 5 with D's learning rate {slowerRate:G2} and everything else as knobBaseline, for knobSteps ({knobSteps:N0}) steps.");
    Exercise.Check("4", answer4, expected: slowerDiscriminator.Measure(run => run.Final.ModesCaptured).Mean, tolerance: 1e-9, hint: "SeedSweep.Run(label, knobSeeds, run => TrainKnob(slowerOptions, run, knobSteps), device: device), then .Measure(run => run.Final.ModesCaptured).Mean.");
    var fiveSteps = knobTable.Rows.Where(row => row.Runs[0].Result.Options == knobBaseline with { DiscriminatorSteps = 5 });   // the table's k = 5 row, if it has one
    foreach (var row in fiveSteps.Prepend(baselineRow).Prepend(slowerDiscriminator))
        Console.WriteLine($"{row.Label,-40} modes {row.Measure(run => run.Final.ModesCaptured).ToString("F1")}, high quality % {row.Measure(run => 100 * run.Final.HighQualityShare).ToString("F1")}");
}

// ── cell-53 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * I. Goodfellow et al., *Generative Adversarial Nets*, 2014: Algorithm 1 is this chapter's loop (with k steps of D).
// * M. Kahng, N. Thorat, D. H. Chau, F. Viégas, M. Wattenberg, *GAN Lab: Understanding Complex Deep Generative Models
//   using Interactive Visual Experimentation*, IEEE VIS 2018: the decision-surface picture, live in a browser.
// * A. Radford, L. Metz, S. Chintala, *Unsupervised Representation Learning with Deep Convolutional GANs*, 2015: the
//   Adam settings (learning rate 2e-4, β1 = 0.5) used as GanKit's defaults.
// * L. Metz et al., *Unrolled Generative Adversarial Networks*, 2016: the ring of Gaussians as a test problem.
ChapterApp.MarkdownCell("cell-53");

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-28:
record KnobRun(GanTrainerOptions Options, int[] MeasuredAt, double[] Quality, ModeCoverage Final);
// Written by tools/ChapterApps; the SHA-256 of the lines above: 7dcf8ffdecf77bd78b22ed5c3d3c524b9a877978b516600c6c3f226e48e91f11
