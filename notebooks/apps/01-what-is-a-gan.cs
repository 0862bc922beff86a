// Chapter "01 — What is a GAN?" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../01-what-is-a-gan.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/01-what-is-a-gan.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/01-what-is-a-gan.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Runtime;
using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

ChapterApp.Start("../01-what-is-a-gan.ipynb", "01 — What is a GAN?");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 01 — What is a GAN?
//
// > What are the two networks, and what does each want?
ChapterApp.MarkdownCell("cell-00");

// ── cell-01 (markdown) ───────────────────────────────────────────────────────────────────────────
// ![A generator that learned N(4, 1.25²) from noise: histograms of real and generated samples overlap, and the discriminator's D(x) sits near 0.5](images/01-one-dimensional-gan.png)
//
// By the end of this chapter you will have trained the picture above: a **generator** that turns plain random noise into
// numbers distributed like the real data N(4, 1.25²), and a **discriminator** that has been fooled so thoroughly that it
// answers "50 % real" almost everywhere. (The picture is the author's full run, 4,000 steps; the chart after training draws
// yours, and the cell after it measures it.)
ChapterApp.MarkdownCell("cell-01");

// ── cell-02 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Setting up
//
// The first cell loads the course's helper library, **GanKit**, and TorchSharp from the repository's build folder
// (`artifacts/gankit/`), so no package version appears in any notebook. If it reports that a file could not be found,
// build GanKit once from the repository root with `dotnet build lib/GanKit` (the devcontainer does this for you), then
// restart the kernel.
ChapterApp.MarkdownCell("cell-02");

// ── cell-03 (code) ───────────────────────────────────────────────────────────────────────────────
// (The notebook's #r lines: this app references GanKit, and TorchSharp with it, by #:project at the top.)

// ── cell-04 (markdown) ───────────────────────────────────────────────────────────────────────────
// `TorchSession.Start()` must run before anything else touches TorchSharp. It makes the native library load on this
// machine, chooses how many CPU threads libtorch uses and the device, and prints one line about each, saying why: the
// GPU when GanKit was built with the CUDA natives and one is visible, the CPU otherwise (`GANKIT_DEVICE=cpu` or `cuda`
// asks for one; a CUDA request that cannot be met says why and uses the CPU). Every tensor below is made with
// `device: device`, and values are copied `.to(CPU)` only to be shown, so the same cells run on either.
// `CourseSize` reads `GANKIT_SMOKE`: unset for the real run, `1` for a quick smoke run of the same cells.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
var session = TorchSession.Start();
var device = session.Device;
Console.WriteLine(CourseSize.Describe());

// ── cell-48 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The settings
//
// The knobs a reader may change: the real data's mean and standard deviation, the number of training steps, the batch
// size and the learning rate of both networks. Every chart's range and every printed target below follows them.
ChapterApp.MarkdownCell("cell-48");

// ── cell-49 (code) ───────────────────────────────────────────────────────────────────────────────
const float RealMean = 4f;                               // the real data: N(RealMean, RealStd²)
const float RealStd = 1.25f;
var steps = CourseSize.Pick(full: 4_000, smoke: 400);     // training steps (one D pass and one G pass each)
const int BatchSize = 128;                                // real samples and forgeries per pass
const double LearningRate = 5e-4;                         // Adam, both networks (β1 = 0.5)
Console.WriteLine($"real data N({RealMean}, {RealStd}²); {steps:N0} steps of batch {BatchSize}, learning rate {LearningRate}");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The forger and the investigator
//
// A generative adversarial network (GAN) is two neural networks playing a game.
//
// * The **generator** G is a forger. It starts from random noise z and paints a forgery G(z). It never sees a real
//   painting; all it learns comes from how the investigator reacts to its forgeries.
// * The **discriminator** D is an investigator. Shown an item x, it answers with a probability D(x): how likely x is to
//   be a real painting rather than a forgery.
//
// The investigator wants to be right: D(x) close to 1 on real items and close to 0 on forgeries. The forger wants the
// investigator to be wrong: D(G(z)) close to 1. Each gets better by training against the other. When the forger is
// perfect, the investigator can do no better than a coin toss, D(x) = ½ everywhere.
//
// The same story as a photographer and a critic:
//
// > **Photographer:** Here is a photo of a cat. **Critic:** Fake. Real cats have whiskers.
// > **Photographer:** (adds whiskers) And this one? **Critic:** Fake. The eyes are the wrong colour.
// > **Photographer:** (fixes the eyes) And this one? **Critic:** … I can no longer tell.
//
// The critic's remarks are the gradient the generator learns from.
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## What a GAN learns from: examples, never a formula
//
// Nobody writes down the distribution of handwritten digits. A GAN only gets **samples** from it. Here are 32 of the
// 60,000 training digits of MNIST, the data chapter 05 learns to generate (loaded from `data/mnist`, checked against its
// SHA-256 sums first):
ChapterApp.MarkdownCell("cell-07");

