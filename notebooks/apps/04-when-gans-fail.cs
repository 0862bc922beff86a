// Chapter "04 — When GANs fail" as a .NET file-based app, for running it without a notebook front end.
// Generated from ../04-when-gans-fail.ipynb by tools/ChapterApps. To change the chapter, edit the notebook, then run
//     dotnet run --project tools/ChapterApps -c Release
// from the repository root; the tool never writes over an app edited here (an exercise's answer, say).
// To run the chapter, from the repository root (GANKIT_SMOKE=1 in front for the quick smoke size):
//     dotnet run notebooks/apps/04-when-gans-fail.cs
// It prints what the notebook prints, and writes everything the notebook shows — the markdown, charts,
// pictures and tables — to one page, artifacts/apps/04-when-gans-fail.html, named in its last line.
#:project ../../lib/GanKit/GanKit.csproj

using System.Text.Json.Nodes;
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

ChapterApp.Start("../04-when-gans-fail.ipynb", "04 — When GANs fail");

// ── cell-00 (markdown) ───────────────────────────────────────────────────────────────────────────
// # 04 — When GANs fail
//
// > Why is GAN training unstable, and what fixes work?
//
// ![The mode-collapse table's final samples on the 5×5 grid, one row per method and one column per seed, from the author's full run of this notebook (3,000 generator steps per run); section 4 draws your own](images/04-grid-scatters.png)
//
// The article lists the pain points of GANs: a discriminator that is too strong or too weak, training that does not
// converge (its picture: two players in *Prince of Persia* who cannot stop fighting), a generator that makes only a few
// kinds of sample, and images whose parts are right but whose whole is wrong (counting, perspective, global structure).
// It names DCGAN and the Wasserstein GAN as remedies. This chapter produces each failure on purpose, then measures the
// fixes side by side on the same data, the same networks and the same seeds, and reports every training comparison as
// mean ± standard deviation (smallest–largest) over the seeds, not one lucky run.
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
// Every experiment below runs on the same three seeds, fixed here before any result is seen. The seeds of one experiment
// run one after another (each run draws all its randomness from a generator of its own, so its numbers do not depend on
// what ran before it). The smoke size changes only the step counts and, in section 5, the number of digits.
ChapterApp.MarkdownCell("cell-04");

// ── cell-05 (code) ───────────────────────────────────────────────────────────────────────────────
int[] seeds = [1, 2, 3];
var tableSteps = CourseSize.Pick(full: 3_000, smoke: 20);      // generator steps per run in the mode-collapse table
var headStart = CourseSize.Pick(full: 500, smoke: 10);         // discriminator-only steps before the strong-D runs
var strongSteps = CourseSize.Pick(full: 200, smoke: 20);
var weakSteps = CourseSize.Pick(full: 1_600, smoke: 40);
var measureEvery = CourseSize.Pick(full: 100, smoke: 10);

const int NoiseSize = 2;                 // as in the Unrolled GAN, VEEGAN and PacGAN benchmarks
int[] hidden = [128, 128, 128];          // both networks: three hidden layers of 128 units, leaky ReLU
const int BatchSize = 256;
const int SampleCount = 2_500;           // the protocol's number of samples per measurement
Console.WriteLine($"seeds {string.Join(", ", seeds)}; table {tableSteps:N0} steps per run, strong D {headStart:N0} + {strongSteps:N0}, weak D {weakSteps:N0}");

// ── cell-06 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## The benchmark: a ring and a grid of Gaussians
//
// Chapter 03 trained on a ring of radius 2 with σ = 0.05. From here on the course uses the two standard benchmarks of the
// mode-collapse papers (Metz et al. 2016, Srivastava et al. 2017, Lin et al. 2018), so its numbers can be compared with
// theirs: **8 Gaussians on the unit circle with σ = 0.01** (five times tighter than chapter 03's, on a circle half the
// size) and **25 Gaussians on the grid {−4, −2, 0, 2, 4}² with σ = 0.05**. The protocol draws 2,500 samples; a sample is
// *high quality* within 3σ of its nearest mode, a mode is *captured* when a high-quality sample lands on it, and the
// *reverse KL* compares the modes' shares of the high-quality samples with the uniform shares (0 is perfect).
//
// First the yardstick: what real samples score.
ChapterApp.MarkdownCell("cell-06");

// ── cell-07 (code) ───────────────────────────────────────────────────────────────────────────────
var ring = GaussianMixture2D.Ring();
var grid = GaussianMixture2D.Grid();
GaussianMixture2D[] targets = [ring, grid];
string Short(GaussianMixture2D target) => target.ModeCount == 8 ? "ring" : "grid";

foreach (var target in targets)
{
    var real = seeds.Select(seed =>
    {
        using var scope = NewDisposeScope();
        return ModeCoverage.Measure(target, target.Sample(SampleCount, device, new Generator((ulong)seed, device)));
    }).ToList();
    Console.WriteLine($"real {target.Name}: {string.Join("; ", real)}");
}

// ── cell-41 (markdown) ───────────────────────────────────────────────────────────────────────────
// Every scatter picture of the chapter comes from one helper: a grid of square panels (rows and columns titled), each with
// its points and the target's mode centres, its axes reaching 1.4 times the farthest mode.
ChapterApp.MarkdownCell("cell-41");

// ── cell-42 (code) ───────────────────────────────────────────────────────────────────────────────
static (float[] X, float[] Y) Columns(float[] points) =>
    (points.Where((_, index) => index % 2 == 0).ToArray(), points.Where((_, index) => index % 2 == 1).ToArray());

float[] ToPoints(Tensor samples) => samples.detach().to(float32).to(CPU).data<float>().ToArray();

PlotlyChart ScatterGrid(string title, IReadOnlyList<string> rowTitles, IReadOnlyList<string> columnTitles,
    Func<int, int, (float[] Points, GaussianMixture2D Target)> panel, string color = DecisionSurface.GeneratedColor, int panelHeight = 190)
{
    var chart = new PlotlyChart(title, height: 60 + panelHeight * rowTitles.Count)
        .Layout("grid", new JsonObject { ["rows"] = rowTitles.Count, ["columns"] = columnTitles.Count, ["pattern"] = "independent" })
        .Layout("showlegend", false);
    for (var row = 0; row < rowTitles.Count; row++)
    {
        for (var column = 0; column < columnTitles.Count; column++)
        {
            var (points, target) = panel(row, column);
            var (centerX, centerY) = Columns(ToPoints(target.Centers(device)));
            var limit = 1.4 * centerX.Concat(centerY).Max(Math.Abs);   // 1.4 × the farthest mode's coordinate
            var suffix = row * columnTitles.Count + column == 0 ? "" : (row * columnTitles.Count + column + 1).ToString();
            var (x, y) = Columns(points);
            chart.Markers("samples", x, y, size: 2, color: color).AssignLastTraceTo($"x{suffix}", $"y{suffix}")
                 .Markers("modes", centerX, centerY, size: 4, color: color == DecisionSurface.RealColor ? DecisionSurface.GeneratedColor : DecisionSurface.RealColor).AssignLastTraceTo($"x{suffix}", $"y{suffix}")
                 .Layout($"xaxis{suffix}", new JsonObject { ["range"] = new JsonArray(-limit, limit), ["showticklabels"] = false, ["constrain"] = "domain", ["title"] = new JsonObject { ["text"] = row == rowTitles.Count - 1 ? columnTitles[column] : "" } })
                 .Layout($"yaxis{suffix}", new JsonObject { ["range"] = new JsonArray(-limit, limit), ["showticklabels"] = false, ["scaleanchor"] = $"x{suffix}", ["title"] = new JsonObject { ["text"] = column == 0 ? rowTitles[row] : "", ["font"] = new JsonObject { ["size"] = 10 } } });
        }
    }
    return chart;
}

