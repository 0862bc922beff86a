// Chapter "06c — Interactive generation" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../06c-walking-the-latent-space.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/06c-walking-the-latent-space.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/06c-walking-the-latent-space.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using System.Diagnostics;
using GanKit;
using GanKit.Display;
using GanKit.Latent;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;

ChapterApp.Start("../06c-walking-the-latent-space.ipynb", "06c — Interactive generation");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 06c — Interactive generation
//
// > What can we do with a trained generator's noise, and how interactive can a notebook make it?
//
// ![Left: six straight paths between two noise vectors (rows; t = 0 … 1 left to right); right: the spherical paths between the same ends. Drawn by the generator shipped in data/generator, from the author's full run of this notebook; section 3 draws your own](images/06c-straight-and-spherical.png)
//
// Chapter 05 ended with a generator that turns 100 random numbers into a handwritten digit. This chapter *walks* that
// space of random numbers, the latent space: it changes one digit of a grid and keeps the rest, draws paths from one
// noise vector to another (straight and spherical, and measures why the difference matters), shows the frames of a walk
// in a slider that runs in the browser without the kernel, and finds directions with the course's digit classifier — one
// that turns threes into eights, one that thickens strokes — and measures how often they do what their name says. It
// trains nothing; the full size runs in about two minutes on 2 CPU cores (97–119 s in three runs on a shared machine,
// 246 s in one with both cores heavily loaded; environment.md has the measurements). The last section says plainly what "interactive"
// can and cannot mean in a notebook.
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
// Everything a reader may want to change is here, seeds included: which digit of the grid the picker re-samples and
// with which noise, the two digits of the digit direction, and the steps taken along each direction. The smoke size
// measures on fewer samples; the pictures are the same kind.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
var gridSeed = 2026;                                           // the 64 noise vectors of the picker's grid
var pickIndex = 21;                                            // the digit to re-sample: 0–63, row by row
var pickSeed = 7;                                              // the seed of its new noise vector
var pathSeed = 3;                                              // the ends of the interpolation paths
var frames = 9;                                                // frames per path, both ends included (odd: the middle one is t = ½)
var pathPairs = CourseSize.Pick(full: 500, smoke: 50);         // pairs of ends measured along each path
var typicalCount = CourseSize.Pick(full: 100_000, smoke: 10_000);   // plain draws of z, for the typical norm
var sliderFrames = CourseSize.Pick(full: 17, smoke: 5);        // frames in the slider
var labelledCount = CourseSize.Pick(full: 4_000, smoke: 600);  // digits the classifier labels to find the directions
var freshCount = CourseSize.Pick(full: 2_000, smoke: 300);     // other digits the directions are measured on
var (fromDigit, toDigit) = (3, 8);                             // the digit direction: from threes towards eights
double[] digitSteps = [0, 0.5, 1, 1.5, 2, 3];                  // multiples of that direction
double[] inkSteps = [-2, -1, 0, 1, 2];                         // multiples of the thicker-strokes direction
Console.WriteLine($"grid seed {gridSeed}, re-sample digit {pickIndex} with seed {pickSeed}; paths: {frames} frames, {pathPairs:N0} pairs measured; directions from {labelledCount:N0} labelled digits, measured on {freshCount:N0} others");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## 1. The generator, and what "interactive" needs from it
//
// We load the generator shipped in `data/generator/` (chapter 05's DCGAN, trained for 60,000 steps as its README records)
// and the course's digit classifier (`data/classifier/`, 99.16 % on MNIST's test digits as its README records), which this
// chapter uses as its eyes: `Read` gives its
// ten probabilities for each digit.
//
// The generator has **batch normalisation** layers. In training mode they normalise each feature with the mean and
// spread of the *current batch*, and chapter 05 sampled that way. That makes one digit depend on the other noise
// vectors in its batch: fine for a grid of samples, wrong for a picker that promises to change one digit and keep the
// rest. In evaluation mode the layers use the averages stored during training instead, and each digit depends on its own
// noise only. The cells below measure both: they re-sample digit 0 of a 64-digit grid and report how far the *other* 63 moved,
// and they compare the two modes on the same noise.
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (code) ───────────────────────────────────────────────────────────────────────────────
var generator = DigitGan.LoadPretrained("../data/generator", device);      // in training mode, as chapter 05 samples it
var classifier = DigitClassifierWeights.Load("../data/classifier", device);
var noiseSize = generator.NoiseSize;                                         // the length of z: 100 for chapter 05's DCGAN

Tensor Draw(Tensor noise)                     // noise (n, noiseSize) → digits (n, 1, 28, 28) in [0, 1], in the generator's current mode
{
    using (no_grad()) return ((generator.call(noise) + 1) / 2).clamp(0, 1);
}

