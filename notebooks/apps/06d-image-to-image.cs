// Chapter "06d — Image-to-image translation" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../06d-image-to-image.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/06d-image-to-image.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/06d-image-to-image.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using System.Diagnostics;
using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Metrics;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

ChapterApp.Start("../06d-image-to-image.ipynb", "06d — Image-to-image translation");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 06d — Image-to-image translation
//
// > Can a network redraw a digit from its outline, or finish one whose lower half is hidden — and what does a
// > discriminator add to a plain L1 loss?
//
// ![Twelve MNIST test digits with their lower half hidden, completed by the networks of the author's full run of this notebook (1,000 shared L1 steps, then 1,000 more in each branch). Rows, top to bottom: the input (rows 0–13 of the digit), the network trained with the L1 loss only, the same network trained with L1 + adversarial loss, the original digit. Section 4 draws your own](images/06d-image-to-image.png)
//
// The article's third application translates one kind of picture into another: label maps into street scenes, sketches
// into handbags, day into night. The model behind its examples is **pix2pix** (Isola et al. 2017): a generator that takes
// the input picture and draws the output picture, trained on pairs (input, target) with two losses at once — an **L1
// loss** that keeps the output close to its own target, and an **adversarial loss** from a discriminator that sees the
// input and the output together and asks whether the pair looks real.
//
// This chapter builds it at digit scale, on two translations of MNIST digits made by GanKit's `DigitRenderings`:
//
// * **outline → digit**: the edges of each stroke, to be filled in — the digit version of sketch → photo. The input
//   fixes the answer almost completely.
// * **top half → digit**: the digit with rows 14–27 blanked, to be completed — an *inpainting* task. Many digits share a
//   top half (a 7 and a 9, a 3 and a 2…), so the input does **not** fix the answer.
//
// For each, one network is trained with the L1 loss alone and the same network with L1 + adversarial loss, and both are
// measured on 10,000 test digits they never saw: **L1 error** (how close, pixel by pixel), the course classifier's
// **accuracy** (is it the right digit?) and **digit-FID** (do the outputs, as a set, look like real digits?).
//
// Run time on 2 CPU cores: about 10 minutes at full size (572 s and 620 s in two runs, each with another training run on the
// second core; the six trainings take 6½ to 7 minutes of it), under a minute in smoke size.
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
// Everything a reader may change. As in chapter 06b, each task's network first trains for a number of steps with the L1
// loss alone; then the run **branches**: one copy continues with L1 alone, the other adds the discriminator, each for the
// same number of steps on the same batches. The two differ only in the adversarial loss. λ weighs the L1 term against the
// adversarial one (pix2pix used 100; the notes at the end say why this chapter uses 10). The smoke size changes only the
// step counts and the number of digits.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
const int Seed = 1;                                               // weights, batches and the discriminator's start
var sharedSteps = CourseSize.Pick(full: 1_000, smoke: 30);       // L1 only, shared by both branches
var branchSteps = CourseSize.Pick(full: 1_000, smoke: 20);       // then each branch: L1 only, or L1 + adversarial
const double PixelWeight = 10;                                    // λ: the adversarial branch minimises adversarial + λ · L1
const double LearningRate = 2e-4;                                 // Adam for G and D, β1 = 0.5 (pix2pix's)
const int Width = 32;                                             // channels of both networks' first layer
const int VisibleRows = 14;                                       // the top-half task keeps rows 0–13 of 28
var trainingDigits = CourseSize.Pick(full: 60_000, smoke: 2_000);
var evaluationSamples = CourseSize.Pick(full: 10_000, smoke: 1_000);   // test digits every model is measured on
Console.WriteLine($"{sharedSteps:N0} shared steps, then {branchSteps:N0} per branch; λ = {PixelWeight}; learning rate {LearningRate}; width {Width}; " +
    $"{trainingDigits:N0} training digits, {evaluationSamples:N0} test digits");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## 1. Pairs made from MNIST
//
// `DigitRenderings.Outline` keeps the edges of each stroke: the image dilated by a 3×3 square minus the image eroded by
// it (the *morphological gradient*), bright on both sides of a stroke and dark inside a wide one. `DigitRenderings.TopPart`
// keeps the first 14 rows and sets the rest to 0. Each rendering has the shape and range of the digit it came from, so
// the pair (rendering, digit) is one training example. Like every generator in the course, the networks see their input
// scaled to (−1, 1) and produce the digit in (−1, 1).
//
// Rows: the digits, their outlines, their top halves.
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (code) ───────────────────────────────────────────────────────────────────────────────
var train = Mnist.Load("../data/mnist", MnistSplit.Train, count: trainingDigits, device: device);
var test = Mnist.Load("../data/mnist", MnistSplit.Test, device: device);
var originals = test.Images.narrow(0, 0, evaluationSamples);     // (N, 1, 28, 28) in [0, 1]: the targets every model is measured against
var labels = test.Labels.narrow(0, 0, evaluationSamples);
var targets = train.Images * 2 - 1;                               // the networks' training targets, in (−1, 1)

