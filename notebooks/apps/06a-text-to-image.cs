// Chapter "06a — Text to image: a conditional GAN" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../06a-text-to-image.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/06a-text-to-image.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/06a-text-to-image.html, named in its last line.
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

ChapterApp.Start("../06a-text-to-image.ipynb", "06a — Text to image: a conditional GAN");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 06a — Text to image: a conditional GAN
//
// > Can we tell a GAN what to draw?
//
// ![The year 2026 written by the conditional generator, five styles (rows) of the same four digits, from the author's full run of this notebook (3,500 steps, seed 1); step 6 writes your own](images/06a-2026.png)
//
// The article closes with what GANs are used for, and the first use it names is turning a text into an image: a
// caption goes in, a picture of it comes out. Chapter 05's generator cannot be told anything: it turns noise into *some*
// digit. This chapter gives both networks one more input, the **condition**: the generator gets the label of the digit it
// must draw next to its noise, and the discriminator gets the label next to the image it judges (Mirza and Osindero
// 2014). Our "text" is a string of digits such as "2026", and the measure of success is whether the course's digit
// classifier reads back what was asked, digit by digit, while the digits still look like MNIST.
//
// Run times (2 CPU cores, one intra-op thread): smoke size about half a minute; full size about 13 minutes, 11 of them
// training (environment.md has the measurements). The cells print how long each part took.
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
// Everything a reader may change is here: the seed, the training length, the optimizer's settings (chapter 05's DCGAN
// values: Adam at 2e-4 with β1 = 0.5, batch 64, the non-saturating loss), how many digits each measurement uses, and
// the text to write.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
var seed = 1;
var trainingSteps = CourseSize.Pick(full: 3_500, smoke: 40);
var options = new ConditionalGanOptions
{
    Gan = new GanTrainerOptions { BatchSize = 64, GeneratorLearningRate = 2e-4, DiscriminatorLearningRate = 2e-4, Beta1 = 0.5, Loss = GanLoss.NonSaturating },
};
var noiseSize = 100;                                                     // the length of z, as in chapter 05
var evaluationSamples = CourseSize.Pick(full: 10_000, smoke: 1_000);     // label-balanced: a tenth asks for each digit
var measureEvery = CourseSize.Pick(full: 250, smoke: 20);                // label accuracy during training, every this many steps
var watchCount = 500;                                                    // on this many digits from fixed noise, a tenth per label
var text = "2026";                                                       // what step 6 writes; digits only
var styles = 5;                                                          // rows of step 6's picture: one noise vector each
var styleCount = CourseSize.Pick(full: 200, smoke: 50);                  // noise vectors in step 7's measurement
var homeworkSteps = CourseSize.Pick(full: 1_000, smoke: 20);             // training steps of exercise 1
Console.WriteLine($"{trainingSteps:N0} training steps (batch {options.Gan.BatchSize}), label accuracy every {measureEvery} steps, {evaluationSamples:N0} digits per measurement, seed {seed}");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 1 — digits with their labels
//
// Chapter 05 used only MNIST's images. Here every training digit comes with its label, and the two travel together:
// `ShuffledBatches` draws each batch's digits and their labels in the same random order. Ten real digits of each label:
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (code) ───────────────────────────────────────────────────────────────────────────────
var train = Mnist.Load("../data/mnist", MnistSplit.Train, device: device);
var test = Mnist.Load("../data/mnist", MnistSplit.Test, device: device);
Tensor realImages;                                                   // (60000, 1, 28, 28) in (−1, 1), what D sees
using (NewDisposeScope()) realImages = (train.Images * 2 - 1).MoveToOuterDisposeScope();
Tensor realByLabel;                                                  // ten test digits per label, one row per label
using (NewDisposeScope())
{
    var rows = Enumerable.Range(0, 10).Select(label => test.Images.index_select(0, test.Labels.eq(label).nonzero().squeeze(1).narrow(0, 0, 10)));
    realByLabel = cat(rows.ToArray(), 0).MoveToOuterDisposeScope();
}
var labelCounts = bincount(train.Labels, minlength: 10).to(CPU).data<long>().ToArray();
Console.WriteLine($"training digits per label: {string.Join(", ", labelCounts.Select((count, label) => $"{label}: {count:N0}"))}");
ChapterApp.Display(ImageGrid.ToPng(realByLabel, columns: 10));

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 2 — two networks that take a label
//
// **The generator** is chapter 05's DCGAN generator with one addition: a table of ten learned vectors, one per digit
// (an *embedding*, `Embedding(10, 10)`). The label picks its vector, which is appended to the noise, so the network sees
// 110 numbers instead of 100: the label says *which* digit, the noise is left to say *how* it is written. Its forward
// pass, from `lib/GanKit/Models/ConditionalDcganGenerator.cs`:
//
// ```csharp
// public override Tensor forward(Tensor noise, Tensor labels) =>
//     body.call(cat([noise, labelEmbedding.call(labels)], 1));      // (batch, 100 + 10) → (batch, 1, 28, 28)
// ```
//
// **The discriminator** must answer a harder question than in chapter 05: not "is this a real digit?" but "is this a
// real digit *of this label*?" A perfect "3" labelled 7 is a forgery. Mirza and Osindero fed the label to both networks
// as a one-hot vector; we use the **projection** discriminator of Miyato and Koyama (2018), which keeps chapter 05's
// convolutional features φ(x) and adds to its score the dot product of φ(x) with a learned vector for the label:
// score(x, y) = w·φ(x) + b + e(y)·φ(x). From `lib/GanKit/Models/ProjectionDiscriminator.cs`:
//
// ```csharp
// var imageFeatures = features.call(images);                              // (batch, 2048): chapter 05's three convolutions
// return score.call(imageFeatures) + (labelEmbedding.call(labels) * imageFeatures).sum(1, keepdim: true);   // (batch, 1)
// ```
//
// Other ways to give D the label exist: ten extra input planes, one-hot (closest to Mirza and Osindero), or an extra
// classification head that must name the digit (AC-GAN, Odena et al. 2017). The networks, layer by layer, on a batch of
// four noise vectors with the labels 2, 0, 2, 6:
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
manual_seed(seed);
var generator = new ConditionalDcganGenerator(noiseSize, width: 32);
var discriminator = new ProjectionDiscriminator(classes: 10, width: 32);
generator.to(device);
discriminator.to(device);
var exampleLabels = from_array(new long[] { 2, 0, 2, 6 }, device: device);
ChapterApp.Display(LayerTable.Of("Conditional generator: (z, label) → image", generator, randn(4, noiseSize, device: device), exampleLabels));
ChapterApp.Display(LayerTable.Of("Projection discriminator: (image, label) → score", discriminator, zeros(4, 1, 28, 28, device: device), exampleLabels));