Tensor Read(Tensor digits)                    // digits → the classifier's probabilities (n, 10)
{
    using (no_grad()) return classifier.call(digits).softmax(1);
}
Console.WriteLine($"generator: noise of {noiseSize} numbers → a 28×28 digit; classifier: a digit → ten probabilities");

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// First the picker's promise: re-sample digit 0 of a 64-digit grid, once in each mode, and see how far the *other* 63
// digits move.
ChapterApp.MarkdownCell("cell-40");

// ── cell-41 (code) ───────────────────────────────────────────────────────────────────────────────
double OthersMoved(Tensor before, Tensor after, int changed) =>   // the largest pixel change outside digit `changed`
    cat([(before - after).narrow(0, 0, changed), (before - after).narrow(0, changed + 1, before.shape[0] - changed - 1)]).abs().max().item<float>();

var gridNoise = randn(new long[] { 64, noiseSize }, generator: new Generator((ulong)gridSeed, device), device: device);
var firstChanged = gridNoise.clone();
firstChanged[0] = randn(new long[] { noiseSize }, generator: new Generator(1, device), device: device);
var movedInTraining = OthersMoved(Draw(gridNoise), Draw(firstChanged), 0);
generator.eval();                                                           // from here on: stored statistics
var movedInEvaluation = OthersMoved(Draw(gridNoise), Draw(firstChanged), 0);
Console.WriteLine($"Re-sampling digit 0 of 64 moved the other 63 digits' pixels by up to {movedInTraining:F3} in training mode and {movedInEvaluation:F3} in evaluation mode (pixels in [0, 1]).");

// ── cell-42 (markdown) ───────────────────────────────────────────────────────────────────────────
// Then the two modes on the same noise: how much their digits differ, and whether the classifier reads them alike.
ChapterApp.MarkdownCell("cell-42");

// ── cell-43 (code) ───────────────────────────────────────────────────────────────────────────────
var sameNoise = randn(new long[] { freshCount, noiseSize }, generator: new Generator(5, device), device: device);
generator.train();
var inTraining = Draw(sameNoise);
generator.eval();
var inEvaluation = Draw(sameNoise);
var sameReading = Read(inTraining).argmax(1).eq(Read(inEvaluation).argmax(1)).to(float32).mean().item<float>();
Console.WriteLine($"The same {freshCount:N0} noise vectors in both modes: mean pixel difference {(inTraining - inEvaluation).abs().mean().item<float>():F4}; the classifier reads the same digit in {sameReading:P1} of them.");

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// So the rest of the chapter keeps the generator in evaluation mode: there a digit is a function of its own noise
// vector alone (the other digits moved by 0.000), while in training mode changing one noise vector shifted pixels of
// other digits by as much as the first of the two cells prints (0.537 in the author's full run). The digits of the two
// modes are close: in that run they differed by 0.008 per pixel on average (pixels in [0, 1]), and the classifier read
// the same digit in 94.8 % of them, about 19 of 20 (the second cell; the smoke size measures on fewer digits).
//
// ## 2. The picker: re-sample one digit, keep the rest
//
// Set `pickIndex` (0–63, row by row) and `pickSeed` in the settings cell and run this cell again: the digit at that
// place gets a new noise vector, every other digit keeps its own. Left the grid before, right after.
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
if (pickIndex is < 0 or > 63)
{
    throw new ArgumentOutOfRangeException(nameof(pickIndex), pickIndex, "pickIndex must name one of the grid's 64 digits: 0 to 63, row by row.");
}

var pickedNoise = gridNoise.clone();
pickedNoise[pickIndex] = randn(new long[] { noiseSize }, generator: new Generator((ulong)pickSeed, device), device: device);
var gridBefore = Draw(gridNoise);
var gridAfter = Draw(pickedNoise);
var (readBefore, readAfter) = (Read(gridBefore.narrow(0, pickIndex, 1)), Read(gridAfter.narrow(0, pickIndex, 1)));
Console.WriteLine($"Digit {pickIndex} (row {pickIndex / 8}, column {pickIndex % 8}): the classifier read a {readBefore.argmax(1).item<long>()} (p = {readBefore.max().item<float>():F2}) and now reads a {readAfter.argmax(1).item<long>()} (p = {readAfter.max().item<float>():F2}); " +
    $"the other 63 digits changed by at most {OthersMoved(gridBefore, gridAfter, pickIndex):F3}.");
ChapterApp.Display(SideBySide.Images(gridBefore, gridAfter, columns: 8, scale: 2));

