using GanKit.Data;
using GanKit.Models;
using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace GanKit.Tests.Training;

/// <summary>Chapter 04's Wasserstein pieces with known answers: the losses, the gradient penalty, weight clipping, and the trainer's options that use them.</summary>
public sealed class WassersteinTests
{
    private static readonly NormalDistribution Target = new(4, 1.25);
    private static readonly double[] RealScores = [2.0, 0.0, 1.0];        // mean 1
    private static readonly double[] FakeScores = [-1.0, 3.0];            // mean 1
    private static readonly double[] LowFakeScores = [-1.0, -1.0];        // mean −1
    private static readonly float[] RealPoint = [1.0f, 0.0f];
    private static readonly float[] GeneratedPoint = [3.0f, 0.0f];

    public WassersteinTests() => TorchSession.Start();

    [Fact]
    public void TheCriticMinimisesTheMeanFakeScoreMinusTheMeanRealScoreAndGMaximisesItsMeanScore()
    {
        using var scope = NewDisposeScope();
        var real = tensor(RealScores);
        var fake = tensor(FakeScores);

        Assert.Equal(0, GanLoss.Wasserstein.DiscriminatorLoss(real, fake).item<double>(), 12);
        Assert.Equal(-2, GanLoss.Wasserstein.DiscriminatorLoss(real, tensor(LowFakeScores)).item<double>(), 12);
        Assert.Equal(-1, GanLoss.Wasserstein.GeneratorLoss(fake).item<double>(), 12);
        Assert.Equal([-1.0, 3.0], GanLoss.Wasserstein.Verdict(fake).data<double>().ToArray());   // a critic's verdict is its raw score
        Assert.Equal("Wasserstein", GanLoss.Wasserstein.ToString());
    }

    [Fact]
    public void ThePenaltyIsZeroForALinearCriticWithAUnitNormWeight()
    {
        // A linear critic's gradient is its weight everywhere: ‖w‖ = 1 is 1-Lipschitz with gradient norm exactly 1.
        using var scope = NewDisposeScope();
        var critic = LinearCritic(0.6f, -0.8f);
        var penalty = GradientPenalty.Compute(critic, randn(64, 2), randn(64, 2), weight: 10);

        Assert.Equal(0, penalty.item<float>(), 6);
    }

    [Fact]
    public void ForAnyOtherLinearCriticThePenaltyIsLambdaTimesTheSquaredGapAndItsGradientReachesTheWeights()
    {
        // ‖w‖ = 2: penalty λ (2 − 1)² whatever the interpolates; ∂/∂w of λ(‖w‖ − 1)² = 2λ(‖w‖ − 1) w/‖w‖ = λ w.
        using var scope = NewDisposeScope();
        var critic = LinearCritic(1.2f, -1.6f);
        var penalty = GradientPenalty.Compute(critic, randn(32, 2), randn(32, 2), weight: 10);

        Assert.Equal(10, penalty.item<float>(), 4);
        penalty.backward();                                                // a second derivative: through autograd.grad
        var weight = critic.weight!;
        Assert.True(weight.grad!.allclose(weight.detach() * 10, rtol: 1e-4, atol: 1e-5), $"gradient {weight.grad!.str()} should be 10 w = {(weight.detach() * 10).str()}");
    }

    [Fact]
    public void ThePenaltyLooksBetweenRealAndGeneratedSamplesNotAtThem()
    {
        // score(x) = ‖x‖²/2 has gradient x: at x̂ = αr + (1 − α)f on the segment from r = (1, 0) to f = (3, 0), ‖x̂‖ runs
        // over [1, 3], so (‖x̂‖ − 1)² = (2(1 − α))², whose mean over uniform α is 4/3.
        using var scope = NewDisposeScope();
        var critic = nn.Sequential(("square", new HalfSquaredNorm()));
        var real = tensor(RealPoint).expand(200_000, 2);
        var generated = tensor(GeneratedPoint).expand(200_000, 2);

        var penalty = GradientPenalty.Compute(critic, real, generated, weight: 1, random: new Generator(5));

        Assert.Equal(4.0 / 3, penalty.item<float>(), 2);
    }