// ── cell-08 (code) ───────────────────────────────────────────────────────────────────────────────
var digits = Mnist.Load("../data/mnist", MnistSplit.Train, count: 32, device: device);
Console.WriteLine($"images {string.Join("×", digits.Images.shape)}, pixel values in [{digits.Images.min().item<float>()}, {digits.Images.max().item<float>()}]");
Console.WriteLine($"labels: {string.Join(" ", digits.Labels.to(CPU).data<long>().ToArray())}");
ChapterApp.Display(ImageGrid.ToPng(digits.Images, columns: 8));

// ── cell-09 (markdown) ───────────────────────────────────────────────────────────────────────────
// Each digit is a point in a 784-dimensional space (28 × 28 pixels), and the data distribution p_data is a cloud of
// such points. That is hard to look at, so this chapter plays the whole game in **one dimension**: the real data are
// numbers drawn from the normal distribution N(4, 1.25²). The GAN will only ever see samples of it.
ChapterApp.MarkdownCell("cell-09");

// ── cell-10 (code) ───────────────────────────────────────────────────────────────────────────────
var realName = $"N({RealMean}, {RealStd}²)";
// The charts' ranges follow the data: six standard deviations either side, and always x = 0, where an untrained G starts.
var (chartFrom, chartTo) = (Math.Min(0, RealMean - 6 * RealStd), Math.Max(0, RealMean + 6 * RealStd));
var densityTop = 1.5 / (RealStd * Math.Sqrt(2 * Math.PI));   // 1.5 × the real density's peak

// One sample of the real data per row: shape (count, 1).
Tensor SampleReal(long count) => randn(count, 1, device: device) * RealStd + RealMean;

manual_seed(2026);
var realForPictures = SampleReal(5_000);
Console.WriteLine($"5,000 real samples: mean {realForPictures.mean().item<float>():F3}, std {realForPictures.std().item<float>():F3} (the distribution: {RealMean} and {RealStd})");
ChapterApp.Display(new PlotlyChart($"The real data: 5,000 samples of {realName}", xTitle: "x", yTitle: "density")
    .Histogram("real samples", realForPictures.to(CPU).data<float>().ToArray())
    .XRange(chartFrom, chartTo));

// ── cell-11 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The notation
//
// | symbol | meaning | here |
// |---|---|---|
// | p_data(x) | the distribution of the real data | N(4, 1.25²) |
// | x | a sample of real data | one number |
// | p_z(z) | the noise distribution the generator starts from | N(0, 1) |
// | z | a noise sample | one number |
// | G(z) | the generator's output for noise z: a forgery | one number |
// | p_g | the distribution of G(z) when z ~ p_z | learned |
// | D(x) | the discriminator's probability that x is real | in (0, 1), through a sigmoid |
ChapterApp.MarkdownCell("cell-11");

// ── cell-12 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The generator
//
// G maps noise to data. Ours is a small multilayer perceptron: one number in, one number out, two hidden layers of 32
// units with leaky ReLU in between. Nothing ties its output to the data yet.
ChapterApp.MarkdownCell("cell-12");

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
manual_seed(1);
var generator = new Generator().to(device);
var noise = randn(8, 1, device: device);
var forgeries = generator.call(noise);
Console.WriteLine($"G: {generator.parameters().Sum(p => p.numel())} parameters; noise {string.Join("×", noise.shape)} → forgeries {string.Join("×", forgeries.shape)}");
Console.WriteLine($"untrained forgeries: {string.Join(", ", forgeries.to(CPU).data<float>().ToArray().Select(v => v.ToString("F2")))}");
if (!forgeries.shape.SequenceEqual(new long[] { 8, 1 })) throw new Exception("G should map (8, 1) noise to (8, 1) samples.");