// ── cell-10 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## 3. Straight and spherical paths
//
// The simplest walk from one noise vector **a** to another **b** is the straight line, (1 − t)·**a** + t·**b**. T. White
// (2016) pointed out that for a high-dimensional Gaussian this line leaves the region where the noise lives. A vector of
// 100 independent standard normal numbers has length close to √100 = 10, almost never much less; two such vectors are
// nearly perpendicular, so the midpoint of the line between them, (**a** + **b**) / 2, has length close to
// 10 / √2 ≈ 7.1. White's fix is spherical interpolation ("slerp", from Shoemake's 1985 rotations): follow the arc of the
// great circle from **a** to **b**, which keeps the length where it was. `LatentPath.Straight` and `LatentPath.Spherical`
// make both paths, ends included. The picture: six pairs, straight on the left, spherical on the right.
ChapterApp.MarkdownCell("cell-10");

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
if (frames < 3 || frames % 2 == 0)
{
    throw new ArgumentOutOfRangeException(nameof(frames), frames, "frames must be odd and at least 3, so that the middle frame is t = ½.");
}

var pathRandom = new Generator((ulong)pathSeed, device);
var starts = randn(new long[] { pathPairs, noiseSize }, generator: pathRandom, device: device);
var ends = randn(new long[] { pathPairs, noiseSize }, generator: pathRandom, device: device);
var straight = LatentPath.Straight(starts, ends, frames);          // (pairs, frames, 100)
var spherical = LatentPath.Spherical(starts, ends, frames);
ChapterApp.Display(SideBySide.Images(Draw(straight.narrow(0, 0, 6).reshape(-1, noiseSize)), Draw(spherical.narrow(0, 0, 6).reshape(-1, noiseSize)), columns: frames, scale: 2));

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// Both paths morph one digit into the other, and by eye they are hard to tell apart. The numbers: the length of every
// frame's noise vector, averaged over all the pairs, against the lengths of plain draws of z; and along each path the
// classifier's confidence (its top probability, averaged) and the share of frames it reads with p > 0.9.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
double[] PerFrame(Tensor values) => values.mean(new long[] { 0 }).to(float64).to(CPU).data<double>().ToArray();   // (pairs, frames) → mean per frame
(double[] Norm, double[] Confidence, double[] Sure) Measure(Tensor path)
{
    var top = Read(Draw(path.reshape(-1, noiseSize))).max(1).values.reshape(pathPairs, frames);
    return (PerFrame(path.norm(2)), PerFrame(top), PerFrame(top.gt(0.9).to(float32)));
}

var (straightMeasure, sphericalMeasure) = (Measure(straight), Measure(spherical));
var typicalNorms = randn(new long[] { typicalCount, noiseSize }, generator: new Generator(4, device), device: device).norm(1);
var midpointNorms = straight.select(1, frames / 2).norm(1);
var middle = frames / 2;
Console.WriteLine($"|z| of {typicalCount:N0} draws: mean {typicalNorms.mean().item<float>():F2}, standard deviation {typicalNorms.std().item<float>():F2}, smallest {typicalNorms.min().item<float>():F2}, largest {typicalNorms.max().item<float>():F2}");
var cosines = (starts * ends).sum(1) / (starts.norm(1) * ends.norm(1));
Console.WriteLine($"the {pathPairs:N0} pairs of ends: cosine of their angle {cosines.mean().item<float>():F3} on average, {cosines.abs().max().item<float>():F3} at the most in size (0 is perpendicular)");
Console.WriteLine($"straight midpoints: |z| median {midpointNorms.median().item<float>():F2}, largest {midpointNorms.max().item<float>():F2}; draws of z at or below that median: {typicalNorms.le(midpointNorms.median()).sum().item<long>()} of {typicalCount:N0}");
Console.WriteLine($"at t = ½: straight |z| {straightMeasure.Norm[middle]:F2}, confidence {straightMeasure.Confidence[middle]:F3}, read with p > 0.9 {straightMeasure.Sure[middle]:P1}; spherical |z| {sphericalMeasure.Norm[middle]:F2}, confidence {sphericalMeasure.Confidence[middle]:F3}, p > 0.9 {sphericalMeasure.Sure[middle]:P1}");
var (straightSure, sphericalSure) = (straightMeasure.Sure[middle], sphericalMeasure.Sure[middle]);
Console.WriteLine($"p > 0.9 at t = ½: spherical − straight = {100 * (sphericalSure - straightSure):+0.0;-0.0} points; standard error of that difference for {pathPairs:N0} pairs ≈ {100 * Math.Sqrt((straightSure * (1 - straightSure) + sphericalSure * (1 - sphericalSure)) / pathPairs):F1} points");
Console.WriteLine($"at the ends (t = 0 and 1, the same digits on both paths): confidence {straightMeasure.Confidence[0]:F3} and {straightMeasure.Confidence[^1]:F3}");

