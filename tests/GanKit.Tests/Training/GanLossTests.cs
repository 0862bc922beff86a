using GanKit.Runtime;
using GanKit.Training;
using TorchSharp;
using Xunit;

namespace GanKit.Tests.Training;

/// <summary>The losses on logits, in float64, against their closed forms written with Math.Log and Math.Exp.</summary>
public sealed class GanLossTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] RealLogits = [-3, -0.5, 0, 1.2, 4];
    private static readonly double[] FakeLogits = [2.5, -1.75, 0.3];

    public GanLossTests() => TorchSession.Start();

    public static TheoryData<string> Losses => ["minimax", "non-saturating"];

    [Fact]
    public void ValueIsTheMeanLogVerdictOnRealPlusTheMeanLogOfOneMinusTheVerdictOnFakes()
    {
        using var scope = torch.NewDisposeScope();
        var expected = RealLogits.Average(LogSigmoid) + FakeLogits.Average(LogOneMinusSigmoid);

        var value = GanLoss.Value(torch.tensor(RealLogits), torch.tensor(FakeLogits));

        Assert.Equal(torch.ScalarType.Float64, value.dtype);
        Assert.Empty(value.shape);
        Assert.Equal(expected, value.item<double>(), Tolerance);
    }

    [Fact]
    public void ValueWhenTheDiscriminatorSaysOneHalfEverywhereIsMinusLogFour()
    {
        using var scope = torch.NewDisposeScope();

        var value = GanLoss.Value(torch.zeros(7, dtype: torch.float64), torch.zeros(3, dtype: torch.float64));

        Assert.Equal(-Math.Log(4), value.item<double>(), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheDiscriminatorLossIsMinusTheValue(string name)
    {
        using var scope = torch.NewDisposeScope();
        var expected = -(RealLogits.Average(LogSigmoid) + FakeLogits.Average(LogOneMinusSigmoid));

        var loss = Loss(name).DiscriminatorLoss(torch.tensor(RealLogits), torch.tensor(FakeLogits));

        Assert.Equal(expected, loss.item<double>(), Tolerance);
    }

    [Fact]
    public void TheMinimaxGeneratorLossIsTheMeanLogOfOneMinusTheVerdict()
    {
        using var scope = torch.NewDisposeScope();

        var loss = GanLoss.Minimax.GeneratorLoss(torch.tensor(RealLogits));

        Assert.Equal(RealLogits.Average(LogOneMinusSigmoid), loss.item<double>(), Tolerance);
    }

    [Fact]
    public void TheNonSaturatingGeneratorLossIsMinusTheMeanLogVerdict()
    {
        using var scope = torch.NewDisposeScope();

        var loss = GanLoss.NonSaturating.GeneratorLoss(torch.tensor(RealLogits));

        Assert.Equal(-RealLogits.Average(LogSigmoid), loss.item<double>(), Tolerance);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void TheVerdictIsTheSigmoidOfTheScore(string name)
    {
        using var scope = torch.NewDisposeScope();

        var verdict = Loss(name).Verdict(torch.tensor(RealLogits)).data<double>().ToArray();

        Assert.Equal(RealLogits.Length, verdict.Length);
        for (var index = 0; index < RealLogits.Length; index++)
        {
            Assert.Equal(Sigmoid(RealLogits[index]), verdict[index], Tolerance);
        }
    }

    [Fact]
    public void TheMinimaxGeneratorGradientIsMinusTheVerdictOverN()
    {
        var gradient = GeneratorGradient(GanLoss.Minimax, RealLogits);

        for (var index = 0; index < RealLogits.Length; index++)
        {
            Assert.Equal(-Sigmoid(RealLogits[index]) / RealLogits.Length, gradient[index], Tolerance);
        }
    }

    [Fact]
    public void TheNonSaturatingGeneratorGradientIsMinusOneMinusTheVerdictOverN()
    {
        var gradient = GeneratorGradient(GanLoss.NonSaturating, RealLogits);

        for (var index = 0; index < RealLogits.Length; index++)
        {
            Assert.Equal(-(1 - Sigmoid(RealLogits[index])) / RealLogits.Length, gradient[index], Tolerance);
        }
    }

    [Fact]
    public void WhereTheDiscriminatorConfidentlyRejectsTheMinimaxGradientVanishesButTheNonSaturatingOneDoesNot()
    {
        double[] rejected = [-10];

        var minimax = GeneratorGradient(GanLoss.Minimax, rejected)[0];
        var nonSaturating = GeneratorGradient(GanLoss.NonSaturating, rejected)[0];

        Assert.InRange(Math.Abs(minimax), 0, 1e-4);
        Assert.InRange(Math.Abs(nonSaturating), 0.999, 1);
    }

    [Theory]
    [MemberData(nameof(Losses))]
    public void ExtremeLogitsGiveFiniteLossesAndGradients(string name)
    {
        using var scope = torch.NewDisposeScope();
        var loss = Loss(name);
        double[] extremes = [-50, 50];
        var real = torch.tensor(extremes).requires_grad_();
        var fake = torch.tensor(extremes).requires_grad_();

        var value = GanLoss.Value(real, fake);
        var discriminatorLoss = loss.DiscriminatorLoss(real, fake);
        var generatorLoss = loss.GeneratorLoss(fake);
        var verdict = loss.Verdict(fake);
        var total = discriminatorLoss + generatorLoss;
        total.backward();

        Assert.True(double.IsFinite(value.item<double>()));
        Assert.True(double.IsFinite(discriminatorLoss.item<double>()));
        Assert.True(double.IsFinite(generatorLoss.item<double>()));
        Assert.True(verdict.isfinite().all().item<bool>());
        Assert.True(real.grad!.isfinite().all().item<bool>());
        Assert.True(fake.grad!.isfinite().all().item<bool>());

        // log σ(−50) = −50 − log(1 + e^−50) ≈ −50 and log σ(50) ≈ 0, so each mean is −25 and V = −50.
        Assert.Equal(-50, value.item<double>(), 1e-9);
        var expectedGeneratorLoss = name == "minimax" ? -25 : 25;
        Assert.Equal(expectedGeneratorLoss, generatorLoss.item<double>(), 1e-9);
    }

    [Fact]
    public void TheLossesHaveNamesForLegends()
    {
        Assert.Equal("minimax (saturating)", GanLoss.Minimax.Name);
        Assert.Equal("non-saturating", GanLoss.NonSaturating.Name);
        Assert.Equal(GanLoss.NonSaturating.Name, GanLoss.NonSaturating.ToString());
    }

    private static GanLoss Loss(string name) => name == "minimax" ? GanLoss.Minimax : GanLoss.NonSaturating;

    private static double[] GeneratorGradient(GanLoss loss, double[] logits)
    {
        using var scope = torch.NewDisposeScope();
        var scores = torch.tensor(logits).requires_grad_();
        loss.GeneratorLoss(scores).backward();
        return scores.grad!.data<double>().ToArray();
    }

    private static double Sigmoid(double score) => 1 / (1 + Math.Exp(-score));

    private static double LogSigmoid(double score) => Math.Log(1 / (1 + Math.Exp(-score)));

    private static double LogOneMinusSigmoid(double score) => Math.Log(1 - (1 / (1 + Math.Exp(-score))));
}