// ── cell-10 (markdown) ───────────────────────────────────────────────────────────────────────────
// The shape check: noise and labels in, images out, and the same labels go with the images into D.
ChapterApp.MarkdownCell("cell-10");

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
string Shape(Tensor tensor) => "(" + string.Join(", ", tensor.shape) + ")";
using (NewDisposeScope())
using (no_grad())
{
    var noise = randn(4, noiseSize, device: device);
    var images = generator.call(noise, exampleLabels);
    var scores = discriminator.call(images, exampleLabels);
    Console.WriteLine($"z {Shape(noise)} + labels {Shape(exampleLabels)} → G → images {Shape(images)} in [{images.min().item<float>():F2}, {images.max().item<float>():F2}]");
    Console.WriteLine($"images {Shape(images)} + labels {Shape(exampleLabels)} → D → scores {Shape(scores)}");
    Console.WriteLine($"the same image under labels 0 … 9 scores {string.Join(" ", discriminator.call(images.narrow(0, 0, 1).expand(10, 1, 28, 28), arange(10, dtype: int64, device: device)).to(CPU).data<float>().Select(score => score.ToString("F3")))}");
}

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 3 — how we will measure
//
// Two questions, two numbers:
//
// * **Does it draw what it is asked?** The course's digit classifier (99 % right on MNIST's test digits, chapter 05)
//   reads each generated digit; the *label accuracy* is the share it reads as the label that was asked, per digit and
//   overall. The target for this chapter is 95 % or more.
// * **Do the digits look like MNIST?** Chapter 05's digit-FID, on a label-balanced sample (the same number of each
//   digit, as in the test set), against the real-data floor (training digits against test digits).
//
// The classifier's accuracy on real test digits is the ceiling the label accuracy can be compared with.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
var classifier = DigitClassifierWeights.Load("../data/classifier", device);
var clock = Stopwatch.StartNew();
var evaluator = DigitEvaluator.Create(classifier, train, test, evaluationSamples);
var realAccuracy = evaluator.Accuracy(test.Images.narrow(0, 0, evaluationSamples), test.Labels.narrow(0, 0, evaluationSamples));
Console.WriteLine($"Real-data floor: digit-FID {evaluator.Floor:F2} ({evaluationSamples:N0} training against {evaluationSamples:N0} test digits, {clock.Elapsed.TotalSeconds:F0} s)");
Console.WriteLine($"The classifier on {evaluationSamples:N0} real test digits: {realAccuracy}");