var positions = LatentPath.Positions(frames);
ChapterApp.Display(new PlotlyChart($"Along the paths ({pathPairs:N0} pairs): |z| (solid) and the classifier's confidence (dotted)", xTitle: "t", yTitle: "mean |z|")
    .Line("straight: |z|", positions, straightMeasure.Norm).Line("spherical: |z|", positions, sphericalMeasure.Norm)
    .Line("straight: confidence", positions, straightMeasure.Confidence, secondAxis: true, dash: "dot")
    .Line("spherical: confidence", positions, sphericalMeasure.Confidence, secondAxis: true, dash: "dot")
    .SecondAxis("mean top probability", 0, 1));

// ── cell-14 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read it. The lengths are White's argument in numbers: plain draws of z sit in a thin shell around 10 (standard
// deviation 0.7), and the straight path's middle frames lie far inside it, at lengths that none of the plain draws has
// (the count on the third line); the spherical path stays on the shell. Whether that *hurts* depends on the generator,
// and the confidence lines answer it for ours: in our full run (500 pairs) the classifier's confidence at t = ½ was 0.964
// on the straight paths and 0.965 on the spherical ones, against 0.968 and 0.973 at the ends, and the shares read with
// p > 0.9 were 88.2 % and 89.4 % — a difference of 1.2 points against a standard error of about 2.0 points for 500
// pairs (the fourth line), so no difference these pairs can resolve.
//
// Why might this generator not care much? One possible reason, which this chapter does not test: its first layer is a
// linear map followed by batch normalisation, which rescales each feature with stored statistics, so a shorter z mostly
// gives smaller inputs to that layer, nearer the stored mean rather than somewhere new. The next cell pushes further: it shrinks 8 noise vectors
// (and, for the numbers, all the pairs' start vectors) by a factor s, down to s = 0, the origin, which the straight path
// from **z** to **−z** passes through.
ChapterApp.MarkdownCell("cell-14");

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
double[] shrink = [1, 0.85, 0.7, 0.5, 0.3, 0];
foreach (var factor in shrink)
{
    var top = Read(Draw(starts * factor)).max(1).values;
    Console.WriteLine($"s = {factor,4}: |z| ≈ {Math.Sqrt(noiseSize) * factor,4:F1}, confidence {top.mean().item<float>():F3}, read with p > 0.9 {top.gt(0.9).to(float32).mean().item<float>(),6:P1}");
}
ChapterApp.Display(ImageGrid.ToPng(Draw(cat(shrink.Select(factor => starts.narrow(0, 0, 8) * factor).ToArray())), columns: 8, scale: 2));

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// Each row is the same 8 noise vectors, shrunk by s = 1, 0.85, 0.7, 0.5, 0.3 and 0 from top to bottom. The digits keep
// their identity down to about half the typical length; at s = 0.3 speckles appear around them, and at s = 0 every
// vector is the origin and the generator draws one and the same blurred, speckled blob eight times. So the straight midpoint (s ≈ 0.7 for two perpendicular vectors) is
// atypical for the noise but still inside what this generator tolerates; a path that passes near the origin is not. For
// generators that are more sensitive to the length of z, White's spherical path is the safe default, and it costs
// nothing.
//
// ## 4. A slider that needs no kernel
//
// A notebook cannot call back into the kernel from a slider here (the last section says why), so the slider below is a
// **precomputed** animation: `FrameSlider` takes a list of pictures and a label for each and writes one HTML output,
// with a row of steps to click. It is plain HTML and CSS — hidden radio buttons and style rules that show the frame whose
// button is checked — with no script, so nothing has to run in the browser or in the kernel when you click.
//
// Where it works, from the front ends' source code (VS Code's `extensions/notebook-renderers`, JupyterLab's
// `rendermime` and sanitizer); `tools/preview/render_outputs.py` screenshots every slider in headless Chromium as first
// shown, after a click on its last step, and without its style sheet, which is how the behaviour below was checked: in **VS Code** (Polyglot
// Notebooks or the Jupyter extension) HTML outputs are shown as they are in a trusted workspace, and not at all in an
// untrusted one. In **JupyterLab** the outputs you just produced are trusted and shown as they are; a notebook opened
// later from disk is untrusted until you trust it, and then JupyterLab's sanitizer removes style sheets (and scripts). A
// script-driven slider would stop there; this one falls back to showing every frame, one after another, each with its label.
// GitHub's notebook preview strips style sheets too.
//
// The frames: the spherical paths between 16 of the pairs above, 8 digits a row.
ChapterApp.MarkdownCell("cell-16");

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
var clock = Stopwatch.StartNew();
var walk = LatentPath.Spherical(starts.narrow(0, 0, 16), ends.narrow(0, 0, 16), sliderFrames);    // (16, sliderFrames, 100)
var walkFrames = Enumerable.Range(0, sliderFrames).Select(frame => ImageGrid.ToPng(Draw(walk.select(1, frame)), columns: 8, scale: 3)).ToList();
var walkSlider = new FrameSlider("Spherical paths between 16 pairs of noise vectors",
    LatentPath.Positions(sliderFrames).Select(t => $"t = {t:0.###}").ToList(), walkFrames);