// ── cell-43 (markdown) ───────────────────────────────────────────────────────────────────────────
// The two benchmarks, 2,500 real samples each:
ChapterApp.MarkdownCell("cell-43");

// ── cell-44 (code) ───────────────────────────────────────────────────────────────────────────────
ChapterApp.Display(ScatterGrid("The two benchmarks: 2,500 real samples each (orange: the modes' centres)", ["real samples"], [.. targets.Select(target => $"{Short(target)} of {target.ModeCount}, σ {target.StandardDeviation}")],
    (_, column) => (ToPoints(targets[column].Sample(SampleCount, device, new Generator(1, device))), targets[column]), color: DecisionSurface.RealColor, panelHeight: 380));

// ── cell-08 (markdown) ───────────────────────────────────────────────────────────────────────────
// Real samples score all modes, about 98.9 % high quality (the share of a round Gaussian within 3σ is 1 − e^−4.5) and a
// reverse KL near 0 (about (modes − 1) / 2N from sampling alone). No generator can be expected to do better.
//
// ## 1. A discriminator that is too strong
//
// Chapter 02 showed the saturating ("minimax") generator loss log(1 − D(G(z))) has a tiny gradient exactly where the
// generator is worst, when D rejects its samples with confidence, and chapter 01 promised to show why the
// non-saturating loss −log D(G(z)) trains better. Here D gets a head start: it trains alone against the untrained
// generator until it rejects every forgery, and then it keeps an edge with k = 5 discriminator steps per generator step.
// Both losses start from the same weights on the same seeds; GanKit's trainer reports the norm of the gradient each
// generator step sends into G's weights. A third row answers chapter 02's question of what a *Wasserstein* critic does in
// the same position (it is trained with the WGAN-GP settings of section 4).
ChapterApp.MarkdownCell("cell-08");

// ── cell-09 (code) ───────────────────────────────────────────────────────────────────────────────
(MlpGenerator Generator, MlpDiscriminator Discriminator) NewPair(SeededRun run) =>
    run.Create(() => (new MlpGenerator(NoiseSize, outputSize: 2, hidden: hidden).to(device), new MlpDiscriminator(inputSize: 2, hidden: hidden).to(device)));

StrongRun AgainstAStrongDiscriminator(GanTrainerOptions options, SeededRun run)
{
    var (generator, discriminator) = NewPair(run);
    var trainer = new GanTrainer(generator, discriminator, options with { BatchSize = BatchSize, DiscriminatorSteps = 5 }, device, random: run.Random);
    for (var step = 0; step < headStart; step++)
    {
        using var scope = NewDisposeScope();
        trainer.TrainDiscriminator(ring.Sample(BatchSize, device, run.Random));   // D alone: the head start
    }

    var (norms, fooled) = (new List<double>(), new List<double>());
    for (var step = 1; step <= strongSteps; step++)
    {
        var result = trainer.TrainStep(() => ring.Sample(BatchSize, device, run.Random));
        norms.Add(result.Generator.GradientNorm);
        fooled.Add(result.Generator.VerdictOnGenerated);
    }
    return new StrongRun(norms.ToArray(), fooled.ToArray());
}

// ── cell-45 (markdown) ───────────────────────────────────────────────────────────────────────────
// The three losses, each from the same weights on the same seeds; the table gives the gradient norm at the first generator
// step, over the next nine, and over the second half of the run:
ChapterApp.MarkdownCell("cell-45");

// ── cell-46 (code) ───────────────────────────────────────────────────────────────────────────────
var strongLosses = new (string Label, GanTrainerOptions Options)[]
{
    (GanLoss.Minimax.Name, new GanTrainerOptions { Loss = GanLoss.Minimax }),                 // Adam 2e-4, β1 0.5 (DCGAN)
    (GanLoss.NonSaturating.Name, new GanTrainerOptions { Loss = GanLoss.NonSaturating }),
    ("Wasserstein critic (WGAN-GP)", new GanTrainerOptions { Loss = GanLoss.Wasserstein, GradientPenaltyWeight = 10, GeneratorLearningRate = 1e-4, DiscriminatorLearningRate = 1e-4, Beta2 = 0.9 }),
};
var strong = new Experiment<StrongRun>($"Against a strong D ({headStart:N0} steps' head start, then k = 5), ring", seeds,
[
    new("‖∇G‖ at step 1", run => run.GradientNorms[0], "G3"),
    new("‖∇G‖, steps 2–10", run => run.GradientNorms.Skip(1).Take(9).Average(), "G3"),
    new($"‖∇G‖, steps {strongSteps / 2}–{strongSteps}", run => run.GradientNorms.Skip(strongSteps / 2 - 1).Average(), "G3"),
], device: device);
foreach (var (label, options) in strongLosses)
{
    strong.Run(label, run => AgainstAStrongDiscriminator(options, run),
        finished => Console.WriteLine($"{label}, seed {finished.Seed}: ‖∇G‖ {finished.Result.GradientNorms[0]:G3} at step 1, {finished.Result.GradientNorms[^1]:G3} at step {strongSteps} ({finished.Elapsed.TotalSeconds:F0} s)"));
}
ChapterApp.Display(strong.Table());

// ── cell-10 (code) ───────────────────────────────────────────────────────────────────────────────
var strongColors = new[] { "#d62728", "#1f77b4", "#2ca02c" };
var gradientChart = new PlotlyChart("The generator's gradient norm, step by step (log scale)", xTitle: "generator step", yTitle: "‖∇θ loss_G‖").LogY();
var fooledChart = new PlotlyChart("D's verdict on the forgeries, D(G(z)), step by step (the two losses with a sigmoid verdict)", xTitle: "generator step", yTitle: "mean D(G(z))");
foreach (var (row, index) in strong.Rows.Select((row, index) => (row, index)))
{
    foreach (var run in row.Runs)
    {
        var steps = Enumerable.Range(1, run.Result.GradientNorms.Length);
        gradientChart.Line($"{row.Label}, seed {run.Seed}", steps, run.Result.GradientNorms, color: strongColors[index]);
        if (index < 2) fooledChart.Line($"{row.Label}, seed {run.Seed}", steps, run.Result.Fooled, color: strongColors[index]);
    }
}
var ratios = strong[GanLoss.NonSaturating.Name].Runs.Zip(strong[GanLoss.Minimax.Name].Runs, (ns, mm) => ns.Result.GradientNorms[0] / mm.Result.GradientNorms[0]).ToList();
var catchUp = strong[GanLoss.Minimax.Name].Runs.Select(run => Array.FindIndex(run.Result.Fooled, verdict => verdict > 0.1) is var index && index >= 0 ? $"{index + 1}" : $"more than {strongSteps}").ToList();
Console.WriteLine($"At the first generator step the non-saturating gradient is {ratios.Min():N0}× to {ratios.Max():N0}× the minimax one on the same weights (seed by seed).");
Console.WriteLine($"The minimax generators still get D(G(z)) above 0.1 after {string.Join(", ", catchUp)} steps (seeds {string.Join(", ", seeds)}).");
ChapterApp.Display(gradientChart);
ChapterApp.Display(fooledChart);