// count / 10 of each label, interleaved (0, 1, …, 9, 0, 1, …): any stretch of the sample holds every label, which the
// IS-style score needs, as it scores the sample in consecutive parts.
Tensor BalancedLabels(int count) => arange(10, dtype: int64, device: device).repeat(count / 10);

// ── cell-14 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 4 — training with labels
//
// The two passes of chapter 03, with the labels along: in pass 1 D sees each real digit with its own label and a forgery
// made for the same label; in pass 2 G is rewarded when D accepts its digit *under the label it was given*.
// `ConditionalGanTrainer` runs them. Every `measureEvery` steps the classifier reads `watchCount` digits drawn from fixed
// noise, a tenth per label, so the label accuracy can be watched as it grows; the picture shows ten fixed styles (rows)
// for the ten labels (columns). First what the loop will record and draw: the loss records, the watched noise and
// labels, the picture's noise and labels, and the chart of all of it.
ChapterApp.MarkdownCell("cell-14");

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
var losses = new List<GameRecord>();                                                // losses and D's verdicts every 10 steps
var accuracyHistory = new List<(int Step, double Accuracy)>();
var watchNoise = randn(new long[] { watchCount, noiseSize }, generator: new Generator(2026, device), device: device);
var watchLabels = BalancedLabels(watchCount);
var gridNoise = watchNoise.narrow(0, 0, 10).repeat_interleave(10, 0);               // ten styles, each for the labels 0 … 9
var gridLabels = arange(10, dtype: int64, device: device).repeat(10);

PlotlyChart Curves() => TrainingCurves.Of("Conditional DCGAN: losses (solid), D's mean verdicts (dotted) and label accuracy", losses,
        onReal: "D(x, y) on real", onGenerated: "D(G(z, y), y) on generated", verdictAxis: "verdict / accuracy")
    .Line("label accuracy", accuracyHistory.Select(point => point.Step), accuracyHistory.Select(point => point.Accuracy), secondAxis: true, color: "black");

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// The loop: one `TrainStep` per step (pass 1 and pass 2, labels included), D's and G's losses recorded every 10 steps,
// and every `measureEvery` steps the label accuracy on the `watchCount` watched digits, the picture and the chart.
ChapterApp.MarkdownCell("cell-40");

