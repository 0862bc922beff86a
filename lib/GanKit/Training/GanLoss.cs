using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// A GAN's pair of losses, on the discriminator's raw scores (D(x) = σ(score)) for numerical stability:
/// log σ(s) = −softplus(−s), log(1 − σ(s)) = −softplus(s). Chapter 02 derives both; chapter 04 adds the Wasserstein pair.
/// </summary>
public abstract class GanLoss
{
    /// <summary>G minimises log(1 − D(G(z))), whose gradient vanishes while D confidently rejects the forgeries.</summary>
    public static GanLoss Minimax { get; } = new MinimaxLoss();

    /// <summary>G minimises −log D(G(z)), whose gradient is strongest when D rejects the forgeries.</summary>
    public static GanLoss NonSaturating { get; } = new NonSaturatingLoss();

    /// <summary>
    /// The Wasserstein losses (Arjovsky et al. 2017): the critic's raw score is no probability; the critic maximises
    /// E[score(x)] − E[score(G(z))], an estimate of the earth mover's distance when the critic is 1-Lipschitz (kept so by
    /// weight clipping or a gradient penalty, <see cref="GanTrainerOptions"/>), and G maximises E[score(G(z))]. Chapter 04.
    /// </summary>
    public static GanLoss Wasserstein { get; } = new WassersteinLoss();

    public abstract string Name { get; }

    /// <summary>The value of the game, V(D, G) = E[log D(x)] + E[log(1 − D(G(z)))], estimated on two batches of scores.</summary>
    public static Tensor Value(Tensor realScores, Tensor fakeScores) =>
        -nn.functional.softplus(-realScores).mean() - nn.functional.softplus(fakeScores).mean();

    /// <summary>
    /// What D minimises: −V, the binary cross-entropy with real labelled 1 and generated labelled 0, written as the sum
    /// (the same bits as negating <see cref="Value"/>, two operations fewer each way).
    /// </summary>
    public virtual Tensor DiscriminatorLoss(Tensor realScores, Tensor fakeScores) =>
        nn.functional.softplus(-realScores).mean() + nn.functional.softplus(fakeScores).mean();

    /// <summary>What G minimises, from D's scores on generated samples.</summary>
    public abstract Tensor GeneratorLoss(Tensor fakeScores);

    /// <summary>D's verdict as the course plots it: the probability σ(score) that a sample is real.</summary>
    public virtual Tensor Verdict(Tensor scores) => nn.functional.sigmoid(scores);

    /// <summary>The mean <see cref="Verdict"/> over a batch of scores, read without recording it for the backward pass.</summary>
    public double MeanVerdict(Tensor scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        using var scope = NewDisposeScope();
        using var noGradient = no_grad();
        return Verdict(scores).mean().item<float>();
    }

    public override string ToString() => Name;

    private sealed class MinimaxLoss : GanLoss
    {
        public override string Name => "minimax (saturating)";

        // log(1 − σ(s)) = −softplus(s), minimised.
        public override Tensor GeneratorLoss(Tensor fakeScores) => -nn.functional.softplus(fakeScores).mean();
    }

    private sealed class WassersteinLoss : GanLoss
    {
        public override string Name => "Wasserstein";

        public override Tensor DiscriminatorLoss(Tensor realScores, Tensor fakeScores) => fakeScores.mean() - realScores.mean();

        public override Tensor GeneratorLoss(Tensor fakeScores) => -fakeScores.mean();

        // A critic's score is not a probability: its verdict is the score itself, and only differences between scores mean anything.
        public override Tensor Verdict(Tensor scores) => scores;
    }

    private sealed class NonSaturatingLoss : GanLoss
    {
        public override string Name => "non-saturating";

        // −log σ(s) = softplus(−s), minimised.
        public override Tensor GeneratorLoss(Tensor fakeScores) => nn.functional.softplus(-fakeScores).mean();
    }
}