var walkHtml = walkSlider.ToHtml();
Console.WriteLine($"{sliderFrames} frames drawn and encoded in {clock.Elapsed.TotalMilliseconds:F0} ms; the output is {walkHtml.Length / 1024.0:F0} KB of HTML with {(walkHtml.Contains("<script", StringComparison.OrdinalIgnoreCase) ? "a" : "no")} script.");
ChapterApp.Display(walkSlider);

// ── cell-18 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## 5. Directions found with the classifier
//
// Radford, Metz and Chintala (2015) did arithmetic with noise vectors: average the z's of faces with a smile, subtract
// the average of faces without one, and adding the difference to another face's z makes it smile. Here the classifier
// does the labelling. It reads `labelledCount` generated digits; the average noise vector of each class gives ten class
// means, and **the mean of the eights minus the mean of the threes** is a direction from three to eight. (This is the
// simplest member of a family: InterFaceGAN, Shen et al. 2020, fits a linear classifier in z and walks along its normal.)
//
// It is measured on *other* digits: `freshCount` new noise vectors, of which those read as threes are moved by
// step × direction, for the steps in the settings. The table gives, for each step, the share of those threes the
// classifier now reads as eights, the share still read as threes, and the mean length of the moved z. The picture: eight
// of them (rows) at each step (columns).
ChapterApp.MarkdownCell("cell-18");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
var labelledNoise = randn(new long[] { labelledCount, noiseSize }, generator: new Generator(8, device), device: device);
var labelledDigits = Draw(labelledNoise);
var labels = Read(labelledDigits).argmax(1);
var classCounts = Enumerable.Range(0, 10).Select(digit => labels.eq(digit).sum().item<long>()).ToArray();
var classMeans = stack(Enumerable.Range(0, 10).Select(digit => labelledNoise[labels.eq(digit)].mean(new long[] { 0 })).ToArray());   // (10, 100)
var digitDirection = classMeans[toDigit] - classMeans[fromDigit];
Console.WriteLine($"labelled digits per class 0–9: {string.Join(", ", classCounts)}; the direction {fromDigit} → {toDigit} has length {digitDirection.norm().item<float>():F2}");

var freshNoise = randn(new long[] { freshCount, noiseSize }, generator: new Generator(9, device), device: device);
var freshDigits = Draw(freshNoise);
var freshLabels = Read(freshDigits).argmax(1);

Tensor Moved(Tensor noise, Tensor direction, double[] steps) =>   // (n, 100) → (n, steps, 100): noise + step · direction
    stack(steps.Select(step => noise + step * direction).ToArray(), 1);

ResultTable DirectionTable(string title, Tensor noise, Tensor direction, double[] steps, int target, int source)
{
    var moved = Moved(noise, direction, steps);                                    // (n, steps, 100)
    var read = Read(Draw(moved.reshape(-1, noiseSize))).argmax(1).reshape(noise.shape[0], steps.Length);
    var cells = steps.Select((_, step) => (IReadOnlyList<string>)[
        $"{read.select(1, step).eq(target).to(float32).mean().item<float>():P1}",
        $"{read.select(1, step).eq(source).to(float32).mean().item<float>():P1}",
        $"{moved.select(1, step).norm(1).mean().item<float>():F2}"]).ToList();
    return new ResultTable(title, [$"read as {target}", $"still read as {source}", "mean |z|"], steps.Select(step => $"step {step}").ToList(), cells);
}