// ── cell-41 (code) ───────────────────────────────────────────────────────────────────────────────
var trainer = new ConditionalGanTrainer(generator, discriminator, options, device);
var batches = new ShuffledBatches(realImages, options.Gan.BatchSize, conditions: train.Labels);
var progress = new TrainingProgress("Conditional DCGAN on MNIST", trainingSteps);
var curves = LiveOutput.Show(Curves());
clock.Restart();
while (trainer.Step < trainingSteps)
{
    var result = trainer.TrainStep(batches.NextWithConditions);     // pass 1 (D) and pass 2 (G), labels included
    var step = trainer.Step;
    if (step % 10 == 0 || step == trainingSteps)
        losses.Add(GameRecord.Of(result));
    var measure = step % measureEvery == 0 || step == trainingSteps;
    if (measure) accuracyHistory.Add((step, evaluator.Accuracy(generator.Sample(watchLabels, watchNoise), watchLabels).Overall));
    if (measure || progress.IsDue(step))
    {
        progress.Report(step, measure ? ImageGrid.ToPng(generator.Sample(gridLabels, gridNoise), columns: 10) : null,
            ("D loss", result.Discriminator.Value.Loss), ("G loss", result.Generator.AdversarialLoss), ("label accuracy", accuracyHistory.Count == 0 ? double.NaN : accuracyHistory[^1].Accuracy));
        if (measure) curves.Update(Curves());
    }
}
var trainingSeconds = clock.Elapsed.TotalSeconds;
Console.WriteLine($"{trainingSteps:N0} steps in {trainingSeconds:F0} s ({trainingSteps / trainingSeconds:F1} steps/s); label accuracy on the {watchCount} watched digits: {accuracyHistory[^1].Accuracy:P1}");

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 5 — the measurements
//
// A fresh label-balanced sample of `evaluationSamples` digits (a tenth asks for each label), read by the classifier and
// compared with the test digits by digit-FID. Both use the generator in evaluation mode: batch normalisation uses the
// statistics it collected in training, so a digit does not depend on the others drawn with it. The report line is chapter
// 05's, ending with its verdict against chapter 05's bar for unconditional digits (digit-FID at most 10× the floor, class
// KL at most 0.02, precision and recall at least 0.7).
ChapterApp.MarkdownCell("cell-16");

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
var askedLabels = BalancedLabels(evaluationSamples);
var generatedDigits = generator.Sample(askedLabels, random: new Generator(7, device));
var accuracy = evaluator.Accuracy(generatedDigits, askedLabels);
var report = evaluator.Evaluate(generatedDigits);
ChapterApp.Display(new ResultTable("Label accuracy per digit: the share the classifier reads as the label asked", [.. Enumerable.Range(0, 10).Select(label => label.ToString()), "all"],
    ["generated", "real test digits"],
    [[.. accuracy.PerClass.Select(share => $"{share:P1}"), $"{accuracy.Overall:P1}"], [.. realAccuracy.PerClass.Select(share => $"{share:P1}"), $"{realAccuracy.Overall:P1}"]]));
ChapterApp.Display(new PlotlyChart("Label accuracy per digit", xTitle: "digit asked", yTitle: "read back as asked")
    .Bars("generated", Enumerable.Range(0, 10), accuracy.PerClass).Bars("real test digits", Enumerable.Range(0, 10), realAccuracy.PerClass).YRange(0, 1));
Console.WriteLine($"generated: {report}");
var (worstLabel, worstAccuracy) = accuracy.Worst;
Console.WriteLine($"Result: label accuracy {accuracy.Overall:P1} over {evaluationSamples:N0} digits (target ≥ 95 %; real test digits {realAccuracy.Overall:P1}; worst digit {worstLabel} at {worstAccuracy:P1}); " +
    $"digit-FID {report.Fid:F2}, {report.FidRatio:F1}× the floor {evaluator.Floor:F2}; after {trainingSteps:N0} steps ({trainingSeconds / 60:F1} min)");