// ── cell-14 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The discriminator
//
// D maps a sample to a probability. The last layer is a sigmoid, σ(a) = 1 / (1 + e^(−a)), so every output lies strictly
// between 0 and 1.
ChapterApp.MarkdownCell("cell-14");

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
var discriminator = new Discriminator().to(device);
var verdicts = discriminator.call(realForPictures[..8]);
Console.WriteLine($"D: {discriminator.parameters().Sum(p => p.numel())} parameters; D(x) for 8 real samples: {string.Join(", ", verdicts.to(CPU).data<float>().ToArray().Select(v => v.ToString("F3")))}");
if (verdicts.min().item<float>() <= 0 || verdicts.max().item<float>() >= 1) throw new Exception("D's outputs must lie strictly between 0 and 1.");

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Before training
//
// One picture tells the whole state of the game: the histogram of real samples, the histogram of the generator's
// samples, and D(x) drawn over the same axis (right-hand scale). The generator's samples come from a **fixed** batch of
// noise, so pictures at different times are comparable. Before training they are bunched so tightly that their bar runs
// off the top of the chart.
ChapterApp.MarkdownCell("cell-16");

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
var fixedNoise = randn(5_000, 1, device: device);
var axis = linspace(chartFrom, chartTo, 281, device: device).unsqueeze(1);

PlotlyChart GamePicture(string title)
{
    using var noGradient = no_grad();
    var generated = generator.call(fixedNoise);
    var verdict = discriminator.call(axis);
    return new PlotlyChart(title, xTitle: "x", yTitle: "density")
        .Histogram("real data", realForPictures.to(CPU).data<float>().ToArray())
        .Histogram("generated G(z)", generated.to(CPU).data<float>().ToArray())
        .Line("D(x)", axis.to(CPU).data<float>().ToArray(), verdict.to(CPU).data<float>().ToArray(), secondAxis: true)
        .SecondAxis("D(x)", 0, 1)
        .XRange(chartFrom, chartTo)
        .YRange(0, densityTop);
}

ChapterApp.Display(GamePicture("Before training: G's samples are nowhere near the data, D is undecided"));

// ── cell-18 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Training: two passes per step
//
// Each training step plays one round of the game (chapter 03 takes it apart step by step):
//
// 1. **Train D** with G fixed: show it a batch of real samples (label 1) and a batch of forgeries (label 0), and lower
//    its binary cross-entropy, −[log D(x) + log(1 − D(G(z)))]. The forgeries are `detach`ed, so this pass does not
//    change G.
// 2. **Train G** with D fixed: make fresh forgeries and lower −log D(G(z)), the loss that is small when D calls them
//    real (chapter 02 shows why this form trains better than the textbook one).
//
// What the numbers should do: at first D learns faster than G, so its verdict on real data climbs above ½ and its loss
// falls below log 4. As G moves its samples onto the data, both verdicts head for ½, where D's loss is log 4 ≈ 1.386
// and G's is log 2 ≈ 0.693. They need not get there smoothly: the charts after training show the swings on the way,
// and the cell under them prints how far from ½ the verdicts still move late in training (chapter 04 is about games
// that do not settle at all).
ChapterApp.MarkdownCell("cell-18");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
var binaryCrossEntropy = BCELoss();