// ── cell-11 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read it. The gradient chart is the article's "too strong a discriminator" in one picture: after the head start D
// rejects every forgery (D(G(z)) near 0), and the minimax loss, whose gradient is proportional to D(G(z)), sends G a
// gradient hundreds to thousands of times smaller than the non-saturating loss does on the same weights (the printed
// ratios). The minimax runs still escape, within about twenty steps (the second printed line: 19 on every seed in the author's
// full run), most likely thanks to Adam, though
// this chapter does not run the comparison that would show it: Adam divides each step by a running average of the
// gradient's size, so a tiny but steady gradient still moves the weights at the full learning rate. Plain
// gradient descent, the optimizer of the 2014 paper, has no such division: its step is the learning rate times the
// gradient, so there the gap in the first chart is the gap in the steps. What Adam cannot undo is *which* samples the
// gradient listens to: the minimax gradient weights each forgery by D(G(z)), so it follows the forgeries D already accepts
// and ignores the worst ones; the non-saturating gradient does the opposite. Section 4 trains both losses to the end on
// the same seeds and compares what they reach.
//
// The Wasserstein critic is the other way out, the one chapter 02 pointed to: its score is not squashed by a sigmoid and
// its gradient penalty holds its slope near 1, so however far ahead it is, the gradient it passes to G neither vanishes
// nor explodes (the green lines).
//
// ## 2. A discriminator that is too weak
//
// The opposite failure: D learns too little to tell G where the data are. Two ways to weaken it: a tiny D (one hidden
// layer of 4 units), or the standard D with a learning rate 100 times smaller. To see what G does, the same 500 noise
// vectors are pushed through G every 100 steps: the **drift** is the mean distance those points moved since the last
// measurement. A generator that has found the data should settle (small drift, high quality); one that gets no useful
// signal keeps wandering.
ChapterApp.MarkdownCell("cell-11");

// ── cell-12 (code) ───────────────────────────────────────────────────────────────────────────────
ModeCoverage Coverage(GanKit.Models.GeneratorNetwork generator, Tensor noise, GaussianMixture2D target)
{
    using var scope = NewDisposeScope();
    using var noGradient = no_grad();
    return ModeCoverage.Measure(target, generator.call(noise));
}

// ── cell-47 (markdown) ───────────────────────────────────────────────────────────────────────────
// One run with a given discriminator: train, and every `measureEvery` steps push the fixed noise through G, record how
// far its points moved (the drift) and measure coverage on fresh noise; keep four snapshots for the pictures.
ChapterApp.MarkdownCell("cell-47");

// ── cell-48 (code) ───────────────────────────────────────────────────────────────────────────────
DriftRun WithDiscriminator(Func<nn.Module<Tensor, Tensor>> newDiscriminator, double discriminatorRate, SeededRun run)
{
    var (generator, discriminator) = run.Create(() => (new MlpGenerator(NoiseSize, outputSize: 2, hidden: hidden).to(device), newDiscriminator().to(device)));
    // the standard D's settings (Adam 1e-3, constant) with the D of the row
    var options = new GanTrainerOptions { BatchSize = BatchSize, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = discriminatorRate };
    var trainer = new GanTrainer(generator, discriminator, options, device, random: run.Random);
    var fixedNoise = trainer.SampleNoise(500);
    var measuring = new Generator((ulong)(run.Seed + 10_000), device);   // measurement noise, apart from training's
    Tensor previous;
    using (no_grad()) previous = generator.call(fixedNoise);
    var (measuredAt, drift, quality, modes, snapshots) = (new List<int>(), new List<double>(), new List<double>(), new List<double>(), new List<float[]>());
    for (var step = 1; step <= weakSteps; step++)
    {
        trainer.TrainStep(() => ring.Sample(BatchSize, device, run.Random));
        if (step % measureEvery != 0) continue;
        Tensor now;
        using (no_grad()) now = generator.call(fixedNoise);
        var coverage = Coverage(generator, randn(SampleCount, NoiseSize, device: device, generator: measuring), ring);
        measuredAt.Add(step);
        drift.Add((now - previous).square().sum(1).sqrt().mean().item<float>());
        quality.Add(coverage.HighQualityShare);
        modes.Add(coverage.ModesCaptured);
        if (step % (weakSteps / 4) == 0) snapshots.Add(ToPoints(now));
        previous.Dispose();
        previous = now;
    }
    previous.Dispose();
    return new DriftRun(measuredAt.ToArray(), drift.ToArray(), quality.ToArray(), modes.ToArray(), Coverage(generator, trainer.SampleNoise(SampleCount), ring), snapshots);
}

// ── cell-49 (markdown) ───────────────────────────────────────────────────────────────────────────
// The three discriminators on the same seeds, and the table:
ChapterApp.MarkdownCell("cell-49");

// ── cell-50 (code) ───────────────────────────────────────────────────────────────────────────────
var weak = new Experiment<DriftRun>($"How strong a D, ring, {weakSteps:N0} steps", seeds,
[
    new("drift per 100 steps, last quarter", run => run.Drift.Skip(run.Drift.Length * 3 / 4).Average(), "F3"),
    new("modes at the end", run => run.Final.ModesCaptured, "F1"),
    new("high quality % at the end", run => 100 * run.Final.HighQualityShare, "F1"),
    new("high quality %, best measurement", run => 100 * run.Quality.Max(), "F1"),
], device: device);
var discriminators = new (string Label, Func<nn.Module<Tensor, Tensor>> New, double Rate)[]
{
    ("standard D: 3 × 128 units, rate 1e-3", () => new MlpDiscriminator(2, hidden), 1e-3),
    ("tiny D: one layer of 4 units, rate 1e-3", () => new MlpDiscriminator(2, [4]), 1e-3),
    ("slow D: 3 × 128 units, rate 1e-5", () => new MlpDiscriminator(2, hidden), 1e-5),
};
foreach (var (label, newDiscriminator, rate) in discriminators)
{
    weak.Run(label, run => WithDiscriminator(newDiscriminator, rate, run),
        finished => Console.WriteLine($"{label}, seed {finished.Seed}: {finished.Result.Final} ({finished.Elapsed.TotalSeconds:F0} s)"));
}
ChapterApp.Display(weak.Table());

// ── cell-13 (code) ───────────────────────────────────────────────────────────────────────────────
var weakColors = new[] { "#2ca02c", "#d62728", "#9467bd" };
var driftChart = new PlotlyChart("Drift: how far G's fixed 500 points moved in the last 100 steps (log scale)", xTitle: "step", yTitle: "mean distance moved").LogY();
var weakQualityChart = new PlotlyChart("Share of high-quality samples", xTitle: "step", yTitle: "high-quality share").YRange(0, 1);
foreach (var (row, index) in weak.Rows.Select((row, index) => (row, index)))
{
    foreach (var run in row.Runs)
    {
        driftChart.Line($"{row.Label}, seed {run.Seed}", run.Result.MeasuredAt, run.Result.Drift, color: weakColors[index]);
        weakQualityChart.Line($"{row.Label}, seed {run.Seed}", run.Result.MeasuredAt, run.Result.Quality, color: weakColors[index]);
    }
}
ChapterApp.Display(driftChart);
ChapterApp.Display(weakQualityChart);
ChapterApp.Display(ScatterGrid($"Where G puts the same 500 noise vectors, seed {seeds[0]}, at four moments", weak.Rows.Select(row => row.Label.Split(':')[0]).ToList(),
    Enumerable.Range(1, 4).Select(quarter => $"step {quarter * weakSteps / 4:N0}").ToList(),
    (row, column) => (weak.Rows[row].Runs[0].Result.Snapshots[column], ring)));

