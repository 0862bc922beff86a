// Chapter "02 — The minimax game" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../02-the-minimax-game.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/02-the-minimax-game.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/02-the-minimax-game.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using GanKit;
using GanKit.Data;
using GanKit.Display;
using GanKit.Runtime;
using GanKit.Models;
using GanKit.Training;
using TorchSharp;
using static TorchSharp.torch;

ChapterApp.Start("../02-the-minimax-game.ipynb", "02 — The minimax game");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 02 — The minimax game
//
// > What exactly do G and D optimise, and what happens at the optimum?
ChapterApp.MarkdownCell("cell-00");

// ── cell-01 (markdown) ───────────────────────────────────────────────────────────────────────────
// ![The discriminator learned from samples (line) lies on the closed-form optimum D*(x) = p_data / (p_data + p_g) (dashes); the author's full run, 3,000 steps — section 2 draws yours and prints the largest gap](images/02-optimal-discriminator.png)
//
// Chapter 01 trained a GAN and watched it work. This chapter opens the box: the one number both networks fight over,
// the discriminator that theory says is best, what the generator minimises when it faces that discriminator, and why
// practice uses a different generator loss than the textbook. Every formula is followed by a cell that checks it.
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

// ── cell-45 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The settings
//
// The knobs of the one training in this chapter, the discriminator of section 2 (and of exercise 3): its steps, its
// batch size and its learning rate. Everything else is computed exactly.
ChapterApp.MarkdownCell("cell-45");

// ── cell-46 (code) ───────────────────────────────────────────────────────────────────────────────
var trainingSteps = CourseSize.Pick(full: 3_000, smoke: 1_000);   // Adam steps of each discriminator trained on samples
var batchSize = 2_048;                                              // real and generated samples per step, each
var learningRate = 3e-4;                                            // Adam's learning rate
Console.WriteLine($"discriminators: {trainingSteps:N0} steps of batch {batchSize:N0}, learning rate {learningRate}");

// ── cell-05 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The value of the game
//
// Goodfellow et al. (2014) define one number, the **value** of the game:
//
// V(D, G) = E_{x ~ p_data}[log D(x)] + E_{z ~ p_z}[log(1 − D(G(z)))]
//
// D wants it **large**: log D(x) → 0 on real data (D(x) → 1) and log(1 − D(G(z))) → 0 on forgeries (D(G(z)) → 0).
// G wants it **small**, and G can only touch the second term. The game is min over G, max over D of V(D, G).
//
// From here on the discriminator outputs a raw score s (a *logit*) and D(x) = σ(s) = 1 / (1 + e^(−s)). The losses are
// then computed with log σ(s) = −softplus(−s) and log(1 − σ(s)) = −softplus(s), which stay finite even when D is very
// sure (GanKit's `GanLoss` does this). A discriminator that always says ½ has score 0 everywhere, and its value is
// 2 · log ½ = −log 4:
ChapterApp.MarkdownCell("cell-05");

// ── cell-06 (code) ───────────────────────────────────────────────────────────────────────────────
var realData = new NormalDistribution(mean: 4, standardDeviation: 1.25);
var generatorOutput = new NormalDistribution(mean: 1, standardDeviation: 0.75);   // a fixed G: its samples follow this

manual_seed(2);
var realSample = realData.Sample(100_000, device);
var generatedSample = generatorOutput.Sample(100_000, device);

var coinToss = GanLoss.Value(zeros(100_000, 1, device: device), zeros(100_000, 1, device: device)).item<float>();
Console.WriteLine($"V for D(x) = ½ everywhere: {coinToss:F4}   (−log 4 = {-Math.Log(4):F4})");

// A hand-made discriminator: "real" to the right of x = 2.5, with a soft edge.
Tensor HandMadeScores(Tensor x) => (x - 2.5f) * 3f;
var handMade = GanLoss.Value(HandMadeScores(realSample), HandMadeScores(generatedSample)).item<float>();
Console.WriteLine($"V for a threshold at 2.5:   {handMade:F4}   (larger: this D tells them apart better)");
if (Math.Abs(coinToss + Math.Log(4)) > 1e-4) throw new Exception("V of the coin-toss discriminator should be −log 4.");