// ── cell-18 (markdown) ───────────────────────────────────────────────────────────────────────────
// Which digits does the classifier read as something else? The rows are the labels asked, the columns what the
// classifier read, in percent of the row:
ChapterApp.MarkdownCell("cell-18");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
var readAs = evaluator.Classify(generatedDigits);
var confusion = zeros(new long[] { 10, 10 }, dtype: float64, device: device).index_put_(ones(evaluationSamples, dtype: float64, device: device), [askedLabels, readAs], accumulate: true).to(CPU);
var perRow = evaluationSamples / 10;
ChapterApp.Display(new ResultTable("Asked (rows) and read (columns), % of each row", [.. Enumerable.Range(0, 10).Select(label => label.ToString())], [.. Enumerable.Range(0, 10).Select(label => $"asked {label}")],
    [.. Enumerable.Range(0, 10).Select(row => (IReadOnlyList<string>)Enumerable.Range(0, 10).Select(column => confusion[row, column].item<double>() == 0 ? "·" : $"{100 * confusion[row, column].item<double>() / perRow:F1}").ToList())]));

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 6 — text to image
//
// Type any string of digits into `text` in the settings (or here) and run the cell: each character becomes a label, each
// row uses **one** noise vector for every character, so a row is written in one "hand", and the rows differ only in
// their noise. Under the picture, the classifier reads each row back.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
Tensor LabelsOf(string digits)
{
    var others = digits.Where(character => !char.IsAsciiDigit(character)).Distinct().Select(character => $"'{character}'").ToList();
    if (digits.Length == 0 || others.Count > 0)
        throw new ArgumentException(digits.Length == 0 ? "The text is empty: write at least one digit." : $"The generator knows ten labels, the digits 0–9; \"{digits}\" also has {string.Join(", ", others)}. Write digits only.");
    return from_array(digits.Select(character => (long)(character - '0')).ToArray(), device: device);
}

(PngImage Picture, List<string> ReadBack) Write(string digits, int rows, int noiseSeed)
{
    var labels = LabelsOf(digits).repeat(rows);                                                      // row after row
    var noise = randn(new long[] { rows, noiseSize }, generator: new Generator((ulong)noiseSeed, device), device: device).repeat_interleave(digits.Length, 0);
    var images = generator.Sample(labels, noise);
    var read = evaluator.Classify(images).to(CPU).data<long>().ToArray();
    var readBack = Enumerable.Range(0, rows).Select(row => string.Concat(read.Skip(row * digits.Length).Take(digits.Length))).ToList();
    return (ImageGrid.ToPng(images, columns: digits.Length, scale: 3), readBack);
}

var (written, readBack) = Write(text, styles, noiseSeed: 11);
ChapterApp.Display(written);
Console.WriteLine($"asked \"{text}\"; the classifier reads the rows as {string.Join(", ", readBack.Select(row => $"\"{row}\""))} ({readBack.Count(row => row == text)} of {styles} rows exactly)");

// ── cell-22 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Step 7 — what the noise does now
//
// With the label fixed by the condition, what is left for the noise? Below, each row is one noise vector and each column
// a label. Within a row the strokes look alike in width: the noise seems to carry the *style* (the next cell measures it).
ChapterApp.MarkdownCell("cell-22");

// ── cell-23 (code) ───────────────────────────────────────────────────────────────────────────────
ChapterApp.Display(ImageGrid.ToPng(generator.Sample(gridLabels, gridNoise), columns: 10));

// ── cell-24 (markdown) ───────────────────────────────────────────────────────────────────────────
// "Seems to" is a claim that needs a number. The cell below draws `styleCount` noise vectors, writes all ten digits in
// each, and measures the ink of every digit (its mean pixel value, a stand-in for stroke width). If the noise carries
// the stroke width, a style that writes a heavy "1" also writes a heavy "8": the ink of two labels correlates across
// styles. As a control, the same correlations after shuffling the styles of each label independently, which breaks any
// link between them. A second control: the same measure on the generator before training (the weights it started
// from), which shows how much of the link the untrained network already has — a noise vector that brightens one
// label's output may brighten them all without any training.
ChapterApp.MarkdownCell("cell-24");