    [Fact]
    public void BatchesOfDifferentShapesAreRejectedWithBothShapes()
    {
        using var scope = NewDisposeScope();
        var exception = Assert.Throws<ArgumentException>(() => GradientPenalty.Compute(LinearCritic(1, 0), randn(4, 2), randn(3, 2), 10));

        Assert.Contains("[4, 2] and [3, 2]", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClippingBoundsEveryWeightAndLeavesWeightsInsideTheBoundAlone()
    {
        manual_seed(3);
        var network = new MlpDiscriminator(2, [16, 16]);
        using (no_grad())
        {
            foreach (var parameter in network.parameters())
            {
                parameter.mul_(50);                                         // most weights far outside ±0.01
            }
        }

        var before = network.parameters().Select(parameter => parameter.detach().clone()).ToList();
        WeightClipping.Clip(network, 0.01);

        foreach (var (parameter, old) in network.parameters().Zip(before))
        {
            Assert.True(parameter.abs().max().item<float>() <= 0.01f, "every weight must be within ±c");
            var inside = old.abs().le(0.01);
            Assert.True(parameter.masked_select(inside).eq(old.masked_select(inside)).all().item<bool>(), "weights already inside the bound must not change");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    public void AClippingBoundThatIsNotPositiveIsRejected(double bound)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => WeightClipping.Clip(new MlpDiscriminator(2, [4]), bound));

        Assert.Contains("positive number", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithAWeightClipTheTrainerKeepsTheCriticsWeightsInsideTheBoundAfterEveryStep()
    {
        manual_seed(4);
        var critic = new MlpDiscriminator(1, [8, 8]);
        var options = new GanTrainerOptions { BatchSize = 16, Loss = GanLoss.Wasserstein, WeightClip = 0.05, Optimizer = GanOptimizer.RMSprop, DiscriminatorSteps = 5, DiscriminatorLearningRate = 0.5 };
        var trainer = new GanTrainer(new MlpGenerator(1, 1, [8]), critic, options);

        for (var step = 0; step < 3; step++)
        {
            trainer.TrainStep(() => Target.Sample(16));
            Assert.All(critic.parameters(), parameter => Assert.True(parameter.abs().max().item<float>() <= 0.05f + 1e-7f));
        }
    }

    [Fact]
    public void AGradientPenaltyChangesTheCriticsUpdateButNotTheReportedLoss()
    {
        var (plainLoss, plainWeights) = OneCriticStep(penaltyWeight: 0);
        var (penalisedLoss, penalisedWeights) = OneCriticStep(penaltyWeight: 10);

        Assert.Equal(plainLoss, penalisedLoss);
        Assert.False(plainWeights.allclose(penalisedWeights), "the penalty must change the critic's update");
    }

    [Theory]
    [InlineData(nameof(GanTrainerOptions.GradientPenaltyWeight), -1.0)]
    [InlineData(nameof(GanTrainerOptions.WeightClip), double.PositiveInfinity)]
    [InlineData(nameof(GanTrainerOptions.Optimizer), 7.0)]
    [InlineData(nameof(GanTrainerOptions.LearningRateDecaySteps), -1.0)]
    public void OptionsThatCannotWorkAreRejectedByName(string name, double value)
    {
        var options = name switch
        {
            nameof(GanTrainerOptions.GradientPenaltyWeight) => new GanTrainerOptions { GradientPenaltyWeight = value },
            nameof(GanTrainerOptions.WeightClip) => new GanTrainerOptions { WeightClip = value },
            nameof(GanTrainerOptions.Optimizer) => new GanTrainerOptions { Optimizer = (GanOptimizer)(int)value },
            _ => new GanTrainerOptions { LearningRateDecaySteps = (int)value },
        };

        var exception = Assert.Throws<ArgumentException>(options.Validate);

        Assert.StartsWith($"{nameof(GanTrainerOptions)}.{name} must", exception.Message, StringComparison.Ordinal);
    }

    private static (double Loss, Tensor Weights) OneCriticStep(double penaltyWeight)
    {
        manual_seed(6);
        var critic = new MlpDiscriminator(1, [8, 8]);
        var options = new GanTrainerOptions { BatchSize = 32, Loss = GanLoss.Wasserstein, GradientPenaltyWeight = penaltyWeight };
        var trainer = new GanTrainer(new MlpGenerator(1, 1, [8]), critic, options);
        manual_seed(7);
        var result = trainer.TrainDiscriminator(Target.Sample(32));
        return (result.Loss, cat(critic.parameters().Select(parameter => parameter.detach().flatten()).ToList()));
    }

    private static TorchSharp.Modules.Linear LinearCritic(float first, float second)
    {
        var critic = nn.Linear(2, 1);
        using (no_grad())
        {
            critic.weight!.copy_(tensor(new[] { first, second }).reshape(1, 2));   // CA1861 does not apply: the values vary
            critic.bias!.fill_(0.3);
        }

        return critic;
    }

    private sealed class HalfSquaredNorm() : nn.Module<Tensor, Tensor>(nameof(HalfSquaredNorm))
    {
        public override Tensor forward(Tensor input) => input.square().sum(1, keepdim: true) / 2;
    }
}