// ── cell-07 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Fix G: the optimal discriminator
//
// Write the expectations as integrals over x (the generator's samples have density p_g):
//
// V(D, G) = ∫ [ p_data(x) log D(x) + p_g(x) log(1 − D(x)) ] dx.
//
// For a fixed G, D can choose D(x) separately at every x, so it maximises a·log y + b·log(1 − y) with a = p_data(x),
// b = p_g(x) and y = D(x). The derivative a/y − b/(1 − y) is zero at y = a / (a + b), so
//
// **D\*(x) = p_data(x) / (p_data(x) + p_g(x)).**
//
// First the one-point claim, by brute force over a grid of y:
ChapterApp.MarkdownCell("cell-07");

// ── cell-08 (code) ───────────────────────────────────────────────────────────────────────────────
var a = 0.3; var b = 0.1;
var y = linspace(1e-4, 1 - 1e-4, 100_001, dtype: float64, device: device);
var objective = a * y.log() + b * (1 - y).log();
var best = y[objective.argmax()].item<double>();
Console.WriteLine($"argmax of {a}·log y + {b}·log(1 − y): {best:F4}   (a / (a + b) = {a / (a + b):F4})");
if (Math.Abs(best - a / (a + b)) > 1e-3) throw new Exception("The maximiser should be a / (a + b).");

// ── cell-09 (markdown) ───────────────────────────────────────────────────────────────────────────
// Now the real test. Train a discriminator on samples only, never showing it a density: real samples from
// p_data = N(4, 1.25²), generated samples from the fixed p_g = N(1, 0.75²). Then overlay what it learned, σ(score),
// with the closed form D*(x) and measure the largest gap over the **support**, the interval where either distribution
// has its mass (each mean ± 3 standard deviations). Expect the gap to be small but not zero: D only ever sees a finite
// number of samples, and few of them near the ends.
ChapterApp.MarkdownCell("cell-09");

// ── cell-10 (code) ───────────────────────────────────────────────────────────────────────────────
// Trains a fresh discriminator on samples of two fixed distributions; it never sees a density.
MlpDiscriminator TrainDiscriminator(NormalDistribution real, NormalDistribution generated, int seed)
{
    manual_seed(seed);
    var trained = new MlpDiscriminator(inputSize: 1, hidden: [32, 32]).to(device);
    var optimizer = optim.Adam(trained.parameters(), lr: learningRate);
    var progress = new TrainingProgress($"D on {real} against {generated}", trainingSteps);
    for (var step = 1; step <= trainingSteps; step++)
    {
        using var scope = NewDisposeScope();
        // D maximises V, i.e. minimises −V: binary cross-entropy with real labelled 1, generated labelled 0.
        var loss = GanLoss.NonSaturating.DiscriminatorLoss(trained.call(real.Sample(batchSize, device)), trained.call(generated.Sample(batchSize, device)));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
        if (progress.IsDue(step)) progress.Report(step, ("−V", loss.item<float>()));
    }

    return trained;
}

var discriminator = TrainDiscriminator(realData, generatorOutput, seed: 3);

// ── cell-11 (code) ───────────────────────────────────────────────────────────────────────────────
var supportLow = Math.Min(realData.Mean - 3 * realData.StandardDeviation, generatorOutput.Mean - 3 * generatorOutput.StandardDeviation);
var supportHigh = Math.Max(realData.Mean + 3 * realData.StandardDeviation, generatorOutput.Mean + 3 * generatorOutput.StandardDeviation);
var grid = linspace(supportLow, supportHigh, 1_001, dtype: float64, device: device).unsqueeze(1);
var optimal = realData.Density(grid) / (realData.Density(grid) + generatorOutput.Density(grid));
Tensor learned;
using (no_grad()) learned = nn.functional.sigmoid(discriminator.call(grid.to(float32))).to(float64);
var gap = (learned - optimal).abs();
var maxGap = gap.max().item<double>();
var worstX = grid[gap.argmax()].item<double>();
Console.WriteLine($"support [{supportLow}, {supportHigh}]: max |D(x) − D*(x)| = {maxGap:F4} at x = {worstX:F2}; mean gap {gap.mean().item<double>():F4}");