var threes = freshNoise[freshLabels.eq(fromDigit)];
var digitTable = DirectionTable($"The direction {fromDigit} → {toDigit} on the {threes.shape[0]} fresh digits read as {fromDigit}", threes, digitDirection, digitSteps, toDigit, fromDigit);
ChapterApp.Display(digitTable);
ChapterApp.Display(ImageGrid.ToPng(Draw(Moved(threes.narrow(0, 0, Math.Min(8, threes.shape[0])), digitDirection, digitSteps).reshape(-1, noiseSize)), columns: digitSteps.Length, scale: 2));

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read it: step 0 is the digits as drawn (all read as threes, by construction). A step of 1 adds the whole
// difference of the class means; the table shows how the share of eights grows with the step while the length of z stays
// within the range of plain draws (the direction is short next to z). In the full-size run's picture most threes close their
// left side into loops; some pass through another digit on the way (the last row through a nine), and a few of the digits the
// classifier read as threes are not clear threes to begin with. Not every pair of digits works as well: exercise 2 tries
// four into nine.
//
// ### Thicker strokes
//
// A direction need not be a class. The amount of ink — the mean brightness of a digit's pixels — varies within every
// class. For each class the cell takes the labelled digits with the most ink (top quarter) and the least (bottom
// quarter), and averages the difference of their mean noise vectors over the ten classes. Because thick and thin digits
// are not spread evenly over the classes, that difference still carries some class change; the cell removes the part
// that lies in the span of the ten class means (a projection, with an orthonormal basis from a QR decomposition), so what
// is left changes the class as little as a linear direction can. The table measures it on all the fresh digits: the
// mean ink at each step, its change against step 0, and the share of digits the classifier still reads as the class it
// read at step 0.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
var ink = labelledDigits.mean(new long[] { 1, 2, 3 });                                     // (labelledCount): mean brightness
var inkDirection = zeros(noiseSize, device: device);
for (var digit = 0; digit < 10; digit++)
{
    var members = labels.eq(digit).nonzero().squeeze(1);
    var quarter = (int)(members.shape[0] / 4);
    var byInk = members.index_select(0, ink.index_select(0, members).argsort());            // this class, least ink first
    var thin = labelledNoise.index_select(0, byInk.narrow(0, 0, quarter)).mean(new long[] { 0 });
    var thick = labelledNoise.index_select(0, byInk.narrow(0, members.shape[0] - quarter, quarter)).mean(new long[] { 0 });
    inkDirection += (thick - thin) / 10;
}

var lengthBefore = inkDirection.norm().item<float>();
var (classBasis, _) = linalg.qr((classMeans - classMeans.mean(new long[] { 0 }, keepdim: true)).T);   // (100, 10)
classBasis = classBasis.narrow(1, 0, 9);                                                    // the centred means span 9 dimensions
inkDirection -= classBasis.matmul(classBasis.T.matmul(inkDirection));
Console.WriteLine($"thicker-strokes direction: length {lengthBefore:F2}, {inkDirection.norm().item<float>():F2} after removing its part along the class means");

var movedByInk = Draw(Moved(freshNoise, inkDirection, inkSteps).reshape(-1, noiseSize)).reshape(freshCount, inkSteps.Length, 1, 28, 28);
var inkAtStep = inkSteps.Select((_, step) => movedByInk.select(1, step).mean().item<float>()).ToArray();
var keptAtStep = inkSteps.Select((_, step) => Read(movedByInk.select(1, step)).argmax(1).eq(freshLabels).to(float32).mean().item<float>()).ToArray();
var baseline = inkAtStep[Array.IndexOf(inkSteps, 0.0)];
ChapterApp.Display(new ResultTable($"The thicker-strokes direction on {freshCount:N0} fresh digits", ["mean ink", "change", "same class as at step 0"],
    inkSteps.Select(step => $"step {step}").ToList(),
    inkSteps.Select((_, step) => (IReadOnlyList<string>)[$"{inkAtStep[step]:F3}", $"{inkAtStep[step] / baseline - 1:+0%;-0%;0%}", $"{keptAtStep[step]:P1}"]).ToList()));

// ── cell-22 (markdown) ───────────────────────────────────────────────────────────────────────────
// The steps are symmetric around 0, so the negative steps thin the strokes. Ink and class are not fully separated: at
// step 2 about one digit in five is read as another class (the table), and in the full-size run's picture below strokes
// merge into blobs and in two rows a thin nine becomes a thick four. The same direction, applied to 16 fresh digits, as a slider over the steps and
// as a picture of the first 8 (rows the digits, columns the steps):
ChapterApp.MarkdownCell("cell-22");

// ── cell-23 (code) ───────────────────────────────────────────────────────────────────────────────
var inkFrames = inkSteps.Select((_, step) => ImageGrid.ToPng(movedByInk.select(1, step).narrow(0, 0, 16), columns: 8, scale: 3)).ToList();
ChapterApp.Display(new FrameSlider("Thicker strokes: the same 16 digits moved along the direction", inkSteps.Select(step => $"step {step}").ToList(), inkFrames, selected: Array.IndexOf(inkSteps, 0.0)));
ChapterApp.Display(ImageGrid.ToPng(movedByInk.narrow(0, 0, 8).reshape(-1, 1, 28, 28), columns: inkSteps.Length, scale: 2));