// ── cell-14 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read it: compare the rows of the table, the colours of the drift chart, and the rows of the last picture. With
// the standard D the generator's points spread around the ring and stay there: the drift falls to about a tenth of a
// unit per 100 steps (at a constant learning rate they keep jittering around the modes). With either weak D two failures come
// together: G's points shrink into **one clump** (mode collapse), and the clump **wanders**: the drift stays from about twice to several hundred times the standard D's, and the pictures
// show the clump moving from place to place, at times off the plot. The likely reading, which these runs show the symptoms of but do not isolate: the tiny D can
// draw only a few straight boundaries and the slow D cannot follow G, so neither tells G that one clump is not the whole
// ring. A discriminator must be strong enough to see the
// data's detail, and not so strong that its verdicts saturate: that is the balance the article describes.
//
// ## 3. Non-convergence: two players who cannot stop
//
// The smallest game that shows it: x wants to minimise x·y, y wants to maximise it. The only equilibrium is (0, 0). Each
// player follows its own gradient (x's is y, y's is x) with step size η = 0.1, from (1, 1). Four ways to take the steps:
//
// * **simultaneous**: both step at once, x ← x − ηy, y ← y + ηx. Each step multiplies the distance to (0, 0) by
//   √(1 + η²): the players spiral outwards, for ever.
// * **alternating**: x steps, then y steps seeing the new x (what chapter 03's two passes do). The players circle.
// * **extragradient** (Korpelevich 1976): take a trial step, then step with the gradients at the trial point.
// * **optimistic** (Daskalakis et al. 2018): step with 2 × this gradient − the previous one.
//
// And one repair that needs no new update rule: **averaging** the alternating players' positions over time.
ChapterApp.MarkdownCell("cell-14");

// ── cell-15 (code) ───────────────────────────────────────────────────────────────────────────────
const double Rate = 0.1;
var bilinearSteps = 1_000;   // milliseconds of arithmetic: the same in the smoke size

List<(double X, double Y)> Play(int steps, Func<double, double, (double X, double Y)> step)
{
    var path = new List<(double X, double Y)> { (1, 1) };
    for (var index = 0; index < steps; index++) path.Add(step(path[^1].X, path[^1].Y));
    return path;
}

var simultaneous = Play(bilinearSteps, (x, y) => (x - Rate * y, y + Rate * x));
var alternating = Play(bilinearSteps, (x, y) => { var newX = x - Rate * y; return (newX, y + Rate * newX); });
var extragradient = Play(bilinearSteps, (x, y) => { var (trialX, trialY) = (x - Rate * y, y + Rate * x); return (x - Rate * trialY, y + Rate * trialX); });
var optimistic = new List<(double X, double Y)> { (1, 1) };
var (lastGradientX, lastGradientY) = (1.0, 1.0);   // the first step uses the current gradient twice
for (var index = 0; index < bilinearSteps; index++)
{
    var (x, y) = optimistic[^1];
    optimistic.Add((x - Rate * (2 * y - lastGradientX), y + Rate * (2 * x - lastGradientY)));
    (lastGradientX, lastGradientY) = (y, x);
}
var averaged = alternating.Select((_, index) => (X: alternating.Take(index + 1).Average(p => p.X), Y: alternating.Take(index + 1).Average(p => p.Y))).ToList();

// ── cell-51 (markdown) ───────────────────────────────────────────────────────────────────────────
// How far each pair is from (0, 0) as it goes, with the simultaneous players' distance from the formula next to it:
ChapterApp.MarkdownCell("cell-51");

// ── cell-52 (code) ───────────────────────────────────────────────────────────────────────────────
var games = new (string Name, List<(double X, double Y)> Path, string Color)[]
{
    ("simultaneous", simultaneous, "#d62728"), ("alternating", alternating, "#ff7f0e"), ("extragradient", extragradient, "#2ca02c"),
    ("optimistic", optimistic, "#1f77b4"), ("alternating, averaged", averaged, "#9467bd"),
};
static double Distance((double X, double Y) point) => Math.Sqrt(point.X * point.X + point.Y * point.Y);
int[] checkpoints = [10, 100, bilinearSteps / 2, bilinearSteps];
foreach (var (name, path, _) in games)
{
    Console.WriteLine($"{name,-22} distance to (0, 0) after {string.Join(" / ", checkpoints.Select(n => n.ToString("N0")))} steps: {string.Join(" / ", checkpoints.Select(n => Distance(path[n]).ToString("G3")))}");
}
Console.WriteLine($"simultaneous, by the formula √2 · (1 + η²)^(n/2) at n = {checkpoints[2]:N0}: {Math.Sqrt(2) * Math.Pow(1 + Rate * Rate, checkpoints[2] / 2.0):G3}");

// ── cell-53 (markdown) ───────────────────────────────────────────────────────────────────────────
// The paths themselves, and the distance over all the steps:
ChapterApp.MarkdownCell("cell-53");

// ── cell-54 (code) ───────────────────────────────────────────────────────────────────────────────
var reach = 1.05 * games.Max(game => game.Path.Take(201).Max(p => Math.Max(Math.Abs(p.X), Math.Abs(p.Y))));   // the axes hold every path
var trajectoryChart = new PlotlyChart("The first 200 steps of each player pair from (1, 1); the equilibrium is (0, 0)", xTitle: "x (minimises x·y)", yTitle: "y (maximises x·y)", height: 520)
    .XRange(-reach, reach).YRange(-reach, reach).EqualAspect();
foreach (var (name, path, color) in games)
{
    trajectoryChart.Line(name, path.Take(201).Select(p => p.X), path.Take(201).Select(p => p.Y), color: color);
}
ChapterApp.Display(trajectoryChart);
var distanceChart = new PlotlyChart("Distance to the equilibrium (log scale)", xTitle: "step", yTitle: "‖(x, y)‖").LogY();
foreach (var (name, path, color) in games)
{
    distanceChart.Line(name, Enumerable.Range(0, path.Count), path.Select(Distance), color: color);
}
ChapterApp.Display(distanceChart);

// ── cell-16 (markdown) ───────────────────────────────────────────────────────────────────────────
// The printed distances are the whole story. Simultaneous steps grow the distance by the factor the formula predicts;
// alternating steps stay on a closed orbit around the equilibrium at roughly the starting distance — never closer; the
// extragradient and optimistic players spiral *inwards*; and the average of the circling players closes in on (0, 0) as
// the orbit averages out, roughly like 1 / n but bouncing on the way (0.25 after 100 steps, then 0.004 and 0.005 after
// 500 and 1,000: the printed line). A GAN's two networks are such players in millions of dimensions, and Mescheder et al. (2018) show that near an
// equilibrium the game can look locally like this one, so plain gradient steps can circle or spiral instead of settling.
// The remedies in use are the ones above and their relatives: optimism and extragradient, averaging the generator's
// weights (chapter 05's weight average), smaller steps, and penalties that make the game converge locally, such as the
// R1 penalty (Mescheder et al. 2018), which appears in the table below.
//
// ## 4. Mode collapse, and the fixes side by side
//
// Now the headline failure. Six ways to train the same generator and discriminator (three hidden layers of 128 units,
// noise of 2 numbers, batch 256), on both benchmarks, three seeds each, the same number of generator steps:
//
// | method | loss | what else |
// |---|---|---|
// | GAN (minimax) | saturating | Adam 1e-3 (β 0.5, 0.999), both rates decaying linearly to 0 over the run |
// | non-saturating | non-saturating | the same |
// | WGAN (clip) | Wasserstein | the paper's settings: RMSprop 5e-5, weights clipped to ±0.01, 5 critic steps per G step |
// | WGAN-GP | Wasserstein | the paper's settings: Adam 1e-4 (β 0.5, 0.9), gradient penalty λ = 10, 5 critic steps |
// | PacGAN2 | non-saturating | D judges pairs of samples (Lin et al. 2018); 128 pairs per batch of 256 |
// | non-saturating + R1 | non-saturating | R1 penalty γ = 0.1 on D's gradient at real data (Mescheder et al. 2018) |
//
// The Wasserstein rows keep their papers' optimizer settings; the other four share one (Adam at 1e-3, the best of
// chapter 03's learning rates), the plain GAN included; all decay their rates the same way. Nothing is tuned per seed,
// and the seeds were fixed above. The Wasserstein critics take 5 steps per generator step, so their runs cost several
// times as long (2.6 to 5.8 times in a full run of 2026-11-30; the table's last column shows yours).
ChapterApp.MarkdownCell("cell-16");