var xs = grid.squeeze(1).to(CPU).data<double>().ToArray();
ChapterApp.Display(new PlotlyChart("The learned discriminator against the optimal one", xTitle: "x", yTitle: "density")
    .Line($"p_data: {realData}", xs, realData.Density(grid).squeeze(1).to(CPU).data<double>().ToArray())
    .Line($"p_g: {generatorOutput}", xs, generatorOutput.Density(grid).squeeze(1).to(CPU).data<double>().ToArray())
    .Line("D(x) learned from samples", xs, learned.squeeze(1).to(CPU).data<double>().ToArray(), secondAxis: true)
    .Line("D*(x) = p_data / (p_data + p_g)", xs, optimal.squeeze(1).to(CPU).data<double>().ToArray(), secondAxis: true, dash: "dash")
    .SecondAxis("D(x)", 0, 1));

// ── cell-12 (code) ───────────────────────────────────────────────────────────────────────────────
var gapLimit = CourseSize.Pick(full: 0.05, smoke: 0.25);
if (maxGap > gapLimit) throw new Exception($"The learned D is {maxGap:F3} away from D* somewhere on the support (limit {gapLimit}): train longer.");
Console.WriteLine($"D* check passed: max gap {maxGap:F4} ≤ {gapLimit} after {trainingSteps:N0} steps of batch {batchSize:N0}.");

// ── cell-13 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Fix D = D*: what the generator minimises
//
// Put D* back into V. With m = (p_data + p_g) / 2, the mixture of the two,
//
// C(G) = max_D V(D, G) = ∫ p_data log (p_data / (2m)) + p_g log (p_g / (2m)) dx = −log 4 + KL(p_data ‖ m) + KL(p_g ‖ m)
//
// and the last two terms are twice the **Jensen–Shannon divergence** JSD(p_data ‖ p_g), which is zero exactly when
// the two distributions are equal. So against the best discriminator the generator minimises
//
// **C(G) = −log 4 + 2 · JSD(p_data ‖ p_g)**, and its global minimum −log 4 is reached only at p_g = p_data.
//
// Check it numerically: p_data = N(0, 1), p_g = N(shift, 1), both integrals computed on a fine grid in double
// precision, for shifts from 0 to `maxShift` = 6 (the first line of the cell).
ChapterApp.MarkdownCell("cell-13");

// ── cell-14 (code) ───────────────────────────────────────────────────────────────────────────────
var (maxShift, shiftStep) = (6.0, 0.25);
var x = linspace(-20, maxShift + 20, 200_001, dtype: float64, device: device);   // wide enough that both densities vanish at the ends
var dx = (x[1] - x[0]).item<double>();
double Integrate(Tensor values) => (values.sum().item<double>() - 0.5 * (values[0].item<double>() + values[-1].item<double>())) * dx;   // trapezoid rule

// In the tails the densities underflow to 0 and log 0 = −∞ would spoil the sums, so work with log-densities:
// log D* = log p_data − log(p_data + p_g), log(1 − D*) = log p_g − log(p_data + p_g), log m = log(p_data + p_g) − log 2.
var shifts = Enumerable.Range(0, (int)Math.Round(maxShift / shiftStep) + 1).Select(i => i * shiftStep).ToArray();
var costs = new List<double>();
var divergences = new List<double>();
var logData = new NormalDistribution(0, 1).LogDensity(x);
foreach (var shift in shifts)
{
    using var scope = NewDisposeScope();
    var logGenerated = new NormalDistribution(shift, 1).LogDensity(x);
    var logSum = logaddexp(logData, logGenerated);
    var (pData, pG) = (logData.exp(), logGenerated.exp());
    costs.Add(Integrate(pData * (logData - logSum) + pG * (logGenerated - logSum)));                         // C(G) = V(D*, G)
    var logMixture = logSum - Math.Log(2);
    divergences.Add(0.5 * Integrate(pData * (logData - logMixture)) + 0.5 * Integrate(pG * (logGenerated - logMixture)));   // JSD
}
if (costs.Concat(divergences).Any(value => !double.IsFinite(value))) throw new Exception("An integral is not finite.");
var identityGap = shifts.Select((_, i) => Math.Abs(costs[i] - (-Math.Log(4) + 2 * divergences[i]))).Max();
Console.WriteLine($"C(G) at shift 0: {costs[0]:F6}   −log 4 = {-Math.Log(4):F6}   difference {Math.Abs(costs[0] + Math.Log(4)):E1}");
Console.WriteLine($"largest |C(G) − (−log 4 + 2·JSD)| over all shifts: {identityGap:E1}");
Console.WriteLine($"JSD at shift {maxShift}: {divergences[^1]:F4} (its ceiling is log 2 = {Math.Log(2):F4})");