// ── cell-24 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## 6. What "interactive" can and cannot mean in a notebook
//
// A notebook is a document with a program behind it, and the two meet only when a cell runs. So, in this course's
// notebooks:
//
// * **What works.** *Re-running a cell* with a changed setting, like the picker: the kernel redraws a grid in a fraction of a
//   second (the cell below times it on this machine), but every change is a run. *Precomputed frames* in an HTML output, like the
//   sliders: instant, no kernel, works in a saved file where the front end shows HTML — but it can show only the frames
//   computed in advance, so a step between two frames needs a re-run with more frames. *Displays that update in place*
//   while a cell runs (`display(x)` and then `.Update(y)`, as chapter 05's training pictures do).
// * **What does not.** A slider or button *wired to the kernel*, where moving it computes a new picture — Python's
//   ipywidgets. The .NET kernel has no such widgets: the request for them (dotnet/interactive issue #35, 2020) was never
//   closed, and the repository was archived in 2026. Anything that runs script in the output is at the mercy of the
//   front end's trust rules (section 4). And a notebook on GitHub, or any static copy, shows the last run's pictures,
//   nothing live.
ChapterApp.MarkdownCell("cell-24");

// ── cell-25 (code) ───────────────────────────────────────────────────────────────────────────────
var timings = new List<(string What, double Milliseconds)>();
foreach (var count in new[] { 1, 64 })
{
    var noise = randn(new long[] { count, noiseSize }, generator: new Generator(10, device), device: device);
    Draw(noise);                                                                // once to warm up
    var times = Enumerable.Range(0, 20).Select(_ => { var watch = Stopwatch.StartNew(); ImageGrid.ToPng(Draw(noise), columns: 8); return watch.Elapsed.TotalMilliseconds; }).Order().ToList();
    timings.Add(($"{count} digit{(count == 1 ? "" : "s")}", times[10]));
}
Console.WriteLine($"Drawing and encoding, median of 20 on {session.Device.type}: {string.Join("; ", timings.Select(timing => $"{timing.What} {timing.Milliseconds:F1} ms"))}.");
var stepOf = (double step) => Array.IndexOf(digitSteps, step);
Console.WriteLine($"Result: straight paths' midpoints have |z| {straightMeasure.Norm[middle]:F2} against {sphericalMeasure.Norm[middle]:F2} on the spherical paths (draws of z: {typicalNorms.mean().item<float>():F2} ± {typicalNorms.std().item<float>():F2}), " +
    $"classifier confidence there {straightMeasure.Confidence[middle]:F3} vs {sphericalMeasure.Confidence[middle]:F3}; the {fromDigit} → {toDigit} direction at step 2 turns {digitTable.Cells[stepOf(2)][0]} of fresh {fromDigit}s into {toDigit}s; " +
    $"the thicker-strokes direction at step 1 changes the ink by {inkAtStep[Array.IndexOf(inkSteps, 1.0)] / baseline - 1:+0%;-0%} and keeps {keptAtStep[Array.IndexOf(inkSteps, 1.0)]:P0} of the classes.");

// ── cell-26 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// * A generator with batch normalisation must be sampled in **evaluation mode** for anything that should change one
//   digit and keep the rest: in training mode each digit depends on its whole batch.
// * **Straight paths** between two Gaussian noise vectors pass through lengths that plain draws of z essentially never
//   have (≈ 7 against ≈ 10 in 100 dimensions); **spherical paths** stay on the shell (White 2016). This generator
//   tolerates the straight midpoint but not the origin; spherical is the safe default.
// * A **slider** in a notebook is precomputed frames in one HTML output; GanKit's `FrameSlider` needs no script and
//   falls back to a row of frames where the style sheet is stripped.
// * **Directions** come from labelled samples: the difference of class means turned 90 % of fresh threes into eights at
//   step 2 in our full run; a thicker-strokes direction, with its class part removed, added 28 % ink at step 1 and kept
//   89 % of the classes.
//   Every such direction is measured, not assumed: the tables say how often it does what its name says.
// * GanKit gained `LatentPath` (straight and spherical paths between noise vectors) and `FrameSlider`.
//
// ## Exercises
//
// Each exercise has a cell for your code and answer and a cell that checks it against what your code computed.
ChapterApp.MarkdownCell("cell-26");

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** Over *all* the straight paths of section 3 (`straight`: every pair, every frame, ends included), what share of
// the frames have a noise vector shorter than the shortest of the plain draws in `typicalNorms`? Store it in `answer1`
// (a number between 0 and 1), then compute the same share for `spherical`.
ChapterApp.MarkdownCell("cell-36");