// One round of the game on a batch: (1) train D with G fixed, then (2) train G with D fixed.
// Returns both losses and D's mean verdicts on the real and the generated batch.
(double DiscriminatorLoss, double GeneratorLoss, double OnReal, double OnFake) TrainStep(
    Generator g, Discriminator d, optim.Optimizer gOptimizer, optim.Optimizer dOptimizer, Func<long, Tensor> sampleReal)
{
    using var scope = NewDisposeScope();   // frees this step's tensors when the step ends
    var realLabels = ones(BatchSize, 1, device: device);
    var fakeLabels = zeros(BatchSize, 1, device: device);

    // (1) Train D: maximise log D(x) + log(1 − D(G(z))), with G fixed (the forgeries are detached).
    var onReal = d.call(sampleReal(BatchSize));
    var onFake = d.call(g.call(randn(BatchSize, 1, device: device)).detach());
    var discriminatorLoss = binaryCrossEntropy.call(onReal, realLabels) + binaryCrossEntropy.call(onFake, fakeLabels);
    dOptimizer.zero_grad();
    discriminatorLoss.backward();
    dOptimizer.step();

    // (2) Train G: minimise −log D(G(z)) on fresh forgeries, with D fixed (only G's optimizer steps).
    var generatorLoss = binaryCrossEntropy.call(d.call(g.call(randn(BatchSize, 1, device: device))), realLabels);
    gOptimizer.zero_grad();
    generatorLoss.backward();
    gOptimizer.step();
    return (discriminatorLoss.item<float>(), generatorLoss.item<float>(), onReal.mean().item<float>(), onFake.mean().item<float>());
}

// ── cell-42 (markdown) ───────────────────────────────────────────────────────────────────────────
// The loop: one `TrainStep` per step, a record of the losses every 10 steps, and the game picture every 500.
ChapterApp.MarkdownCell("cell-42");

// ── cell-43 (code) ───────────────────────────────────────────────────────────────────────────────
var generatorOptimizer = optim.Adam(generator.parameters(), lr: LearningRate, beta1: 0.5);
var discriminatorOptimizer = optim.Adam(discriminator.parameters(), lr: LearningRate, beta1: 0.5);
var history = new List<(int Step, double DiscriminatorLoss, double GeneratorLoss, double OnReal, double OnFake)>();
var progress = new TrainingProgress("1-D GAN", steps);
for (var step = 1; step <= steps; step++)
{
    var (dLoss, gLoss, dReal, dFake) = TrainStep(generator, discriminator, generatorOptimizer, discriminatorOptimizer, SampleReal);
    if (!double.IsFinite(dLoss)) throw new Exception($"D's loss became {dLoss} at step {step}: training diverged.");
    if (step % 10 == 0 || step == 1)
    {
        history.Add((step, dLoss, gLoss, dReal, dFake));
    }

    if (progress.IsDue(step))
    {
        var picture = step % 500 == 0 || step == steps ? GamePicture($"Step {step}") : null;
        progress.Report(step, picture, ("D loss", dLoss), ("G loss", gLoss), ("D(x)", dReal), ("D(G(z))", dFake));
    }
}

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## After training
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
ChapterApp.Display(GamePicture($"After {steps:N0} steps: real and generated samples, and D(x)"));

// ── cell-22 (markdown) ───────────────────────────────────────────────────────────────────────────
// The losses and D's average verdicts over training, with the values they have at the game's equilibrium. The second
// cell also prints how high D's verdict on real data climbed early on, and the range both verdicts kept to over the
// last half of the run:
ChapterApp.MarkdownCell("cell-22");

// ── cell-23 (code) ───────────────────────────────────────────────────────────────────────────────
var recorded = history.Select(h => h.Step).ToArray();
ChapterApp.Display(new PlotlyChart("Losses during training", xTitle: "step", yTitle: "loss")
    .Line("D loss", recorded, history.Select(h => h.DiscriminatorLoss))
    .Line("G loss", recorded, history.Select(h => h.GeneratorLoss))
    .Line("log 4 (D at equilibrium)", new[] { 1, steps }, new[] { Math.Log(4), Math.Log(4) }, dash: "dash")
    .Line("log 2 (G at equilibrium)", new[] { 1, steps }, new[] { Math.Log(2), Math.Log(2) }, dash: "dot"));

// ── cell-24 (code) ───────────────────────────────────────────────────────────────────────────────
var peak = history.MaxBy(h => h.OnReal);
var lastHalf = history.Where(h => h.Step > steps / 2).ToList();
Console.WriteLine($"D(x) on real batches peaked at {peak.OnReal:F3} (step {peak.Step:N0}); over steps {steps / 2:N0}–{steps:N0}, D(x) stayed in [{lastHalf.Min(h => h.OnReal):F3}, {lastHalf.Max(h => h.OnReal):F3}] and D(G(z)) in [{lastHalf.Min(h => h.OnFake):F3}, {lastHalf.Max(h => h.OnFake):F3}]");
ChapterApp.Display(new PlotlyChart("D's average verdict on real and generated batches", xTitle: "step", yTitle: "mean D")
    .Line("D(x) on real data", recorded, history.Select(h => h.OnReal))
    .Line("D(G(z)) on forgeries", recorded, history.Select(h => h.OnFake))
    .Line("½", new[] { 1, steps }, new[] { 0.5, 0.5 }, dash: "dash")
    .YRange(0, 1));