// ── cell-17 (code) ───────────────────────────────────────────────────────────────────────────────
var common = new GanTrainerOptions { BatchSize = BatchSize, GeneratorLearningRate = 1e-3, DiscriminatorLearningRate = 1e-3, LearningRateDecaySteps = tableSteps };
var wasserstein = common with { Loss = GanLoss.Wasserstein, DiscriminatorSteps = 5 };
Method[] methods =
[
    new("GAN (minimax)", common with { Loss = GanLoss.Minimax }),
    new("non-saturating", common),
    new("WGAN (clip)", wasserstein with { Optimizer = GanOptimizer.RMSprop, GeneratorLearningRate = 5e-5, DiscriminatorLearningRate = 5e-5, WeightClip = 0.01 }),
    new("WGAN-GP", wasserstein with { GeneratorLearningRate = 1e-4, DiscriminatorLearningRate = 1e-4, Beta2 = 0.9, GradientPenaltyWeight = 10 }),
    new("PacGAN2", common, Pack: 2),
    new("non-saturating + R1", common with { R1Weight = 0.1 }),
];

// ── cell-55 (markdown) ───────────────────────────────────────────────────────────────────────────
// One run: the method's pair of networks (PacGAN's discriminator judges packs), trained on the target for the given
// number of generator steps, with the high-quality share measured twelve times on the way and coverage measured at the end:
ChapterApp.MarkdownCell("cell-55");

// ── cell-56 (code) ───────────────────────────────────────────────────────────────────────────────
CollapseRun TrainOn(Method method, GaussianMixture2D target, SeededRun run, int steps)
{
    var (generator, discriminator) = run.Create(() => (
        new MlpGenerator(NoiseSize, outputSize: 2, hidden: hidden).to(device),
        method.Pack == 1
            ? new MlpDiscriminator(2, hidden).to(device)
            : (nn.Module<Tensor, Tensor>)new PackedDiscriminator(new MlpDiscriminator(2 * method.Pack, hidden), method.Pack).to(device)));
    var trainer = new GanTrainer(generator, discriminator, method.Options with { LearningRateDecaySteps = steps }, device, random: run.Random);
    var measuring = new Generator((ulong)(run.Seed + 10_000), device);   // measurement noise, apart from training's
    var (measuredAt, quality) = (new List<int>(), new List<double>());
    for (var step = 1; step <= steps; step++)
    {
        trainer.TrainStep(() => target.Sample(method.Options.BatchSize, device, run.Random));
        if (step % Math.Max(1, steps / 12) == 0)
        {
            measuredAt.Add(step);
            quality.Add(Coverage(generator, randn(SampleCount, NoiseSize, device: device, generator: measuring), target).HighQualityShare);
        }
    }

    using var scope = NewDisposeScope();
    using var noGradient = no_grad();
    var samples = generator.call(trainer.SampleNoise(SampleCount));
    return new CollapseRun(method, Short(target), ModeCoverage.Measure(target, samples), ToPoints(samples.narrow(0, 0, 800)), measuredAt.ToArray(), quality.ToArray());
}

// ── cell-57 (markdown) ───────────────────────────────────────────────────────────────────────────
// The table: every method on both benchmarks and the three seeds (the longest cell of the chapter):
ChapterApp.MarkdownCell("cell-57");

// ── cell-58 (code) ───────────────────────────────────────────────────────────────────────────────
Metric<CollapseRun>[] coverageMetrics =
[
    new("modes captured", run => run.Coverage.ModesCaptured, "F1"),
    new("high quality %", run => 100 * run.Coverage.HighQualityShare, "F1"),
    new("reverse KL", run => run.Coverage.ReverseKl, "F2"),
];
var collapse = new Experiment<CollapseRun>($"Mode collapse, {tableSteps:N0} generator steps per run", seeds, coverageMetrics, device: device);
var tableProgress = new TrainingProgress("The mode-collapse table", methods.Length * targets.Length * seeds.Length);
var runsDone = 0;
foreach (var target in targets)
{
    foreach (var method in methods)
    {
        collapse.Run($"{method.Name} · {Short(target)}", run => TrainOn(method, target, run, tableSteps), finished =>
        {
            runsDone++;
            tableProgress.Report(runsDone, ("seconds for this run", finished.Elapsed.TotalSeconds));
            Console.WriteLine($"{method.Name} · {Short(target)} · seed {finished.Seed}: {finished.Result.Coverage} ({finished.Elapsed.TotalSeconds:F0} s)");
        });
    }
}
ChapterApp.Display(collapse.Table());

// ── cell-18 (code) ───────────────────────────────────────────────────────────────────────────────
foreach (var target in targets)
{
    ChapterApp.Display(ScatterGrid($"Final samples on the {Short(target)} after {tableSteps:N0} steps (800 of 2,500 per panel; dark: the modes)",
        methods.Select(method => method.Name).ToList(), seeds.Select(seed => $"seed {seed}").ToList(),
        (row, column) => (collapse[$"{methods[row].Name} · {Short(target)}"].Runs[column].Result.Points, target)));
}

// The target: all 8 ring modes and at least 24 of 25 grid modes, with at least 90 % high-quality samples, on average over the seeds.
var verdicts = methods.Select(method =>
{
    var onRing = collapse[$"{method.Name} · ring"];
    var onGrid = collapse[$"{method.Name} · grid"];
    var ringModes = onRing.Measure(run => run.Coverage.ModesCaptured).Mean;
    var gridModes = onGrid.Measure(run => run.Coverage.ModesCaptured).Mean;
    var ringQuality = onRing.Measure(run => run.Coverage.HighQualityShare).Mean;
    var gridQuality = onGrid.Measure(run => run.Coverage.HighQualityShare).Mean;
    var meets = ringModes >= 8 && gridModes >= 24 && ringQuality >= 0.9 && gridQuality >= 0.9;
    Console.WriteLine($"{method.Name,-22} ring {ringModes:F1}/8 modes, {ringQuality:P1} HQ; grid {gridModes:F1}/25 modes, {gridQuality:P1} HQ; {(meets ? "meets" : "misses")} the target");
    return (method.Name, Meets: meets, Score: Math.Min(ringModes / 8, gridModes / 24) + ringQuality + gridQuality);
}).ToList();
var best = verdicts.MaxBy(verdict => verdict.Score);
Console.WriteLine(verdicts.Any(verdict => verdict.Meets)
    ? $"Result: {string.Join(", ", verdicts.Where(verdict => verdict.Meets).Select(verdict => verdict.Name))} reach the target on both benchmarks in {tableSteps:N0} steps."
    : $"Result: no method reaches the target (8/8 ring, ≥ 24/25 grid, ≥ 90 % high quality) in {tableSteps:N0} steps; the closest is {best.Name}.");

// ── cell-19 (code) ───────────────────────────────────────────────────────────────────────────────
foreach (var target in targets)
{
    var lossChart = new PlotlyChart($"The two losses on the same seeds, {Short(target)}: share of high-quality samples during training", xTitle: "generator step", yTitle: "high-quality share").YRange(0, 1);
    foreach (var (name, color) in new[] { ("GAN (minimax)", "#d62728"), ("non-saturating", "#1f77b4") })
    {
        foreach (var run in collapse[$"{name} · {Short(target)}"].Runs)
        {
            lossChart.Line($"{name}, seed {run.Seed}", run.Result.MeasuredAt, run.Result.Quality, color: color);
        }
    }
    ChapterApp.Display(lossChart);
}
foreach (var target in targets)
{
    var minimax = collapse[$"GAN (minimax) · {Short(target)}"].Measure(run => 100 * run.Coverage.HighQualityShare);
    var nonSaturating = collapse[$"non-saturating · {Short(target)}"].Measure(run => 100 * run.Coverage.HighQualityShare);
    var apart = nonSaturating.Minimum > minimax.Maximum ? "every non-saturating seed above every minimax seed"
        : minimax.Minimum > nonSaturating.Maximum ? "every minimax seed above every non-saturating seed" : "the seeds overlap";
    Console.WriteLine($"{Short(target)}: high quality at the end, minimax {minimax.ToString("F1")} %, non-saturating {nonSaturating.ToString("F1")} % ({apart})");
}

