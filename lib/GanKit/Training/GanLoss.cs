using static TorchSharp.torch;

namespace GanKit.Training;

/// <summary>
/// A GAN's pair of losses, written on the discriminator's raw scores (logits: D(x) = σ(score)), which is the
/// numerically stable form: log σ(s) = −softplus(−s) and log(1 − σ(s)) = −softplus(s). Chapter 02 derives both
/// generator losses; chapter 04 adds the Wasserstein ones as further subclasses.
/// </summary>
public abstract class GanLoss
{
    /// <summary>
    /// The minimax game exactly as written: G minimises log(1 − D(G(z))). Its gradient vanishes when D confidently
    /// rejects the forgeries, which is early in training (chapter 02).
    /// </summary>
    public static GanLoss Minimax { get; } = new MinimaxLoss();

    /// <summary>The practical variant: G minimises −log D(G(z)), whose gradient is strongest when D rejects the forgeries.</summary>
    public static GanLoss NonSaturating { get; } = new NonSaturatingLoss();

    /// <summary>A short name for tables and legends.</summary>
    public abstract string Name { get; }

    /// <summary>The value of the game, V(D, G) = E[log D(x)] + E[log(1 − D(G(z)))], estimated on two batches of scores.</summary>
    public static Tensor Value(Tensor realScores, Tensor fakeScores) =>
        -nn.functional.softplus(-realScores).mean() - nn.functional.softplus(fakeScores).mean();

    /// <summary>What D minimises: −V, the binary cross-entropy with real labelled 1 and generated labelled 0.</summary>
    public virtual Tensor DiscriminatorLoss(Tensor realScores, Tensor fakeScores) => -Value(realScores, fakeScores);

    /// <summary>What G minimises, from D's scores on generated samples.</summary>
    public abstract Tensor GeneratorLoss(Tensor fakeScores);

    /// <summary>D's verdict as the course plots it: the probability σ(score) that a sample is real.</summary>
    public virtual Tensor Verdict(Tensor scores) => nn.functional.sigmoid(scores);

    /// <inheritdoc />
    public override string ToString() => Name;

    private sealed class MinimaxLoss : GanLoss
    {
        public override string Name => "minimax (saturating)";

        // log(1 − σ(s)) = −softplus(s), minimised.
        public override Tensor GeneratorLoss(Tensor fakeScores) => -nn.functional.softplus(fakeScores).mean();
    }

    private sealed class NonSaturatingLoss : GanLoss
    {
        public override string Name => "non-saturating";

        // −log σ(s) = softplus(−s), minimised.
        public override Tensor GeneratorLoss(Tensor fakeScores) => nn.functional.softplus(-fakeScores).mean();
    }
}