// ── cell-25 (markdown) ───────────────────────────────────────────────────────────────────────────
// ### Did it learn the data? A check by number
//
// A histogram can flatter. The cell below draws 10,000 fresh samples from G and compares their mean and standard
// deviation with the real distribution's 4 and 1.25, and reads D(x) across the middle 95 % of the data
// (4 ± 2 × 1.25). G learns from random batches and is stopped at an arbitrary step, so expect to be close, not exact: the full run must land within 0.3
// of the mean and 0.5 of the standard deviation (the smoke run, ten times shorter, only within 1.5 of the mean).
ChapterApp.MarkdownCell("cell-25");

// ── cell-26 (code) ───────────────────────────────────────────────────────────────────────────────
Tensor generatedSamples;
Tensor middleVerdicts;
using (no_grad())
{
    generatedSamples = generator.call(randn(10_000, 1, device: device));
    middleVerdicts = discriminator.call(linspace(RealMean - 2 * RealStd, RealMean + 2 * RealStd, 101, device: device).unsqueeze(1));
}
var generatedMean = generatedSamples.mean().item<float>();
var generatedStd = generatedSamples.std().item<float>();
Console.WriteLine($"generated: mean {generatedMean:F3} (real {RealMean}), std {generatedStd:F3} (real {RealStd})");
Console.WriteLine($"D(x) over {RealMean} ± {2 * RealStd}: from {middleVerdicts.min().item<float>():F3} to {middleVerdicts.max().item<float>():F3} (½ is a perfect forger)");

var meanTolerance = CourseSize.Pick(full: 0.3, smoke: 1.5);
var stdTolerance = CourseSize.Pick(full: 0.5, smoke: double.PositiveInfinity);
if (Math.Abs(generatedMean - RealMean) > meanTolerance || Math.Abs(generatedStd - RealStd) > stdTolerance)
    throw new Exception($"The generator did not learn {realName}: mean {generatedMean:F3}, std {generatedStd:F3}. Try more steps or another seed.");
Console.WriteLine($"Result: generated mean {generatedMean:F2} (target {RealMean}), std {generatedStd:F2} (target {RealStd}) after {steps:N0} steps in {progress.Elapsed.TotalSeconds:F1} s");

// ── cell-27 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Where the course goes next
//
// | chapter | question | what you build |
// |---|---|---|
// | 01 What is a GAN? | What are the two networks, and what does each want? | this 1-D GAN |
// | 02 The minimax game | What exactly do G and D optimise, and what happens at the optimum? | D* and −log 4 checked by computation |
// | 03 Training in two passes | How is a GAN trained, step by step? | a 2-D GAN with D's decision surface, live |
// | 04 When GANs fail | Why is training unstable, and what fixes work? | mode collapse measured, WGAN and friends |
// | 05 A toy digit GAN | Can we generate handwritten digits from scratch? | an MLP GAN and a DCGAN on MNIST, measured |
// | 06 What GANs are used for | What else can the adversarial idea do? | conditional digits, super-resolution, … |
ChapterApp.MarkdownCell("cell-27");

// ── cell-28 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// * A GAN is two networks: a generator G that turns noise z into samples G(z), and a discriminator D that outputs the
//   probability D(x) that a sample is real.
// * D wants D(x) → 1 on real data and D(G(z)) → 0 on forgeries; G wants D(G(z)) → 1. Training alternates the two.
// * G never sees the data. It learns only through D's gradient.
// * At the game's end, G's samples are distributed like the data and D answers ½: it can no longer tell them apart.
// * Even in one dimension the game swings before it settles near ½ (the verdict chart), and a histogram can flatter: check results by number, not only by eye.
ChapterApp.MarkdownCell("cell-28");