// ── cell-20 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read the table and the charts. Each cell is mean ± standard deviation (smallest–largest) over the three seeds;
// look at the spread before believing a difference between two rows. *Modes captured* alone flatters a generator that
// smears its samples everywhere (it touches every mode with a few high-quality points); *high quality* alone flatters a
// collapsed generator (all its points on two modes are high quality); *reverse KL* shows how evenly the captured modes
// are filled. A method helps when all three improve together. In the scatters, dense dots on the dark centres are
// high-quality samples; the trails between them are the generator's *bridges* (a continuous function of continuous noise
// cannot jump from one mode to the next, so some samples always land in between, and training makes the bridges
// thinner); empty centres are missed modes.
//
// What this budget shows:
//
// * **The two losses.** On the ring the non-saturating loss ends with clearly more high-quality samples than the minimax
//   loss (the line under the loss charts says whether the seeds even overlap); on the grid, at this budget, the two are
//   within each other's spread. That is the honest size of the non-saturating loss's advantage once Adam is in the loop:
//   a gradient hundreds of times larger when D saturates (section 1), which Adam's rescaling probably evens out for the
//   most part (section 1 does not test that), and a clear win on the ring, not yet on the grid, at this budget.
// * **The anti-collapse methods.** The R1 penalty fills the ring's eight modes far more evenly than any other row (its
//   reverse KL), and on the grid R1 and PacGAN's packs capture the most modes; PacGAN pays with many samples between the
//   modes (its high-quality share is the lowest of the non-Wasserstein rows; see its scatters).
// * **The grid is not solved in 3,000 steps.** After 3,000 steps the plain, non-saturating and R1 generators lie mostly
//   along the grid's outer frame, with the inner modes thinly covered (the scatters), and every method's high-quality share stays far from the 90 % the papers report: the
//   PacGAN paper's 23.8 modes at 91.3 % come from a larger network trained for many times more steps. Exercises 3 and 4
//   show how to add rows; a longer budget is one setting (`tableSteps`) away, at the cost of minutes.
// * **The Wasserstein rows.** With their papers' settings — learning rates 10 to 20 times smaller, five critic steps per
//   generator step, and a critic that must first learn before G can — they are the slowest to start: behind on both
//   benchmarks at this budget, while costing several times as long per run (the last column). The papers' promise
//   is a loss that keeps giving G a useful gradient (section 1's green lines) and training that does not collapse, over
//   runs of a hundred thousand steps and more; this table does not show that promise fulfilled, and says so.
//
// ## 5. The image-level problems: counting, perspective, global structure
//
// The article's last pain points are about images: a GAN draws an animal with too many eyes (**counting**), a scene whose
// parts do not share one viewpoint (**perspective**), a body whose parts are each right but badly assembled (**global
// structure**). The reason is what the networks see. A convolutional discriminator judges an image through filters that
// each cover a small patch; its early layers know "there is an eye here", and only its last layers, with few units and a
// coarse view, can check how many eyes there are and where. A generator that fools D patch by patch gets away with
// wrong wholes. DCGAN (Radford et al. 2015) made convolutions work for GANs; later remedies widen what the networks see at
// once (self-attention in SAGAN, Zhang et al. 2019; progressive growing, Karras et al. 2018).
//
// Digits are too small for eyes and viewpoints — there is no perspective in a 28 × 28 stroke, and this chapter cannot show
// that problem — but they have a global structure that can be counted: an 8 has two loops, a 0 one, a 1 none, and a
// digit is one connected stroke. The cells below count, in real test digits and in digits from chapter 05's shipped DCGAN
// generator, the **holes** (background regions the strokes enclose) and the **pieces** (connected strokes), per class as
// the course's digit classifier reads them.
ChapterApp.MarkdownCell("cell-20");

// ── cell-21 (code) ───────────────────────────────────────────────────────────────────────────────
var digitCount = CourseSize.Pick(full: 2_000, smoke: 200);
var realDigits = Mnist.Load("../data/mnist", MnistSplit.Test, count: digitCount, device: device);
var shippedGenerator = DigitGan.LoadPretrained("../data/generator", device);
var classifier = DigitClassifierWeights.Load("../data/classifier", device);
classifier.eval();
Tensor generatedDigits;
using (no_grad())
{
    manual_seed(4);
    generatedDigits = DigitGan.Sample(shippedGenerator, digitCount, device);
}

// ── cell-59 (markdown) ───────────────────────────────────────────────────────────────────────────
// GanKit's `DigitTopology` counts each digit's **pieces** (ink connected through its 8 neighbours) and **holes** (background
// connected through its 4 neighbours that does not reach the border), pixels above ½ counting as ink; its unit tests
// count a ring, an eight, two bars and a diamond drawn corner to corner. The classifier says which digit each is. Per
// class, the typical number of holes is the one most real digits of that class have:
ChapterApp.MarkdownCell("cell-59");

// ── cell-60 (code) ───────────────────────────────────────────────────────────────────────────────
(int Class, int Pieces, int Holes)[] Describe(Tensor images)
{
    int[] classes;
    using (no_grad()) classes = classifier.call(images).argmax(1).to(int32).to(CPU).data<int>().ToArray();
    return DigitTopology.Measure(images).Select((shape, index) => (classes[index], shape.Pieces, shape.Holes)).ToArray();
}

var realShapes = Describe(realDigits.Images);
var generatedShapes = Describe(generatedDigits);
int TypicalHoles(int digitClass) => realShapes.Where(shape => shape.Class == digitClass).GroupBy(shape => shape.Holes).MaxBy(group => group.Count())?.Key ?? 0;
string Share(IEnumerable<(int Class, int Pieces, int Holes)> shapes, Func<(int Class, int Pieces, int Holes), bool> test) =>
    shapes.Any() ? $"{100.0 * shapes.Count(test) / shapes.Count(),5:F1} %" : "    –";
Console.WriteLine($"{"class",5}  {"typical holes",13}  {"real: typical holes",19}  {"DCGAN: typical holes",20}  {"real: one piece",15}  {"DCGAN: one piece",16}");
for (var digitClass = 0; digitClass < 10; digitClass++)
{
    var typical = TypicalHoles(digitClass);
    var real = realShapes.Where(shape => shape.Class == digitClass).ToList();
    var generated = generatedShapes.Where(shape => shape.Class == digitClass).ToList();
    Console.WriteLine($"{digitClass,5}  {typical,13}  {Share(real, shape => shape.Holes == typical),19}  {Share(generated, shape => shape.Holes == typical),20}  {Share(real, shape => shape.Pieces == 1),15}  {Share(generated, shape => shape.Pieces == 1),16}");
}

// ── cell-61 (markdown) ───────────────────────────────────────────────────────────────────────────
// Over all classes:
ChapterApp.MarkdownCell("cell-61");