// The two translations: a name and how its input is made from a digit (both (N, 1, 28, 28) in [0, 1]).
var renderings = new Dictionary<string, Func<Tensor, Tensor>>
{
    ["outline"] = DigitRenderings.Outline,
    ["top half"] = digits => DigitRenderings.TopPart(digits, VisibleRows),
};
var tasks = renderings.Keys.ToArray();
var trainInputs = tasks.ToDictionary(task => task, task => renderings[task](train.Images) * 2 - 1);   // (−1, 1)
var testInputs = tasks.ToDictionary(task => task, task => renderings[task](originals));               // [0, 1]
foreach (var task in tasks)
{
    Console.WriteLine($"{task}: training inputs ({string.Join(", ", trainInputs[task].shape)}), test inputs ({string.Join(", ", testInputs[task].shape)}); " +
        $"mean brightness {testInputs[task].mean().item<float>():F3} against the digits' {originals.mean().item<float>():F3}");
}
const int Shown = 12;
ChapterApp.Display(ImageGrid.ToPng(cat([originals.narrow(0, 0, Shown), testInputs["outline"].narrow(0, 0, Shown), testInputs["top half"].narrow(0, 0, Shown)], 0), columns: Shown, scale: 3));

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// An outline still says which digit it is and where every stroke runs; what is lost is how thick a stroke is and whether
// a wide stroke is filled. A top half says much less: look along the last row for digits whose top halves could belong
// to more than one digit. Whatever a network draws in the bottom half of those is a guess.
//
// ## 2. The networks
//
// **The generator is a U-Net** (Ronneberger et al. 2015), the kind pix2pix used: two stride-2 convolutions take the
// 28×28 input down to 14×14 and 7×7, a 3×3 convolution works at the bottom, and two transposed convolutions bring it back
// up. At each level the encoder's features are handed across to the decoder (the **skip connections**: concatenated as
// extra channels), so the fine detail of the input — where exactly an edge runs — does not have to squeeze through the
// 7×7 bottom. It has no noise input: pix2pix found that a generator given noise next to its input learns to ignore it, so
// this one is deterministic, one output per input. GanKit has it as `UNetGenerator`; the table lists its layers and the
// shapes they produce.
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
var exampleInputs = zeros(4, 1, 28, 28, device: device);
var noNoise = zeros(4, 0, device: device);                       // the U-Net's noise: none
ChapterApp.Display(LayerTable.Of("U-Net generator: (no noise, input image) → output image", new UNetGenerator(1, 1, Width).to(device), noNoise, exampleInputs));

// ── cell-10 (markdown) ───────────────────────────────────────────────────────────────────────────
// **The discriminator is a patch discriminator** (pix2pix's "PatchGAN", after Li & Wand 2016). Two things make it
// different from chapter 05's. It sees **the input and the output together**, stacked as two channels, so it judges the
// pair: "is this digit a real filling of this outline?", not just "is this a real digit?" — a generator that drew a
// perfect 3 for the outline of a 7 would be caught. And it gives **one score per patch** instead of one per image: its last
// layer is a 3×3 convolution on the 7×7 map, so the output is a 7×7 grid of scores, each judging one window of the input,
// and its loss averages over them. pix2pix's argument: the L1 loss already gets the layout right; what it misses is local
// — sharp edges, stroke texture — and a judge of patches targets exactly that with fewer weights.
//
// How big is a patch? The cell below measures it instead of trusting a formula: it asks for the gradient of one score (the
// centre one) with respect to every input pixel; the pixels with a non-zero gradient are the ones that score sees.
ChapterApp.MarkdownCell("cell-10");

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
var judge = new PatchDiscriminator(sampleChannels: 1, conditionChannels: 1, width: Width).to(device);
ChapterApp.Display(LayerTable.Of("Patch discriminator: (output image, input image) → patch scores", judge, exampleInputs, exampleInputs));