// ── cell-29 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Exercises
//
// Each exercise has a cell for your answer (replace `null`), a collapsed solution to open once you have tried, and a cell
// that checks your answer: it prints `correct`, `not yet` with a hint, or — while the answer is still `null` — a
// reminder that it is not done yet. Checks that read your trained networks or your computed numbers recompute them
// the same way, so an answer must come from running code, not from a guess.
ChapterApp.MarkdownCell("cell-29");

// ── cell-30 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** A discriminator says D(x) = 0.9 on a real sample and D(G(z)) = 0.4 on a forgery. What is its loss
// −[log D(x) + log(1 − D(G(z)))] on this pair? (Work it out by hand or in C#.)
ChapterApp.MarkdownCell("cell-30");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer1 = null; // your answer, a number

// ── cell-32 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer1 = -(Math.Log(0.9) + Math.Log(1 - 0.4));
// ```
//
// −(log 0.9 + log 0.6) ≈ 0.616. The forgery costs D more than the real sample: it gave the forgery 40 % of being real.
//
// </details>
ChapterApp.MarkdownCell("cell-32");

// ── cell-33 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("1", answer1, expected: -(Math.Log(0.9) + Math.Log(1 - 0.4)), tolerance: 1e-3, hint: "D wants 1 on the real sample and 0 on the forgery: the second term is log(1 − D(G(z))).");

// ── cell-34 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** Measure how far your trained pair is from the game's end. Compute D's loss
// −(mean log D(x) + mean log(1 − D(G(z)))) on the 5,000 real samples `realForPictures` and the 5,000 forgeries
// `generator.call(fixedNoise)`, without gradients (`no_grad()`), and store it in `answer2`. Compare it with log 4 ≈ 1.386,
// its value when D can no longer tell the two apart: what would a value well below log 4 say about the game?
ChapterApp.MarkdownCell("cell-34");

// ── cell-35 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null; // D's loss on realForPictures and on generator.call(fixedNoise)

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer2;
// using (no_grad())
// {
//     var onReal2 = discriminator.call(realForPictures);
//     var onFake2 = discriminator.call(generator.call(fixedNoise));
//     answer2 = -(onReal2.log().mean() + (1 - onFake2).log().mean()).item<float>();
// }
// ```
//
// A value near log 4 means D is close to a coin toss on these samples; a value well below it would mean D still tells real from generated, so G has not caught up.
//
// </details>
ChapterApp.MarkdownCell("cell-36");

// ── cell-37 (code) ───────────────────────────────────────────────────────────────────────────────
double expected2;
using (no_grad())
{
    expected2 = -(discriminator.call(realForPictures).log().mean() + (1 - discriminator.call(generator.call(fixedNoise))).log().mean()).item<float>();
}
Exercise.Check("2", answer2, expected: expected2, tolerance: 1e-4, hint: "average log D(x) over the real samples and log(1 − D(G(z))) over the forgeries, add them, change the sign.");

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** The discriminator says D(G(z)) = 0.1, 0.5 and 0.9 for three forgeries. Write the generator's loss
// −mean log D(G(z)) for this batch as a tensor expression (use `log` and `mean`).
ChapterApp.MarkdownCell("cell-38");

// ── cell-39 (code) ───────────────────────────────────────────────────────────────────────────────
var verdictsOnForgeries = from_array(new[] { 0.1f, 0.5f, 0.9f }, device: device);
Tensor answer3 = null; // for example: an expression using verdictsOnForgeries

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var verdictsOnForgeries = from_array(new[] { 0.1f, 0.5f, 0.9f }, device: device);
// Tensor answer3 = -verdictsOnForgeries.log().mean();
// ```
//
// About 1.03: the forgery D called 10 % real costs G the most (−log 0.1 ≈ 2.3), the one it called 90 % real almost nothing.
//
// </details>
ChapterApp.MarkdownCell("cell-40");

// ── cell-41 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("3", answer3 is null ? null : answer3.item<float>(), expected: -(Math.Log(0.1) + Math.Log(0.5) + Math.Log(0.9)) / 3, tolerance: 1e-4,
    hint: "take the log of each verdict, average, and change the sign.");