// ── cell-25 (code) ───────────────────────────────────────────────────────────────────────────────
var styleNoise = randn(new long[] { styleCount, noiseSize }, generator: new Generator(12, device), device: device).repeat_interleave(10, 0);
var inks = generator.Sample(arange(10, dtype: int64, device: device).repeat(styleCount), styleNoise).mean([1, 2, 3]).reshape(styleCount, 10);   // [style, label]

double MeanCorrelationBetweenLabels(Tensor ink)
{
    var correlation = corrcoef(ink.T);                                                               // (10, 10) between labels
    return ((correlation.sum() - correlation.diagonal().sum()) / 90).item<float>();
}

var shuffled = stack(Enumerable.Range(0, 10).Select(label => inks[.., label].index_select(0, randperm(styleCount, generator: new Generator((ulong)(13 + label), device), device: device))).ToArray(), 1);
var sameStyle = MeanCorrelationBetweenLabels(inks);
var shuffledStyles = MeanCorrelationBetweenLabels(shuffled);
Console.WriteLine($"ink of two labels written with the same noise: mean correlation r = {sameStyle:F2} over the 45 pairs of labels and {styleCount} styles; with the styles shuffled: r = {shuffledStyles:F2}");

manual_seed(seed);                                                                                   // cell 9's seed: the weights training started from
var untrained = new ConditionalDcganGenerator(noiseSize, width: 32).to(device);
var untrainedInks = untrained.Sample(arange(10, dtype: int64, device: device).repeat(styleCount), styleNoise).mean([1, 2, 3]).reshape(styleCount, 10);
Console.WriteLine($"the same measure on the untrained generator (the same seed's starting weights): r = {MeanCorrelationBetweenLabels(untrainedInks):F2}");

// ── cell-42 (markdown) ───────────────────────────────────────────────────────────────────────────
// What the numbers say, in the author's full run (3,500 steps, 200 styles): the ink of two labels drawn from the same
// noise correlates with r = 0.65, and r = 0.01 once the styles are shuffled, so after training one noise vector does set
// the stroke weight of every label alike. But the untrained generator scores **r = 0.89**: the link between the noise and
// the ink of all labels is there before the first step, and training *weakened* it. So this measure shows that the noise
// still carries a shared stroke weight after training, not that training taught the noise a style; what else the noise
// carries (slant, the shape of a loop) this cell does not measure.
ChapterApp.MarkdownCell("cell-42");

// ── cell-26 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// * A conditional GAN gives both networks the condition: G(z, y) draws a digit of label y, and D(x, y) judges whether x
//   is a real digit *of label y*. Here the label enters G as a learned vector appended to the noise and D by projection.
// * The classifier read back the labels asked for with the accuracy printed in the `Result:` line, against about 99 %
//   for real digits, and the balanced sample's digit-FID is printed next to the real-data floor.
// * Once the label fixes *what* is drawn, the noise is left with *how*: the ink of different digits drawn from the same
//   noise correlates (r = 0.65 in the author's full run), where shuffled styles do not (0.01). The untrained generator
//   already links them more strongly (0.89), so this shows the noise keeps a shared stroke weight through training, not
//   that training created a style.
// * Real text-to-image models condition on a sentence instead of a label: a text encoder turns the caption into a vector
//   that plays the role of our label embedding (Reed et al. 2016; StackGAN, Zhang et al. 2017).
//
// ## Exercises
ChapterApp.MarkdownCell("cell-26");