// ── cell-42 (markdown) ───────────────────────────────────────────────────────────────────────────
// Both curves against the shift, with −log 4 (C's minimum) and log 2 (JSD's ceiling):
ChapterApp.MarkdownCell("cell-42");

// ── cell-43 (code) ───────────────────────────────────────────────────────────────────────────────
ChapterApp.Display(new PlotlyChart("Against the optimal D, the generator's cost is −log 4 + 2·JSD", xTitle: "shift of p_g = N(shift, 1) from p_data = N(0, 1)", yTitle: "value")
    .Line("C(G) = V(D*, G)", shifts, costs)
    .Line("JSD(p_data ‖ p_g)", shifts, divergences)
    .Line("−log 4", new[] { 0.0, maxShift }, new[] { -Math.Log(4), -Math.Log(4) }, dash: "dash")
    .Line("log 2", new[] { 0.0, maxShift }, new[] { Math.Log(2), Math.Log(2) }, dash: "dot"));

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
if (Math.Abs(costs[0] + Math.Log(4)) > 1e-3) throw new Exception($"C(G) at p_g = p_data should be −log 4, got {costs[0]}.");
if (identityGap > 1e-6) throw new Exception($"C(G) and −log 4 + 2·JSD differ by {identityGap}.");
Console.WriteLine("C(G) = −log 4 + 2·JSD holds at every shift, and the minimum −log 4 sits at p_g = p_data.");

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// Notice the right end of the chart: once the two distributions hardly overlap, JSD is stuck near its ceiling log 2
// and C(G) is flat. Moving p_g a little closer changes almost nothing, so a generator far from the data gets almost no
// signal from an optimal discriminator. The cell below puts a number on it: how much one step of `shiftStep` towards the
// data lowers C(G), near the data and far from it. Chapter 04 comes back to this (the Wasserstein GAN was designed
// against it; its section 1 measures the gradient a Wasserstein critic passes back).
ChapterApp.MarkdownCell("cell-16");

// ── cell-44 (code) ───────────────────────────────────────────────────────────────────────────────
double Gain(int i) => costs[i] - costs[i - 1];   // how much C(G) drops when p_g moves from shifts[i] to shifts[i − 1]
var near = Array.IndexOf(shifts, 1.0);
Console.WriteLine($"moving p_g from shift {shifts[near]} to {shifts[near - 1]} lowers C(G) by {Gain(near):F4}; from {shifts[^1]} to {shifts[^2]}, by {Gain(shifts.Length - 1):E1} ({Gain(near) / Gain(shifts.Length - 1):N0}× less)");

// ── cell-17 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Why practice differs: the saturating loss
//
// As written, G minimises log(1 − D(G(z))). Early in training D easily rejects the forgeries, D(G(z)) ≈ 0, and there
// that loss is flat. What reaches G is the gradient with respect to D's score s (everything G learns flows back
// through it). With D = σ(s):
//
// * saturating (minimax) loss log(1 − σ(s)): ∂/∂s = −σ(s) = −D, which **vanishes** as D(G(z)) → 0;
// * non-saturating loss −log σ(s): ∂/∂s = −(1 − σ(s)) = −(1 − D), which is **largest** as D(G(z)) → 0.
//
// Both gradients are negative at every score, so both push D's score on a forgery up, the same way (the cell checks the
// sign); Goodfellow et al. (2014) also show that the two losses share their fixed point. Only the strength of the push
// differs. The cell computes
// both gradients twice: by autograd through GanKit's `GanLoss`, and from the formulas above.
ChapterApp.MarkdownCell("cell-17");