var probeImage = rand(1, 1, 28, 28, device: device).requires_grad_(true);
var patchScores = judge.call(probeImage, zeros(1, 1, 28, 28, device: device));           // (1, 1, 7, 7)
patchScores[0, 0, 3, 3].backward();                                                       // the centre score
var seen = probeImage.grad.abs().squeeze() > 0;                                           // (28, 28): the pixels it depends on
var (seenRows, seenColumns) = (seen.any(1).nonzero().flatten(), seen.any(0).nonzero().flatten());
Console.WriteLine($"scores ({string.Join(", ", patchScores.shape)}); the centre score sees rows {seenRows.min().item<long>()}–{seenRows.max().item<long>()} " +
    $"and columns {seenColumns.min().item<long>()}–{seenColumns.max().item<long>()}: a {seenRows.shape[0]}×{seenColumns.shape[0]} window of the 28×28 image");
ChapterApp.Display(ImageGrid.ToPng(stack([probeImage.detach().squeeze(0), seen.to(float32).unsqueeze(0)]), columns: 2, scale: 4));

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// Each score sees an 18×18 window (the first 4×4 convolution sees 4 pixels, the second 4 + 3·2 = 10, the final 3×3
// convolution on the 7×7 map 10 + 2·4 = 18), drawn white on the right next to the random probe image. On a 28-pixel digit
// that is about two thirds of its side: a patch holds a good part of a stroke, never the whole digit. Neighbouring scores
// overlap, every 4 pixels.
//
// ## 3. Training
//
// The L1 loss is the mean absolute difference between output and target (in (−1, 1) units). The adversarial branch
// minimises the non-saturating GAN loss on the patch scores plus λ = 10 times the same L1 loss; its discriminator is
// trained on the same batches with real pairs (input, digit) and forged pairs (input, output). GanKit's
// `ConditionalGanTrainer` does both passes; with `Adversarial = false` it trains by the L1 loss alone. GanKit's
// `BranchedTraining` runs the three phases of chapter 06b's comparison: the shared start, then each branch from a copy of
// the same weights on the same batches.
//
// The live grid shows 16 test inputs and the network's outputs as it trains. The chart after each task's training shows
// the L1 loss of all three phases and, for the adversarial branch, D's mean verdict on the generated pairs: ½ means D
// cannot tell them from real pairs.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
var pixelOptions = new ConditionalGanOptions { Adversarial = false, PixelWeight = 1, PixelLoss = PixelLoss.L1,
    Gan = new GanTrainerOptions { GeneratorLearningRate = LearningRate, DiscriminatorLearningRate = LearningRate } };
var adversarialOptions = pixelOptions with { Adversarial = true, PixelWeight = PixelWeight };
Console.WriteLine($"L1 branch: {pixelOptions.PixelLoss} only; adversarial branch: non-saturating GAN loss on the patch scores + {adversarialOptions.PixelWeight} · {adversarialOptions.PixelLoss}; " +
    $"batch {pixelOptions.Gan.BatchSize}, learning rates {pixelOptions.Gan.GeneratorLearningRate} (G) and {adversarialOptions.Gan.DiscriminatorLearningRate} (D), β1 {pixelOptions.Gan.Beta1}");

// ── cell-14 (code) ───────────────────────────────────────────────────────────────────────────────
// One task: the shared L1 start, then the two branches from the same weights on the same batches, showing the
// network's outputs for 16 test inputs (inputs above them) as it trains.
BranchedRun TrainBoth(string task)
{
    var probe = testInputs[task].narrow(0, 0, 16) * 2 - 1;
    var comparison = new BranchedTraining(() => new UNetGenerator(1, 1, Width), () => new PatchDiscriminator(1, 1, Width), pixelOptions, adversarialOptions, device, Seed)
    {
        PixelName = "L1 only",
        AdversarialName = "L1 + adversarial",
        Picture = network => ImageGrid.ToPng(cat([(probe + 1) / 2, network.Sample(probe)], 0), columns: 16, scale: 2),
    };
    var run = comparison.Run(targets, trainInputs[task], sharedSteps, branchSteps, task);
    Console.WriteLine(run);
    return run;
}

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
var runs = new Dictionary<string, BranchedRun>();
PlotlyChart LossChart(string task) => runs[task].LossChart($"{task} → digit: L1 loss (solid) and D's verdict on generated pairs (dotted)", "L1, (−1, 1) units");

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Outline → digit
ChapterApp.MarkdownCell("cell-16");

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
runs["outline"] = TrainBoth("outline");
ChapterApp.Display(LossChart("outline"));