// ── cell-44 (markdown) ───────────────────────────────────────────────────────────────────────────
// **4.** Train a new pair on other data. Make a sampler of N(−2, 0.5²) (like `SampleReal`), create `generator4` and
// `discriminator4` (after `manual_seed(1)`, as above), two Adam optimizers like the ones above, and call `TrainStep`
// `steps` times with your sampler. Then store the standard deviation of `generator4`'s samples from `fixedNoise` in
// `answer4`. The check reads your generator: its samples must have learned the new mean.
ChapterApp.MarkdownCell("cell-44");

// ── cell-45 (code) ───────────────────────────────────────────────────────────────────────────────
Generator generator4 = null; // your generator after training on N(−2, 0.5²)
double? answer4 = null;       // the standard deviation of generator4.call(fixedNoise)

// ── cell-46 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// Tensor SampleShifted(long count) => randn(count, 1, device: device) * 0.5f - 2f;
// manual_seed(1);
// var generator4 = new Generator().to(device);
// var discriminator4 = new Discriminator().to(device);
// var generator4Optimizer = optim.Adam(generator4.parameters(), lr: LearningRate, beta1: 0.5);
// var discriminator4Optimizer = optim.Adam(discriminator4.parameters(), lr: LearningRate, beta1: 0.5);
// for (var step = 1; step <= steps; step++)
// {
//     TrainStep(generator4, discriminator4, generator4Optimizer, discriminator4Optimizer, SampleShifted);
// }
//
// double? answer4;
// using (no_grad())
// {
//     answer4 = generator4.call(fixedNoise).std().item<float>();
// }
// ```
//
// The same networks and loop learn another target from samples alone: nothing in G knows it is a normal distribution. In the author's full run (4,000 steps, one seed) the mean came out at −1.96 and the standard deviation at 0.39: the mean is learned faster than the spread. The smoke size is too short to get close.
//
// </details>
ChapterApp.MarkdownCell("cell-46");

// ── cell-47 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer4 is null || generator4 is null)
{
    Exercise.Check("4", answer4, expected: 0, tolerance: 0, hint: "train generator4 with TrainStep and a sampler of N(−2, 0.5²), then measure its samples' standard deviation.");
}
else
{
    double mean4, std4;
    using (no_grad())
    {
        var samples4 = generator4.call(fixedNoise);
        (mean4, std4) = (samples4.mean().item<float>(), samples4.std().item<float>());
    }

    if (Math.Abs(mean4 - -2) > meanTolerance)
        throw new ExerciseException($"Exercise 4: generator4's samples have mean {mean4:F2}, not within {meanTolerance} of −2: train it on N(−2, 0.5²) for `steps` steps.");
    Exercise.Check("4", answer4, expected: std4, tolerance: 1e-4, hint: "the standard deviation of generator4.call(fixedNoise), computed under no_grad().");
    Console.WriteLine($"generator4: mean {mean4:F2} (target −2), standard deviation {std4:F2} (target 0.5)");
}

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-13:
sealed class Generator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    public Generator(int hidden = 32) : base(nameof(Generator))
    {
        layers = Sequential(
            Linear(1, hidden), LeakyReLU(0.2),
            Linear(hidden, hidden), LeakyReLU(0.2),
            Linear(hidden, 1));
        RegisterComponents();
    }

    // z: (batch, 1) noise → (batch, 1) forgeries
    public override Tensor forward(Tensor z) => layers.call(z);
}

// From cell-15:
sealed class Discriminator : Module<Tensor, Tensor>
{
    private readonly Module<Tensor, Tensor> layers;

    public Discriminator(int hidden = 32) : base(nameof(Discriminator))
    {
        layers = Sequential(
            Linear(1, hidden), LeakyReLU(0.2),
            Linear(hidden, hidden), LeakyReLU(0.2),
            Linear(hidden, 1), Sigmoid());
        RegisterComponents();
    }

    // x: (batch, 1) samples → (batch, 1) probability that each is real
    public override Tensor forward(Tensor x) => layers.call(x);
}
// Written by tools/ChapterApps; the SHA-256 of the lines above: 24ef62204a298aad78997fb88147a5ec86dd979c9e2bf6dc4d6a2f3a4f7e1a24