// ── cell-18 (code) ───────────────────────────────────────────────────────────────────────────────
var scores = linspace(-9, 9, 721, dtype: float64, device: device, requires_grad: true);
var count = scores.shape[0];
var verdict = nn.functional.sigmoid(scores).detach();

// GanLoss returns the mean over the batch, so each element's gradient is (per-element gradient) / count.
var saturatingGradient = autograd.grad([GanLoss.Minimax.GeneratorLoss(scores)], [scores])[0] * count;
var nonSaturatingGradient = autograd.grad([GanLoss.NonSaturating.GeneratorLoss(scores)], [scores])[0] * count;
var saturatingError = (saturatingGradient - (-verdict)).abs().max().item<double>();
var nonSaturatingError = (nonSaturatingGradient - (-(1 - verdict))).abs().max().item<double>();
Console.WriteLine($"max |autograd − formula|: saturating {saturatingError:E1}, non-saturating {nonSaturatingError:E1}");
Console.WriteLine($"both gradients negative at every one of the {count} scores: {saturatingGradient.lt(0).all().item<bool>() && nonSaturatingGradient.lt(0).all().item<bool>()}");
var atLowVerdict = (verdict - 0.01).abs().argmin();
Console.WriteLine($"at D(G(z)) ≈ 0.01: |gradient| saturating {saturatingGradient[atLowVerdict].abs().item<double>():F4}, non-saturating {nonSaturatingGradient[atLowVerdict].abs().item<double>():F4}");

var d = verdict.to(CPU).data<double>().ToArray();
ChapterApp.Display(new PlotlyChart("Generator losses and the gradient they send back, against D(G(z))", xTitle: "D(G(z))", yTitle: "loss")
    .Line("saturating loss log(1 − D)", d, (1 - verdict).log().to(CPU).data<double>().ToArray())
    .Line("non-saturating loss −log D", d, (-verdict.log()).to(CPU).data<double>().ToArray())
    .Line("|∂/∂s| saturating = D", d, saturatingGradient.abs().detach().to(CPU).data<double>().ToArray(), secondAxis: true, dash: "dash")
    .Line("|∂/∂s| non-saturating = 1 − D", d, nonSaturatingGradient.abs().detach().to(CPU).data<double>().ToArray(), secondAxis: true, dash: "dash")
    .SecondAxis("|gradient with respect to the score|", 0, 1)
    .YRange(-5, 5));

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
if (saturatingError > 1e-5 || nonSaturatingError > 1e-5) throw new Exception("Autograd and the analytic gradients disagree.");
Console.WriteLine("Autograd matches the analytic gradients to 1e-5.");

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Reading the two terms
//
// The article reads V(D, G) in two halves, and each half is one of the training passes of chapter 03.
//
// * **Fix G, look at D.** Both terms depend on D: the first rewards high D on real data, the second low D on forgeries.
//   This is what the discriminator trained above maximised.
// * **Fix D, look at G.** Only the second term contains G, so the first term is a constant for the generator: G can
//   lower V only by raising D(G(z)).
//
// The cell makes it concrete with the discriminator trained above held fixed: moving the generator's distribution
// towards the data leaves the first term exactly as it was and changes only the second.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
using (no_grad())
{
    manual_seed(4);
    var real = realData.Sample(200_000, device);
    foreach (var candidate in new[] { generatorOutput, new NormalDistribution(2.5, 1.0), new NormalDistribution(4, 1.25) })
    {
        var realTerm = -nn.functional.softplus(-discriminator.call(real)).mean().item<float>();                                 // E[log D(x)]
        var generatedTerm = -nn.functional.softplus(discriminator.call(candidate.Sample(200_000, device))).mean().item<float>(); // E[log(1 − D(G(z)))]
        Console.WriteLine($"p_g = {candidate,-14}: E[log D(x)] = {realTerm:F4}   E[log(1 − D(G(z)))] = {generatedTerm:F4}   V = {realTerm + generatedTerm:F4}");
    }
}