// ── cell-27 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** *The label must reach D.* Train the same generator against a discriminator that **ignores** the label — chapter
// 05's `DcganDiscriminator` on the image alone, wrapped below — for `homeworkSteps` steps with the chapter's options and
// seed, then measure its label accuracy on 1,000 label-balanced digits and store it in `answer1`. Before you run it, write
// down what you expect and why; afterwards compare with the conditional run's accuracy at the same step in
// `accuracyHistory`. The check confirms what you trained and measures your generator itself.
ChapterApp.MarkdownCell("cell-27");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
ConditionalGanTrainer blindTrainer = null;   // manual_seed(seed); blindTrainer = new ConditionalGanTrainer(new ConditionalDcganGenerator(noiseSize), new LabelBlindDiscriminator(), options, device); …
double? answer1 = null;                      // evaluator.Accuracy(blindTrainer.Generator.Sample(…), …).Overall

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// sealed class LabelBlindDiscriminator : nn.Module<Tensor, Tensor, Tensor>
// {
//     private readonly DcganDiscriminator inner = new(width: 32);
//     public LabelBlindDiscriminator() : base(nameof(LabelBlindDiscriminator)) => RegisterComponents();
//     public override Tensor forward(Tensor images, Tensor labels) => inner.call(images);   // the labels are ignored
// }
//
// manual_seed(seed);
// var blindTrainer = new ConditionalGanTrainer(new ConditionalDcganGenerator(noiseSize, width: 32).to(device), new LabelBlindDiscriminator().to(device), options, device);
// var blindBatches = new ShuffledBatches(realImages, options.Gan.BatchSize, conditions: train.Labels);
// while (blindTrainer.Step < homeworkSteps)
// {
//     blindTrainer.TrainStep(blindBatches.NextWithConditions);
// }
//
// var blindLabels = BalancedLabels(1_000);
// double? answer1 = evaluator.Accuracy(blindTrainer.Generator.Sample(blindLabels), blindLabels).Overall;
// ```
//
// A discriminator that never sees the label cannot punish a "7" drawn where a "3" was asked for, so nothing in the loss teaches G what the label means: expect the accuracy near chance (10 %), however real the digits look, and compare it with the projection D's run at the same step.
//
// </details>
ChapterApp.MarkdownCell("cell-37");

// ── cell-29 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer1 is null || blindTrainer is null)
{
    Exercise.Check("1", answer1, expected: 0, tolerance: 0, hint: "train blindTrainer for homeworkSteps steps on batches.NextWithConditions, then measure as in step 5 with BalancedLabels(1_000).");
}
else
{
    if (blindTrainer.Discriminator is not LabelBlindDiscriminator || blindTrainer.Step != homeworkSteps)
        throw new ExerciseException($"Exercise 1: train a LabelBlindDiscriminator for exactly homeworkSteps = {homeworkSteps:N0} steps (yours: {blindTrainer.Discriminator?.GetType().Name}, {blindTrainer.Step:N0} steps).");
    var checkLabels = BalancedLabels(1_000);
    var measured = evaluator.Accuracy(blindTrainer.Generator.Sample(checkLabels, random: new Generator(99, device)), checkLabels).Overall;
    Exercise.Check("1", answer1, expected: measured, tolerance: 0.05, hint: "measure on 1,000 label-balanced digits: BalancedLabels(1_000).");
    var conditional = accuracyHistory.LastOrDefault(point => point.Step <= homeworkSteps);
    Console.WriteLine($"Label-blind D after {homeworkSteps:N0} steps: {measured:P1}; chance is 10 %; the projection D's run at step {conditional.Step:N0}: {conditional.Accuracy:P1}.");
}

// ── cell-30 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** *Style travels between digits.* Among the `styleCount` styles of step 7 (the tensor `inks`, one row per style,
// one column per label), find the style whose "1" has the most ink. What percentage of the styles write a lighter "8"
// than that style does? Store it (0 to 100) in `answer2`, and say what a value near 50 would have meant.
ChapterApp.MarkdownCell("cell-30");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null;   // from inks[.., 1] and inks[.., 8]

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var heaviestOne = inks[.., 1].argmax().item<long>();
// double? answer2 = 100.0 * inks[.., 8].lt(inks[heaviestOne, 8]).sum().item<long>() / styleCount;
// ```
//
// Above 50 means the style that writes the heaviest "1" also writes a heavier "8" than most styles — the noise carries stroke weight across labels, as the correlation of step 7 says; near 50 would mean a style's "1" says nothing about its "8".
//
// </details>
ChapterApp.MarkdownCell("cell-38");