// ── cell-62 (code) ───────────────────────────────────────────────────────────────────────────────
var realTypical = realShapes.Count(shape => shape.Holes == TypicalHoles(shape.Class)) / (double)realShapes.Length;
var generatedTypical = generatedShapes.Count(shape => shape.Holes == TypicalHoles(shape.Class)) / (double)generatedShapes.Length;
var realWhole = realShapes.Count(shape => shape.Pieces == 1) / (double)realShapes.Length;
var generatedWhole = generatedShapes.Count(shape => shape.Pieces == 1) / (double)generatedShapes.Length;
Console.WriteLine($"all classes: typical number of holes — real {realTypical:P1}, DCGAN {generatedTypical:P1}; one piece — real {realWhole:P1}, DCGAN {generatedWhole:P1} ({digitCount:N0} digits each)");
Console.WriteLine($"Strokes broken into more than one piece: DCGAN {1 - generatedWhole:P1} of its digits, real handwriting {1 - realWhole:P1} ({(1 - generatedWhole) / Math.Max(1 - realWhole, 1e-9):F1}×); a class's typical number of loops missed: DCGAN {1 - generatedTypical:P1}, real {1 - realTypical:P1}.");

// ── cell-22 (code) ───────────────────────────────────────────────────────────────────────────────
var atypical = generatedShapes.Select((shape, index) => (shape, index)).Where(item => item.shape.Holes != TypicalHoles(item.shape.Class) || item.shape.Pieces != 1).Select(item => (long)item.index).Take(32).ToArray();
Console.WriteLine($"{atypical.Length} of the DCGAN's digits whose holes or pieces are not their class's typical ones (first 32 shown):");
ChapterApp.Display(atypical.Length == 0 ? "none" : (object)ImageGrid.ToPng(generatedDigits.index_select(0, from_array(atypical, device: device)), columns: 8, scale: 2));

// ── cell-23 (markdown) ───────────────────────────────────────────────────────────────────────────
// How to read it: each class has a typical number of holes in real handwriting (an 8 two, a 0, 6 and 9 one, most others
// none), and real digits keep to it most of the time — not always: people close the top of a 4, loop a 2, or leave an 8's
// loop open. Compare the DCGAN's columns with the real ones and read the last printed line. The shipped DCGAN misses a
// class's typical loops a little more often than people do, and it breaks strokes into separate pieces several times as
// often as real handwriting: errors of the whole (a loop left open, or closed where none belongs) and local ones (a
// stroke that fades out and restarts), and the grid shows both. The comparison is only as good as the classifier's reading of a malformed digit, and a count
// of loops and pieces is one global property among many; but it is a number, and it is the digit-scale version of the
// article's extra eyes. What digits cannot show is perspective: a 28 × 28 stroke has no viewpoint. Chapter 05's
// fully-connected generator, which sees no locality at all, fails differently again (its samples and digit-FID are in
// chapter 05).
//
// ## Summary
//
// * A **too strong** discriminator saturates the minimax loss: its gradient into G is hundreds of times smaller than the
//   non-saturating loss's on the same weights. Adam's rescaling lets the minimax generator escape anyway; trained to the
//   end, the non-saturating loss reaches more high-quality samples on the ring. A Wasserstein critic keeps its gradient
//   near the size its penalty allows.
// * A **too weak** discriminator gives G coarse or stale feedback: its samples collapse into one clump that keeps drifting.
// * Simultaneous gradient steps on x·y **spiral out**, alternating steps **circle**; extragradient, optimism and averaging
//   converge. GAN training inherits this; weight averaging and convergence-making penalties (R1) are the practical cures.
// * **Mode collapse** is measured with three numbers together (modes, high-quality share, reverse KL) over several
//   seeds; the table compares six training methods on the same networks, data, seeds and step budget. At 3,000 steps the
//   ring is covered by four of them, the grid by none; R1 fills modes most evenly, and the Wasserstein GANs with their
//   papers' settings need far longer.
// * **Counting, perspective, global structure** come from networks that see patches; on digits they can be counted as
//   loops and pieces: the shipped DCGAN misses loops a little more often than people and breaks strokes several times
//   as often.
// * GanKit gained what this chapter shares with later ones: the Wasserstein loss, weight clipping, the gradient penalty,
//   PacGAN packing, the generator's gradient norm per step, and the seed harness (`Experiment`, `SeedSweep`, `Spread`).
//
// ## Exercises
//
// Each exercise has a cell for your code and answer and a cell that checks it against what your code computed.
ChapterApp.MarkdownCell("cell-23");

// ── cell-36 (markdown) ───────────────────────────────────────────────────────────────────────────
// **1.** Play the simultaneous game of section 3 with a smaller step, η = 0.05, for 200 steps from (1, 1), using the
// `Play` function, and store the distance to the equilibrium at the end. (Smaller steps spiral out more slowly; do they
// stop spiralling?)
ChapterApp.MarkdownCell("cell-36");

// ── cell-24 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer1 = null;   // e.g. answer1 = Distance(Play(200, (x, y) => (…, …))[^1]);

// ── cell-37 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// double? answer1 = Distance(Play(200, (x, y) => (x - 0.05 * y, y + 0.05 * x))[^1]);
// ```
//
// About 1.82, up from √2 ≈ 1.41: each simultaneous step multiplies the distance by √(1 + η²), so a smaller step spirals out more slowly but never stops.
//
// </details>
ChapterApp.MarkdownCell("cell-37");

// ── cell-25 (code) ───────────────────────────────────────────────────────────────────────────────
Exercise.Check("1", answer1, expected: Math.Sqrt(2) * Math.Pow(1 + 0.05 * 0.05, 100), tolerance: 1e-6,
    hint: "each simultaneous step multiplies the distance by √(1 + η²); use x − 0.05·y and y + 0.05·x.");

// ── cell-26 (markdown) ───────────────────────────────────────────────────────────────────────────
// **2.** From the strong-D experiment's runs (`strong`), compute the mean over the three seeds of the ratio
// ‖∇G‖ non-saturating / ‖∇G‖ minimax **at the first generator step**, seed by seed (divide within each seed, then average).
ChapterApp.MarkdownCell("cell-26");

// ── cell-27 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer2 = null;   // use strong[GanLoss.NonSaturating.Name].Runs and strong[GanLoss.Minimax.Name].Runs

// ── cell-38 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var nonSaturatingRuns = strong[GanLoss.NonSaturating.Name].Runs;
// var minimaxRuns = strong[GanLoss.Minimax.Name].Runs;
// double? answer2 = nonSaturatingRuns.Zip(minimaxRuns, (ns, mm) => ns.Result.GradientNorms[0] / mm.Result.GradientNorms[0]).Average();
// ```
//
// Compare it with the chart of section 1: at full size the ratio is in the hundreds to thousands — against a discriminator with a head start, the minimax loss sends the generator a gradient hundreds of times weaker at its first step.
//
// </details>
ChapterApp.MarkdownCell("cell-38");

// ── cell-28 (code) ───────────────────────────────────────────────────────────────────────────────
var seedRatios = strong[GanLoss.NonSaturating.Name].Runs.Zip(strong[GanLoss.Minimax.Name].Runs, (ns, mm) => ns.Result.GradientNorms[0] / mm.Result.GradientNorms[0]).ToList();
Exercise.Check("2", answer2, expected: seedRatios.Average(), tolerance: 1e-6 * seedRatios.Average(),
    hint: "Runs are in seed order in both rows; GradientNorms[0] is the first generator step.");

// ── cell-29 (markdown) ───────────────────────────────────────────────────────────────────────────
// **3.** Does packing more samples help more? Train **PacGAN4** (packs of 4; keep the batch of 256) on the ring with the
// table's budget and seeds: add a row labelled `"PacGAN4 · ring"` to the experiment `homework` below with `TrainOn` and
// the method `packedByFour`, then store its mean number of modes captured in `answer3`. The check reads your row,
// confirms it trained packs of 4 on the ring for the table's budget on the table's seeds, and compares it with the
// table's PacGAN2 row.
ChapterApp.MarkdownCell("cell-29");