// ── cell-22 (code) ───────────────────────────────────────────────────────────────────────────────
Console.WriteLine($"Result: max |D − D*| = {maxGap:F4} over the support after {trainingSteps:N0} steps; C(G) at p_g = p_data = {costs[0]:F6} (−log 4 = {-Math.Log(4):F6}); autograd − analytic gradients ≤ {Math.Max(saturatingError, nonSaturatingError):E0}");

// ── cell-23 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Summary
//
// * V(D, G) = E[log D(x)] + E[log(1 − D(G(z)))]; D maximises it, G minimises it, and G only affects the second term.
// * For a fixed G the best discriminator is D*(x) = p_data(x) / (p_data(x) + p_g(x)); a discriminator trained on samples
//   alone lands on it (within 0.02 over the whole support in the author's full run, 0.0151; the D* check prints yours).
// * Against D*, the generator minimises C(G) = −log 4 + 2·JSD(p_data ‖ p_g), whose only minimum −log 4 is p_g = p_data.
// * The saturating generator loss log(1 − D(G(z))) gives almost no gradient while D wins; the non-saturating −log D(G(z))
//   gives the most exactly then. Practice uses the latter.
ChapterApp.MarkdownCell("cell-23");

// ── cell-24 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Exercises
ChapterApp.MarkdownCell("cell-24");

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** A discriminator says D(x) = 0.8 on every real sample and D(G(z)) = 0.3 on every forgery. What is V(D, G)?
ChapterApp.MarkdownCell("cell-37");

// ── cell-25 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer1 = null; // a number

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer1 = Math.Log(0.8) + Math.Log(1 - 0.3);
// ```
//
// log 0.8 + log 0.7 ≈ −0.580, above −log 4 ≈ −1.386: this D tells real from generated better than a coin toss.
//
// </details>
ChapterApp.MarkdownCell("cell-38");

// ── cell-26 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("1", answer1, expected: Math.Log(0.8) + Math.Log(1 - 0.3), tolerance: 1e-3, hint: "V = log D(x) + log(1 − D(G(z))) when D is constant on each set.");

// ── cell-27 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** Implement the non-saturating generator loss from raw scores, −mean log σ(s), without using `GanLoss`
// (hint: `nn.functional.logsigmoid`). The check compares it with GanKit's on random scores.
ChapterApp.MarkdownCell("cell-27");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
Func<Tensor, Tensor> nonSaturatingLoss = null; // for example: scores => ...

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// Func<Tensor, Tensor> nonSaturatingLoss = scores => -nn.functional.logsigmoid(scores).mean();
// ```
//
// −log σ(s) computed as −logsigmoid(s) stays finite for very negative scores, where σ(s) itself underflows to 0.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-29 (code) ───────────────────────────────────────────────────────────────────────────────
var randomScores = randn(1_000, 1, device: device) * 4;
Exercise.Check("2", nonSaturatingLoss?.Invoke(randomScores).item<float>(), expected: GanLoss.NonSaturating.GeneratorLoss(randomScores).item<float>(), tolerance: 1e-4,
    hint: "−log σ(s), averaged over the batch; TorchSharp has nn.functional.logsigmoid.");