// ── cell-27 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer1 = null;

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer1 = straight.norm(2).lt(typicalNorms.min()).to(float64).mean().item<double>();
// Console.WriteLine($"spherical: {spherical.norm(2).lt(typicalNorms.min()).to(float64).mean().item<double>():P1}");
// ```
//
// A share of the straight paths' frames are shorter than every plain draw — noise vectors unlike any the generator met in training — and the spherical ones are not.
//
// </details>
ChapterApp.MarkdownCell("cell-37");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("1", answer1, expected: straight.norm(2).lt(typicalNorms.min()).to(float64).mean().item<double>(), tolerance: 1e-6,
    hint: "straight has shape (pairs, frames, noiseSize); norm(2) gives each frame's length; compare with typicalNorms.min() and take the mean of the comparison.");

// ── cell-29 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** Not every digit direction works equally well. Make the direction from **4** to **9** from the class means of
// section 5 (`classMeans`), apply it with step 2 to the fresh digits read as fours (`freshNoise`, `freshLabels`), and
// store in `answer2` the share the classifier reads as nines. Compare with the three-to-eight table. (`DirectionTable`
// does the work if you give it the right arguments.)
ChapterApp.MarkdownCell("cell-29");

// ── cell-30 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null;

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var fours = freshNoise[freshLabels.eq(4)];
// var fourToNine = classMeans[9] - classMeans[4];
// double? answer2 = Read(Draw(fours + 2 * fourToNine)).argmax(1).eq(9).to(float64).mean().item<double>();
// ```
//
// Compare with the three-to-eight table at step 2: a class-mean direction works as well as the two classes' regions of noise space are separated along it.
//
// </details>
ChapterApp.MarkdownCell("cell-38");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
var fours = freshNoise[freshLabels.eq(4)];
var foursAtTwo = Read(Draw(fours + 2 * (classMeans[9] - classMeans[4]))).argmax(1).eq(9).to(float64).mean().item<double>();
Exercise.Check("2", answer2, expected: foursAtTwo, tolerance: 0.5 / fours.shape[0],
    hint: "the direction is classMeans[9] - classMeans[4]; the fours are freshNoise[freshLabels.eq(4)]; read Draw(fours + 2 * direction) and count the nines.");

// ── cell-32 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** How much does training mode disturb the picker? Put the generator in training mode (`generator.train()`),
// redraw the picker's two grids (`gridNoise` and `pickedNoise`), store in `answer3` the largest pixel change among the
// digits *other than* `pickIndex` (`OthersMoved` computes it), and put the generator back with `generator.eval()`.
ChapterApp.MarkdownCell("cell-32");

// ── cell-33 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer3 = null;

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// generator.train();
// double? answer3 = OthersMoved(Draw(gridNoise), Draw(pickedNoise), pickIndex);
// generator.eval();
// ```
//
// In training mode batch normalisation uses the batch's own statistics, so changing one digit's noise moves the other digits of the grid; in evaluation mode the same change moves nothing else.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-34 (code) ───────────────────────────────────────────────────────────────────────────────
generator.train();
var movedByPicker = OthersMoved(Draw(gridNoise), Draw(pickedNoise), pickIndex);
generator.eval();                                                               // back to evaluation mode, whatever the cell above did
Exercise.Check("3", answer3, expected: movedByPicker, tolerance: 1e-6,
    hint: "in training mode: OthersMoved(Draw(gridNoise), Draw(pickedNoise), pickIndex); then generator.eval().");

// ── cell-35 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * A. Radford, L. Metz, S. Chintala, *Unsupervised Representation Learning with Deep Convolutional Generative
//   Adversarial Networks*, 2015: walking the latent space, and arithmetic with averaged noise vectors.
// * T. White, *Sampling Generative Networks*, 2016: spherical interpolation, and attribute vectors from labelled samples.
// * K. Shoemake, *Animating Rotation with Quaternion Curves*, SIGGRAPH 1985: where "slerp" comes from.
// * Y. Shen, J. Gu, X. Tang, B. Zhou, *Interpreting the Latent Space of GANs for Semantic Face Editing* (InterFaceGAN),
//   2020: directions as the normals of linear classifiers in z, and removing one attribute's part from another's
//   direction by projection.
// * dotnet/interactive issue #35, *Interactive widgets in Jupyter Notebooks* (2020): the widget support the .NET kernel
//   never got; JupyterLab's `packages/apputils/src/sanitizer.ts` and `packages/rendermime/src/renderers.ts`: what an
//   untrusted HTML output keeps.
ChapterApp.MarkdownCell("cell-35");

ChapterApp.Finish();
// Written by tools/ChapterApps; the SHA-256 of the lines above: 999a51344a7730eb00f6c588f08847768ef0a3cd8d43b92e77bb3f4b997f6cf2
