using GanKit.Data;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>The R1 penalty's known answer on a linear scorer, its misuse message, and its effect inside GanTrainer.</summary>
public sealed class R1PenaltyTests
{
    private static readonly NormalDistribution Target = new(4, 1.25);

    public R1PenaltyTests() => TorchSession.Start();

    [Fact]
    public void OnALinearScorerThePenaltyIsHalfGammaTimesTheSquaredWeightsAndItsGradientIsGammaTimesTheWeights()
    {
        // score(x) = x · w + b has ∇ₓ score = w for every x, so the penalty is γ/2 ‖w‖² whatever the batch.
        using var scope = NewDisposeScope();
        var weights = tensor(new[] { 1.0f, -2.0f, 0.5f, 3.0f, 0.0f, -1.5f }).reshape(6, 1).requires_grad_(true);   // ‖w‖² = 16.5
        var bias = tensor(0.25f).requires_grad_(true);
        var x = randn(5, 2, 3).requires_grad_(true);                       // 5 images of 2 × 3 "pixels"
        var scores = x.flatten(1).matmul(weights) + bias;                  // (5, 1)

        var penalty = R1Penalty.Compute(x, scores, weight: 4);

        Assert.Equal(4.0 / 2 * 16.5, penalty.item<float>(), 4);
        penalty.backward();
        var expected = weights.detach() * 4;                               // ∂(γ/2 ‖w‖²)/∂w = γ w
        Assert.True(weights.grad!.allclose(expected), $"gradient {weights.grad!.flatten().str()} should be {expected.flatten().str()}");
        Assert.Equal(0, bias.grad?.abs().sum().item<float>() ?? 0);       // the bias does not change ∇ₓ score
    }

    [Fact]
    public void ABatchThatDoesNotRequireGradientIsRejectedWithWhatToDo()
    {
        using var scope = NewDisposeScope();
        var x = randn(4, 3);
        var scores = x.sum(1, keepdim: true);

        var exception = Assert.Throws<ArgumentException>(() => R1Penalty.Compute(x, scores, 1));

        Assert.Contains("requires_grad_(true)", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PassOneReportsTheGanLossAloneWithOrWithoutThePenalty()
    {
        var plain = FirstPassOne(r1Weight: 0);
        var penalised = FirstPassOne(r1Weight: 1_000);   // a penalty far larger than the loss would show in the report

        Assert.Equal(plain, penalised);
    }

    [Fact]
    public void InPassOneItFlattensTheDiscriminatorAtTheRealDataAndLeavesNoLiveTensors()
    {
        // An untrained generator makes samples near 0, the real ones are near 4: D separates them easily, and without
        // the penalty its score is steep at the real samples as well.
        var plain = GradientOnRealAfterPassOne(r1Weight: 0);
        var penalised = GradientOnRealAfterPassOne(r1Weight: 10);

        Assert.True(penalised < plain / 4, $"E‖∇ₓ score‖² on real samples: {penalised:F4} with γ = 10 should be below a quarter of {plain:F4} without");
    }

    private static DiscriminatorStepResult FirstPassOne(double r1Weight)
    {
        manual_seed(8);
        var trainer = new GanTrainer(new MlpGenerator(1, 1, [16, 16]), new MlpDiscriminator(1, [16, 16]), new GanTrainerOptions { R1Weight = r1Weight });
        using var real = Target.Sample(64);
        return trainer.TrainDiscriminator(real);                           // same seed: same weights, batch and noise
    }

    private static double GradientOnRealAfterPassOne(double r1Weight)
    {
        manual_seed(5);
        var generator = new MlpGenerator(1, 1, [16, 16]);
        var discriminator = new MlpDiscriminator(1, [16, 16]);
        var trainer = new GanTrainer(generator, discriminator, new GanTrainerOptions { DiscriminatorLearningRate = 1e-3, R1Weight = r1Weight });
        using (var warmUp = Target.Sample(64))
        {
            trainer.TrainDiscriminator(warmUp);                            // Adam makes its state on the first step
        }

        var before = LiveTensors.Count();
        for (var step = 1; step < 300; step++)
        {
            using var real = Target.Sample(64);
            trainer.TrainDiscriminator(real);
        }

        Assert.Equal(before, LiveTensors.Count());
        using var scope = NewDisposeScope();
        var sample = Target.Sample(4_096).requires_grad_(true);
        var gradient = autograd.grad([discriminator.call(sample).sum()], [sample])[0];
        return gradient.square().mean().item<float>();
    }
}