// ── cell-32 (code) ───────────────────────────────────────────────────────────────────────────────
{
    var heaviestOne = inks[.., 1].argmax().item<long>();
    var eights = inks[.., 8];
    var lighter = 100.0 * eights.lt(eights[heaviestOne]).sum().item<long>() / styleCount;
    Exercise.Check("2", answer2, expected: lighter, tolerance: 100.0 / styleCount, hint: "argmax of column 1 gives the style; count the entries of column 8 below that style's entry.");
}

// ── cell-33 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** *FID judges the mix, not each digit.* Ask the generator for `evaluationSamples` digits that are **all "1"**,
// measure their digit-FID with `evaluator.Evaluate` and store its ratio to the floor (`FidRatio`) in `answer3`. Then
// measure their label accuracy too. The check prints the balanced sample's ratio of step 5 next to yours: how do the two
// compare, and why, when each "1" may be read as a "1"?
ChapterApp.MarkdownCell("cell-33");

// ── cell-34 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer3 = null;   // evaluator.Evaluate(generator.Sample(…)).FidRatio

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var allOnes = full(evaluationSamples, 1L, dtype: int64, device: device);
// var onesReport = evaluator.Evaluate(generator.Sample(allOnes));
// double? answer3 = onesReport.FidRatio;
// Console.WriteLine($"label accuracy of the ones: {evaluator.Accuracy(generator.Sample(allOnes), allOnes).Overall:P1}");
// ```
//
// Compare your ratio with the balanced sample's: digit-FID compares the whole spread of features with the test set's, which holds all ten classes, so a sample of ones can be far from it even when each one is read as a one.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-35 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer3 is null)
{
    Exercise.Check("3", answer3, expected: 0, tolerance: 0, hint: "labels that are all 1: full(evaluationSamples, 1L, dtype: int64, device: device); Sample draws fresh noise for them; Evaluate(…).FidRatio.");
}
else
{
    var ones = full(evaluationSamples, 1L, dtype: int64, device: device);
    var expected3 = evaluator.Evaluate(generator.Sample(ones, random: new Generator(5, device))).FidRatio;
    Exercise.Check("3", answer3, expected: expected3, tolerance: 0.1 * expected3, hint: "the ratio to the floor, FidRatio, of digits that are all asked to be 1.");
    Console.WriteLine($"all ones: {expected3:F1}× the floor; the balanced sample of step 5: {report.FidRatio:F1}×.");
}

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * M. Mirza, S. Osindero, *Conditional Generative Adversarial Nets*, 2014: the label given to both networks, on MNIST.
// * A. Odena, C. Olah, J. Shlens, *Conditional Image Synthesis with Auxiliary Classifier GANs*, 2017: a discriminator that
//   also names the class (AC-GAN).
// * T. Miyato, M. Koyama, *cGANs with Projection Discriminator*, 2018: the discriminator used here.
// * S. Reed, Z. Akata, X. Yan, L. Logeswaran, B. Schiele, H. Lee, *Generative Adversarial Text to Image Synthesis*,
//   2016: the condition is a sentence, encoded into a vector.
// * H. Zhang et al., *StackGAN: Text to Photo-realistic Image Synthesis with Stacked Generative Adversarial Networks*,
//   2017: the article's text-to-image examples, at higher resolution in two stages.
ChapterApp.MarkdownCell("cell-36");

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-28:
sealed class LabelBlindDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly DcganDiscriminator inner = new(width: 32);
    public LabelBlindDiscriminator() : base(nameof(LabelBlindDiscriminator)) => RegisterComponents();
    public override Tensor forward(Tensor images, Tensor labels) => inner.call(images);   // the labels are ignored
}
// Written by tools/ChapterApps; the SHA-256 of the lines above: 98aa2c9589eb5bd529e5389f216f8c5f3cc453cd0c1f3a48b4a7b207cf3f482c