// ── cell-30 (code) ───────────────────────────────────────────────────────────────────────────────
var homework = new Experiment<CollapseRun>("Homework", seeds, coverageMetrics, device: device);
var packedByFour = methods.Single(method => method.Name == "PacGAN2") with { Name = "PacGAN4", Pack = 4 };
double? answer3 = null;   // homework.Run("PacGAN4 · ring", run => TrainOn(…)); answer3 = homework[…].Measure(…).Mean;

// ── cell-39 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var homework = new Experiment<CollapseRun>("Homework", seeds, coverageMetrics, device: device);
// var packedByFour = methods.Single(method => method.Name == "PacGAN2") with { Name = "PacGAN4", Pack = 4 };
// double? answer3 = homework.Run("PacGAN4 · ring", run => TrainOn(packedByFour, ring, run, tableSteps)).Measure(run => run.Coverage.ModesCaptured).Mean;
// ```
//
// Compare the printed line with the PacGAN2 row: whether packs of four capture more modes than pairs, with the same networks, seeds and budget, is what the row measures — with three seeds, a difference of a mode or less is within the spread.
//
// </details>
ChapterApp.MarkdownCell("cell-39");

// ── cell-31 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer3 is null)
{
    Exercise.Check("3", answer3, expected: 0, tolerance: 0, hint: "run the row first; Measure(run => run.Coverage.ModesCaptured).Mean is the mean.");
}
else
{
    var row = homework["PacGAN4 · ring"];
    if (!row.Runs.Select(run => run.Seed).SequenceEqual(seeds)) throw new ExerciseException($"Exercise 3: run the row on the table's seeds {string.Join(", ", seeds)}.");
    if (row.Runs.Any(run => run.Result.Method.Pack != 4 || run.Result.Target != "ring" || run.Result.MeasuredAt[^1] != tableSteps))
        throw new ExerciseException($"Exercise 3: the row must train packs of 4 on the ring for the table's {tableSteps:N0} steps; pass packedByFour, ring and tableSteps to TrainOn.");
    var pairs = collapse["PacGAN2 · ring"];
    Exercise.Check("3", answer3, expected: row.Measure(run => run.Coverage.ModesCaptured).Mean, tolerance: 1e-9, hint: "the mean of ModesCaptured over your row's runs.");
    Console.WriteLine($"PacGAN4 · ring: {row.Measure(run => run.Coverage.ModesCaptured).ToString("F1")} modes, {row.Measure(run => 100 * run.Coverage.HighQualityShare).ToString("F1")} % HQ; PacGAN2 · ring: {pairs.Measure(run => run.Coverage.ModesCaptured).ToString("F1")} modes, {pairs.Measure(run => 100 * run.Coverage.HighQualityShare).ToString("F1")} % HQ");
}

// ── cell-32 (markdown) ───────────────────────────────────────────────────────────────────────────
// **4.** The clipping bound is WGAN's most criticised setting. Train the clipped WGAN on the grid with c = 0.1 instead of
// 0.01 (everything else as in the table), as a row `"WGAN (clip 0.1) · grid"` of `homework`, and store its mean
// high-quality share (a number between 0 and 1) in `answer4`. Compare with the table's `WGAN (clip) · grid` row.
ChapterApp.MarkdownCell("cell-32");

// ── cell-33 (code) ───────────────────────────────────────────────────────────────────────────────
double? answer4 = null;

// ── cell-40 (markdown) ───────────────────────────────────────────────────────────────────────────
// <details><summary>Solution</summary>
//
// ```csharp
// var clipped = methods.Single(method => method.Name == "WGAN (clip)");
// var clippedAtATenth = clipped with { Name = "WGAN (clip 0.1)", Options = clipped.Options with { WeightClip = 0.1 } };
// double? answer4 = homework.Run("WGAN (clip 0.1) · grid", run => TrainOn(clippedAtATenth, grid, run, tableSteps)).Measure(run => run.Coverage.HighQualityShare).Mean;
// ```
//
// The printed line compares the two bounds on the same seeds. The bound sets how steep the critic may be: too small and its gradient is weak, too large and clipping stops constraining it — the reason WGAN-GP replaced clipping with a penalty.
//
// </details>
ChapterApp.MarkdownCell("cell-40");

// ── cell-34 (code) ───────────────────────────────────────────────────────────────────────────────
if (answer4 is null)
{
    Exercise.Check("4", answer4, expected: 0, tolerance: 0, hint: "methods.Single(m => m.Name == \"WGAN (clip)\") with { Options = … with { WeightClip = 0.1 } }.");
}
else
{
    var row = homework["WGAN (clip 0.1) · grid"];
    if (row.Runs.Any(run => run.Result.Method.Options.WeightClip != 0.1 || run.Result.Method.Options.Loss != GanLoss.Wasserstein || run.Result.Target != "grid" || run.Result.MeasuredAt[^1] != tableSteps))
        throw new ExerciseException($"Exercise 4: the row must train the clipped WGAN with c = 0.1 on the grid for the table's {tableSteps:N0} steps.");
    Exercise.Check("4", answer4, expected: row.Measure(run => run.Coverage.HighQualityShare).Mean, tolerance: 1e-9, hint: "the mean of HighQualityShare over your row's runs.");
    Console.WriteLine($"c = 0.1: {row.Measure(run => 100 * run.Coverage.HighQualityShare).ToString("F1")} % HQ; c = 0.01: {collapse["WGAN (clip) · grid"].Measure(run => 100 * run.Coverage.HighQualityShare).ToString("F1")} % HQ");
}

// ── cell-35 (markdown) ───────────────────────────────────────────────────────────────────────────
// ## Further reading
//
// * M. Arjovsky, S. Chintala, L. Bottou, *Wasserstein GAN*, 2017: the critic, weight clipping, RMSprop.
// * I. Gulrajani, F. Ahmed, M. Arjovsky, V. Dumoulin, A. Courville, *Improved Training of Wasserstein GANs*, 2017: the
//   gradient penalty.
// * L. Metz, B. Poole, D. Pfau, J. Sohl-Dickstein, *Unrolled Generative Adversarial Networks*, 2016: the ring benchmark,
//   and unrolling D's steps against collapse.
// * Z. Lin, A. Khetan, G. Fanti, S. Oh, *PacGAN: The power of two samples in generative adversarial networks*, 2018: the
//   packing used here, and the grid results (PacGAN2 23.8 modes at 91.3 % high quality after much longer training).
// * L. Mescheder, A. Geiger, S. Nowozin, *Which Training Methods for GANs do actually Converge?*, 2018: the x·y picture
//   for GANs, and the R1 penalty.
// * T. Salimans et al., *Improved Techniques for Training GANs*, 2016: feature matching, minibatch discrimination,
//   historical averaging.
// * C. Daskalakis, A. Ilyas, V. Syrgkanis, H. Zeng, *Training GANs with Optimism*, 2018.
// * A. Srivastava, L. Valkov, C. Russell, M. Gutmann, C. Sutton, *VEEGAN*, 2017: the protocol's numbers.
ChapterApp.MarkdownCell("cell-35");

ChapterApp.Finish();

// ── The types the cells declare: a C# file has them after its statements. ──

// From cell-09:
record StrongRun(double[] GradientNorms, double[] Fooled);

// From cell-12:
record DriftRun(int[] MeasuredAt, double[] Drift, double[] Quality, double[] Modes, ModeCoverage Final, List<float[]> Snapshots);

// From cell-17:
record Method(string Name, GanTrainerOptions Options, int Pack = 1);

// From cell-17:
record CollapseRun(Method Method, string Target, ModeCoverage Coverage, float[] Points, int[] MeasuredAt, double[] Quality);
// Written by tools/ChapterApps; the SHA-256 of the lines above: 0616f60c9f198dbc863c5c80e102e1fb5c7ff10e259ab3ea361e04c3da2e47d7