// ── cell-30 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** D* depends on both densities, not on the means alone. Train a discriminator `discriminator3` with
// `TrainDiscriminator` on p_data = N(4, 1.25²) against a generator that puts its samples at the **same mean but twice as
// spread out**, p_g = N(4, 2.5²), and store its learned D(4) = σ(score at x = 4) in `answer3`. Before you run it: what
// should D*(4) be, and why is it not ½ although both distributions are centred at 4?
ChapterApp.MarkdownCell("cell-30");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
MlpDiscriminator discriminator3 = null; // trained on N(4, 1.25²) against N(4, 2.5²)
double? answer3 = null;                 // its D(4)

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var discriminator3 = TrainDiscriminator(realData, new NormalDistribution(4, 2.5), seed: 5);
// double? answer3;
// using (no_grad()) answer3 = nn.functional.sigmoid(discriminator3.call(full(1, 1, 4f, device: device))).item<float>();
// ```
//
// D*(4) = p_data(4) / (p_data(4) + p_g(4)) = (1/1.25) / (1/1.25 + 1/2.5) = ⅔: at the common centre the narrow real distribution is twice as dense as the wide one, so x = 4 is more likely real. Far from 4 the wide p_g wins and D* falls below ½.
//
// </details>
ChapterApp.MarkdownCell("cell-40");

// ── cell-32 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer3 is null || discriminator3 is null)
{
    Exercise.Check("3", answer3, expected: 0, tolerance: 0, hint: "train discriminator3 with TrainDiscriminator on the two distributions (real first), then take σ of its score at x = 4 under no_grad().");
}
else
{
    double learned3;
    using (no_grad()) learned3 = nn.functional.sigmoid(discriminator3.call(full(1, 1, 4f, device: device))).item<float>();
    var wide = new NormalDistribution(4, 2.5);
    var atFour = full(1, 1, 4.0, dtype: float64, device: device);
    var optimal3 = (realData.Density(atFour) / (realData.Density(atFour) + wide.Density(atFour))).item<double>();
    if (Math.Abs(learned3 - optimal3) > gapLimit)
        throw new ExerciseException($"Exercise 3: discriminator3 says D(4) = {learned3:F3}, not within {gapLimit} of D*(4) for N(4, 1.25²) against N(4, 2.5²): train it on those two, real first.");
    Exercise.Check("3", answer3, expected: learned3, tolerance: 1e-4, hint: "σ of discriminator3's score at x = 4, computed under no_grad().");
    Console.WriteLine($"discriminator3: D(4) = {learned3:F3}; the closed form D*(4) = {optimal3:F3}");
}

// ── cell-33 (markdown) ───────────────────────────────────────────────────────────────────────────
// **4.** For p_data = N(0, 1) and p_g = N(0, 2²), the optimal discriminator is exactly ½ at two points ±x₀. Find x₀ > 0
// (on paper, or numerically with `NormalDistribution.Density`).
ChapterApp.MarkdownCell("cell-33");

// ── cell-34 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer4 = null;

// ── cell-41 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// // D* = ½ where the densities are equal: e^(−x²/2) = ½·e^(−x²/8), so x² · 3/8 = log 2.
// double? answer4 = Math.Sqrt(8 * Math.Log(2) / 3);
// ```
//
// x₀ = √(8·log 2 / 3) ≈ 1.36. Inside ±x₀ the narrower p_data is denser (D* > ½); outside, the wider p_g is.
//
// </details>
ChapterApp.MarkdownCell("cell-41");

// ── cell-35 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("4", answer4, expected: Math.Sqrt(8 * Math.Log(2) / 3), tolerance: 1e-3, hint: "D* = ½ where the two densities are equal: solve e^(−x²/2) = ½·e^(−x²/8).");

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * I. Goodfellow et al., *Generative Adversarial Nets*, NeurIPS 2014: section 4 (Proposition 1 is D*, Theorem 1 is
//   C(G) = −log 4 + 2·JSD), section 3 for the non-saturating loss.
// * I. Goodfellow, *NIPS 2016 Tutorial: Generative Adversarial Networks*, arXiv:1701.00160: section 3.2 compares the
//   generator losses with a figure like the one above.
// * M. Arjovsky, L. Bottou, *Towards Principled Methods for Training Generative Adversarial Networks*, ICLR 2017: why
//   the JSD saturates when the distributions do not overlap.
ChapterApp.MarkdownCell("cell-36");

ChapterApp.Finish();
// Written by tools/ChapterApps; the SHA-256 of the lines above: bf75a950f5b613788d83bb7fdf2a6f5f66a3c0b5e3c7329ef52985b67a6f0e98