// ── cell-18 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Top half → digit
ChapterApp.MarkdownCell("cell-18");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
runs["top half"] = TrainBoth("top half");
ChapterApp.Display(LossChart("top half"));

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read the charts (the author's full run). **Outline**: the L1 loss keeps falling through both branches, to about 0.03, and the two
// branches' curves lie on top of each other; D's mean verdict on the generated pairs stays at ½ throughout. The likely reading: the outputs
// are already so close to the real digits that D cannot tell the pairs apart, and its gradient has little to push.
// **Top half**: the L1 loss flattens near 0.1 within a few hundred steps: the hidden rows are a guess, and what remains
// is that uncertainty. The adversarial branch's L1 loss runs a little above the L1 branch's — it gives up some L1 to
// draw what D accepts — and D's verdict sits mostly a little below ½.
//
// ## 4. Measuring the two models
//
// Every model translates the same 10,000 test inputs, none of which it trained on. For each:
//
// * **L1 error**: the mean absolute difference from the original digit, in [0, 1] units (0.01 is one pixel in a hundred
//   fully wrong). For the top half, also over the **hidden rows** alone, the part the network had to invent.
// * **accuracy**: the share the course classifier (99.16 % on real test digits) reads as the digit's true label.
// * **digit-FID** against 10,000 real **training** digits, next to the real-data floor (the test digits against the
//   training digits): do the outputs, as a set, look like real digits? As in chapter 06b, the reference is the training
//   set because the outputs are attempts at the test digits themselves.
// * **gray pixels**: the share of pixels between 0.25 and 0.75, neither background nor ink; real digits have few, a
//   blurred or faded digit more.
//
// The first row of each table is **the input itself**, measured as if it were the answer: what you have without any
// network. The last row is the real test digits.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
var classifier = DigitClassifierWeights.Load("../data/classifier", device);
var evaluator = DigitEvaluator.Create(classifier, train: test, test: train, evaluationSamples);   // measured against training digits; floor: test against training
var realAccuracy = evaluator.Accuracy(originals, labels).Overall;
double HiddenL1(Tensor images) => (images - originals).narrow(2, VisibleRows, 28 - VisibleRows).abs().mean().item<float>();

Scores Measure(string method, Tensor images)
{
    var report = evaluator.Evaluate(images);
    return new Scores(method, images, (images - originals).abs().mean().item<float>(), HiddenL1(images), evaluator.Accuracy(images, labels).Overall, report.Fid, report.FidRatio, GrayPixels.Share(images));
}

var scores = tasks.ToDictionary(task => task, task => new[]
{
    Measure("the input itself", testInputs[task]),
    Measure($"L1 only ({sharedSteps + branchSteps:N0} steps)", runs[task].Pixel.Network.Sample(testInputs[task] * 2 - 1)),
    Measure($"L1 + adversarial ({sharedSteps:N0} + {branchSteps:N0} steps)", runs[task].Adversarial.Network.Sample(testInputs[task] * 2 - 1)),
});
Console.WriteLine($"Real-data floor: digit-FID {evaluator.Floor:F2}; real test digits: accuracy {realAccuracy:P2}, gray pixels {GrayPixels.Share(originals):P1}");

// ── cell-22 (code) ───────────────────────────────────────────────────────────────────────────────
ResultTable Table(string task) => new(
    $"{task} → digit on {evaluationSamples:N0} test digits (digit-FID floor {evaluator.Floor:F2})",
    ["L1 error", "L1, hidden rows", "accuracy", "digit-FID", "× floor", "gray pixels"],
    [.. scores[task].Select(score => score.Method), "real test digits"],
    [.. scores[task].Select(score => (IReadOnlyList<string>)[$"{score.L1:F4}", task == "top half" ? $"{score.HiddenL1:F4}" : "—", $"{score.Accuracy:P2}", $"{score.Fid:F2}", $"{score.FidRatio:F1}", $"{score.Gray:P1}"]),
     ["0", task == "top half" ? "0" : "—", $"{realAccuracy:P2}", $"{evaluator.Floor:F2} (floor)", "1.0", $"{GrayPixels.Share(originals):P1}"]]);

string Line(string task) => $"{task}: " + string.Join("; ", scores[task].Skip(1).Select(score => $"{score.Method.Split(" (")[0]} L1 {score.L1:F4}, accuracy {score.Accuracy:P1}, digit-FID {score.Fid:F1}"));
ChapterApp.Display(Table("outline"));
ChapterApp.Display(Table("top half"));
Console.WriteLine($"Result: {Line("outline")} | {Line("top half")} | real digits accuracy {realAccuracy:P1}, digit-FID floor {evaluator.Floor:F2}");

// ── cell-23 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### By eye
//
// For the first twelve test digits of each task, rows top to bottom: the input, L1 only, L1 + adversarial, the original.
// Then, for the top half, the inputs whose two completions the classifier reads as different digits: where committing to
// one answer matters.
ChapterApp.MarkdownCell("cell-23");

// ── cell-24 (code) ───────────────────────────────────────────────────────────────────────────────
PngImage Rows(string task, Tensor indices) => ImageGrid.ToPng(cat(new[]
{
    testInputs[task].index_select(0, indices),
    scores[task][1].Images.index_select(0, indices),
    scores[task][2].Images.index_select(0, indices),
    originals.index_select(0, indices),
}, 0), columns: (int)indices.shape[0], scale: 3);

Tensor Disagreements(string task)
{
    var differ = evaluator.Disagreements(scores[task][1].Images, scores[task][2].Images, labels);
    Console.WriteLine($"{task}: the classifier reads the two models' outputs differently on {differ.Count:N0} of {evaluationSamples:N0} digits" +
        (differ.Count == 0 ? "" : $"; of those, the L1-only output is right on {differ.FirstRight:N0}, the adversarial one on {differ.SecondRight:N0}, neither on {differ.NeitherRight:N0}"));
    return differ.First(Shown);
}
var firstDigits = arange(Shown, device: device);
ChapterApp.Display(Rows("outline", firstDigits));
ChapterApp.Display(Rows("top half", firstDigits));
var disagreements = Disagreements("top half");
ChapterApp.Display(disagreements.shape[0] == 0 ? "no disagreements" : (object)Rows("top half", disagreements));

// ── cell-25 (markdown) ───────────────────────────────────────────────────────────────────────────
// What the pictures show (the author's run; yours may differ in the details).
//
// * **Outline**: both rows redraw the twelve digits almost exactly, stroke width included; the eye finds no difference
//   between them, and neither does the table (L1 0.0165 against 0.0158, digit-FID 1.6× and 1.4× the floor). An input
//   that fixes the answer leaves the discriminator nothing to correct.
// * **Top half, L1 only**: the completions **fade out** towards the bottom. The 2 has no bottom stroke, the lower
//   strokes of the 7, the 4 and the 6 thin into gray, the 5 dissolves.
// * **Top half, L1 + adversarial**: the same network draws more of the hidden strokes, and brighter (the 0, the second
//   4, the 6's loop) — but not always cleanly: loose specks and broken fragments appear (the 2, the 5), and it commits to
//   an answer even where the answer is wrong.
// * **Disagreements**: on 992 of 10,000 inputs the classifier reads the two completions as different digits; the
//   adversarial one is right on 609 of them, the L1 one on 243. The grid shows twelve: tops that could begin several digits
//   (a loop that could become a 9, an 8 or a 0; a curve that could become a 2, a 3 or a 7). Below them the L1
//   completions are faint or broken, the adversarial ones whole digits — right or wrong.
//
// Unlike chapter 06b, accuracy sides with the adversarial model here, by 3.7 points. One reading: the two pixel losses
// hedge differently. 06b's squared error blends the plausible digits, and a blend may still lean towards the likelier
// class; the L1 loss here leaves uncertain strokes out, and a digit without its lower half is hard to read. The next
// section measures the L1 half of that reading; the 06b half is a guess no cell tests.
//
// ## 5. Why the L1 loss fades what it cannot know
//
// For one input, think of all the digits it could have come from. The output that minimises the expected **squared**
// error is, pixel by pixel, their **mean** — a blend (chapter 06b measured that). The output that minimises the expected
// **absolute** error, the L1 loss, is, pixel by pixel, their **median**: a pixel is drawn as ink only if more than half of
// the plausible digits have ink there. Where the candidates disagree — one continues the stroke down to the left, another
// to the right — neither stroke has a majority, and the median draws **neither**. L1 does not blur as much as squared
// error does; it *drops* the strokes it is unsure of.
//
// The cell tests this on 1,000 test inputs of the top-half task. For each it finds the 32 training digits whose top
// halves are nearest (a crude sample of the digits that could have produced it) and takes their per-pixel median and
// mean. Then it measures the **ink in the hidden rows** (their mean brightness) of the real digits, the look-alikes'
// median and mean, and the two models' completions. Picture rows: the input, the look-alikes' mean, their median, L1
// only, L1 + adversarial, the original.
ChapterApp.MarkdownCell("cell-25");

// ── cell-26 (code) ───────────────────────────────────────────────────────────────────────────────
// For 1,000 test digits: the 32 training digits whose top halves are nearest to the digit's top half.
const int Neighbours = 32;
var probeCount = Math.Min(1_000, evaluationSamples);
var queries = testInputs["top half"].narrow(0, 0, probeCount).flatten(1);              // (1000, 784) in [0, 1]
var candidates = ((trainInputs["top half"] + 1) / 2).flatten(1);                       // (60000, 784)
var nearest = cdist(queries, candidates).topk(Neighbours, dim: 1, largest: false).indexes;   // (1000, 32)
var lookAlikes = train.Images.index_select(0, nearest.flatten()).reshape(probeCount, Neighbours, 1, 28, 28);
var lookAlikeMean = lookAlikes.mean([1]);                                                    // (1000, 1, 28, 28)
var lookAlikeMedian = lookAlikes.sort(1).Values.select(1, (Neighbours - 1) / 2);           // the 16th of 32 sorted values: ink only where most have ink
double HiddenInk(Tensor images) => images.narrow(0, 0, probeCount).narrow(2, VisibleRows, 28 - VisibleRows).mean().item<float>();
foreach (var (name, images) in new[] { ("real digits", originals), ("look-alikes' mean", lookAlikeMean), ("look-alikes' median", lookAlikeMedian),
                                        ("L1 only", scores["top half"][1].Images), ("L1 + adversarial", scores["top half"][2].Images) })
{
    Console.WriteLine($"{name,-22} ink in the hidden rows {HiddenInk(images):F4}, gray pixels there {GrayPixels.Share(images.narrow(0, 0, probeCount).narrow(2, VisibleRows, 28 - VisibleRows)):P1}");
}
var eight = arange(8, device: device);
var pictureRows = new[] { testInputs["top half"], lookAlikeMean, lookAlikeMedian, scores["top half"][1].Images, scores["top half"][2].Images, originals };
ChapterApp.Display(ImageGrid.ToPng(cat(pictureRows.Select(images => images.index_select(0, eight)).ToArray(), 0), columns: 8, scale: 3));

// ── cell-27 (markdown) ───────────────────────────────────────────────────────────────────────────
// What the numbers say (the author's run):
//
// * The real digits have 0.130 of ink in rows 14–27 (mean brightness). The look-alikes' **mean** has as much (0.129)
//   but as haze: 16.4 % of its pixels there are gray, against 5.2 % for real digits — the blur of the squared error. Their
//   **median** is crisp (6.6 % gray) but holds less ink (0.106): the strokes fewer than half of them share are gone.
// * The **L1-only** network's completions hold 0.073, 56 % of the real ink, and only 4.2 % of their pixels are gray: it
//   does not blur, it **leaves out**. It leaves out even more than the look-alikes' median; one likely reason is that 32
//   neighbours chosen by pixel distance agree with each other more than all the digits that fit a top half do, so their
//   median is an optimistic stand-in for what the L1 loss is really averaging over.
// * The **adversarial** network puts back a good part of the missing ink — 0.100, 77 % of the real amount — and stays
//   crisp (3.8 % gray). A plausible reason: a discriminator shown a top half with an empty bottom half can tell that pair is not real.
//
// The picture shows the same on the first eight: the mean's ghostly strokes, the median's cleaner guess, the L1
// network's fading bottoms, the adversarial network's brighter but rougher ones. This is what Pathak et al. (2016) saw
// when filling holes in photographs, and what pix2pix (Isola et al. 2017) added the discriminator for.
//
// ## Summary
//
// * GanKit's `DigitRenderings` turns MNIST into paired translation tasks: a digit's **outline** (morphological
//   gradient) and its **top half**. Used as the answer, the inputs themselves are read right 88.40 % (outline) and
//   57.73 % (top half) of the time.
// * pix2pix at digit scale: a **U-Net** generator (137,057 parameters, skip connections, no noise) and a **patch
//   discriminator** (34,465 parameters) that sees input and output together and gives a 7×7 grid of scores, each from an
//   18×18 window (measured by its gradient). Both are GanKit classes (`UNetGenerator`, `PatchDiscriminator`), trained by
//   chapter 06a's `ConditionalGanTrainer`.
// * **Outline → digit**, L1 only against L1 + adversarial: L1 0.0165 / 0.0158, accuracy 98.37 / 98.50 %, digit-FID
//   2.54 / 2.25 (floor 1.61). When the input fixes the answer the two are equal, and near real digits.
// * **Top half → digit**: L1 0.0515 / 0.0515, accuracy 83.38 / 87.04 %, digit-FID 112.2 / 63.3 (69.8× / 39.3× the
//   floor). Where the network must guess, the adversarial loss leaves the pixel error where it was and makes the guesses
//   much more like real digits, though still far from the floor.
// * Why: per pixel, the L1 loss is minimised by the **median** of the plausible answers, which leaves out every stroke
//   that fewer than half of them share. The L1-only completions held 56 % of the real ink in the hidden rows, the
//   adversarial ones 77 %.
//
// ## Exercises
//
// Each exercise has a cell for your code and answer and a cell that checks it against what your code computed.
ChapterApp.MarkdownCell("cell-27");

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** The top-half networks are free to redraw the rows they were given, too. Measure how much the **adversarial**
// network changed them: the mean absolute difference between its outputs (`scores["top half"][2].Images`) and the
// originals over rows 0–13 only, in [0, 1] units. Store it in `answer1` and compare it with the hidden rows' L1 in the
// table.
ChapterApp.MarkdownCell("cell-37");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer1 = null;   // e.g. answer1 = (… - originals).narrow(2, 0, VisibleRows).abs().mean().item<float>();

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer1 = (scores["top half"][2].Images - originals).narrow(2, 0, VisibleRows).abs().mean().item<float>();
// ```
//
// Compare it with the hidden rows' L1 in the table: nothing in the U-Net copies the visible rows through unchanged, so how closely it redraws them is learned, and this number says how closely.
//
// </details>
ChapterApp.MarkdownCell("cell-38");

// ── cell-29 (code) ───────────────────────────────────────────────────────────────────────────────
var visibleChange = (scores["top half"][2].Images - originals).narrow(2, 0, VisibleRows).abs().mean().item<float>();
Exercise.Check("1", answer1, expected: visibleChange, tolerance: 1e-5 + 1e-3 * visibleChange,
    hint: "subtract originals from the adversarial top-half outputs, keep rows 0 to VisibleRows − 1 with narrow(2, 0, VisibleRows), and average the absolute values.");

// ── cell-30 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** Since the top half is known, a completion could keep it exactly: paste the input's rows 0–13 over the
// adversarial network's outputs and keep only the network's rows 14–27. Build those pasted digits and store the
// classifier's accuracy on them (`evaluator.Accuracy(pasted, labels).Overall`) in `answer2`. Does pasting help, hurt, or
// change nothing measurable, and why?
ChapterApp.MarkdownCell("cell-30");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null;   // e.g. var pasted = cat([testInputs["top half"].narrow(2, 0, VisibleRows), ….narrow(2, VisibleRows, 28 - VisibleRows)], 2); answer2 = …;

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var pasted = cat([testInputs["top half"].narrow(2, 0, VisibleRows), scores["top half"][2].Images.narrow(2, VisibleRows, 28 - VisibleRows)], 2);
// double? answer2 = evaluator.Accuracy(pasted, labels).Overall;
// ```
//
// Compare it with the adversarial row's accuracy in the table: pasting can only change the digits whose redrawn top half differed enough from the input to tip the classifier's reading.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-32 (code) ───────────────────────────────────────────────────────────────────────────────
var pastedDigits = cat([testInputs["top half"].narrow(2, 0, VisibleRows), scores["top half"][2].Images.narrow(2, VisibleRows, 28 - VisibleRows)], 2);
Exercise.Check("2", answer2, expected: evaluator.Accuracy(pastedDigits, labels).Overall, tolerance: 1e-9,
    hint: "concatenate along dimension 2 (rows): the input's first VisibleRows rows, then the adversarial output's remaining rows; then evaluator.Accuracy(…, labels).Overall.");

// ── cell-33 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** How much does the top half's ambiguity cost? Make the task easier: train a new `UNetGenerator(1, 1, Width)`
// named `network3` with the **L1 loss only** for `sharedSteps + branchSteps` steps on digits whose first **20** rows are
// visible (`DigitRenderings.TopPart(…, 20)`): a `ConditionalGanTrainer` with `pixelOptions` and no discriminator, and a
// loop of `trainer.TrainStep(batches.NextWithConditions)` over `ShuffledBatches` of (`targets`, your inputs) — a minute or
// two at full size. Store the classifier's accuracy on its completions of the 20-row test
// inputs in `answer3`, and compare it with the 14-row L1-only model in the table.
ChapterApp.MarkdownCell("cell-33");

// ── cell-34 (code) ───────────────────────────────────────────────────────────────────────────────
UNetGenerator network3 = null;   // your network after training
double? answer3 = null;          // its accuracy on the test digits' 20-row inputs

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var network3 = new UNetGenerator(1, 1, Width).to(device);
// var inputs20 = DigitRenderings.TopPart(train.Images, 20) * 2 - 1;
// var trainer3 = new ConditionalGanTrainer(network3, null, pixelOptions, device);
// using (var batches3 = new ShuffledBatches(targets, pixelOptions.Gan.BatchSize, conditions: inputs20))
// {
//     while (trainer3.Step < sharedSteps + branchSteps)
//     {
//         trainer3.TrainStep(batches3.NextWithConditions);
//     }
// }
//
// double? answer3 = evaluator.Accuracy(network3.Sample(DigitRenderings.TopPart(originals, 20) * 2 - 1), labels).Overall;
// ```
//
// Compare it with the 14-row L1-only model in the table: the difference is what six more visible rows — less ambiguity in the input — are worth to the same network and loss.
//
// </details>
ChapterApp.MarkdownCell("cell-40");

// ── cell-35 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer3 is null || network3 is null)
{
    Exercise.Check("3", answer3, expected: 0, tolerance: 0, hint: "var inputs20 = DigitRenderings.TopPart(train.Images, 20) * 2 - 1; train network3 on (targets, inputs20) with new ConditionalGanTrainer(network3, null, pixelOptions, device), then measure evaluator.Accuracy(network3.Sample(DigitRenderings.TopPart(originals, 20) * 2 - 1), labels).Overall.");
}
else
{
    var completions20 = network3.Sample(DigitRenderings.TopPart(originals, 20) * 2 - 1);
    var lastRowsError = (completions20 - originals).narrow(2, 20, 8).abs().mean().item<float>();   // rows 20–27, hidden in both tasks
    if (lastRowsError == (scores["top half"][1].Images - originals).narrow(2, 20, 8).abs().mean().item<float>())
        throw new ExerciseException("Exercise 3: network3's completions are the 14-row L1 model's: train a new network on 20-row inputs.");
    Exercise.Check("3", answer3, expected: evaluator.Accuracy(completions20, labels).Overall, tolerance: 1e-9,
        hint: "measure network3's own completions of DigitRenderings.TopPart(originals, 20) * 2 − 1 with evaluator.Accuracy(…, labels).Overall.");
}

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Notes: what else was tried
//
// Trial runs by the author before settling on this recipe, with the same 10,000 test digits and the same measurements;
// the branches drew their batches in a different order from this notebook's, and another engineer's training run
// shared the machine.
//
// * The same recipe, L1 only against L1 + adversarial with λ = 10 and with λ = 100 (pix2pix's weight): top half
//   L1 0.0506 / 0.0524 / 0.0504, accuracy 85.45 / 87.26 / 87.82 %, digit-FID 87.9 / 51.9 / 66.8; outline 0.0165 /
//   0.0159 / 0.0158, 98.46 / 98.55 / 98.55 %, digit-FID 2.57 / 2.28 / 2.44. The direction was the same as in this run,
//   and λ = 10 moved digit-FID further on both tasks, hence this chapter's choice. With one run per setting, the
//   differences between the two λ are within what a different batch order changes (the L1-only digit-FID was 87.9
//   there and 112.2 here).
// * Step costs at width 32, batch 64, one thread: an L1 step about 0.045 s, an adversarial step about 0.1 s (D's pass and
//   the patch scores) — hence the shared start, as in chapter 06b. A U-Net of width 64 (544,449 parameters) ran 2.6–2.7×
//   slower per step and was not tried further.
//
// ## Further reading
//
// * P. Isola, J.-Y. Zhu, T. Zhou and A. A. Efros, *Image-to-Image Translation with Conditional Adversarial Networks*
//   (pix2pix), CVPR 2017 — the U-Net generator, the patch discriminator that sees input and output, L1 + adversarial
//   loss, and the observation that a generator given noise ignores it.
// * O. Ronneberger, P. Fischer and T. Brox, *U-Net: Convolutional Networks for Biomedical Image Segmentation*, MICCAI
//   2015 — the encoder–decoder with skip connections.
// * D. Pathak, P. Krähenbühl, J. Donahue, T. Darrell and A. A. Efros, *Context Encoders: Feature Learning by
//   Inpainting*, CVPR 2016 — filling a hidden region with a reconstruction + adversarial loss, and why the reconstruction
//   loss alone gives blurry fills: this chapter's top-half task.
// * C. Li and M. Wand, *Precomputed Real-Time Texture Synthesis with Markovian Generative Adversarial Networks*, ECCV
//   2016 — the discriminator that judges patches.
// * J.-Y. Zhu, T. Park, P. Isola and A. A. Efros, *Unpaired Image-to-Image Translation using Cycle-Consistent
//   Adversarial Networks* (CycleGAN), ICCV 2017 — translation when no pairs exist (horses ↔ zebras).
ChapterApp.MarkdownCell("cell-36");

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-21:
record Scores(string Method, Tensor Images, double L1, double HiddenL1, double Accuracy, double Fid, double FidRatio, double Gray);
// Written by tools/ChapterApps; the SHA-256 of the lines above: 6173ab6f8505aa28078e6d4f2c785a7c008c5dbaebb919073b3b0a26e3663e14
