using System.Globalization;
using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// A score's mean over several splits of the samples and its population standard deviation (<c>numpy.std</c>, as the
/// reference code). Introduced in chapter 05.
/// </summary>
public sealed record ScoreWithSpread(double Mean, double StandardDeviation)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Mean:F3} ± {StandardDeviation:F3}");
}

/// <summary>
/// The Inception-Score-style score exp(E_x KL(p(y|x) ‖ p(y))) over a classifier's softmax outputs, p(y) the mean
/// prediction: up to the class count when samples are classified confidently and evenly, 1 when all predictions are alike.
/// Blind to collapse inside a class. Introduced in chapter 05.
/// </summary>
internal static class InceptionScore
{
    /// <summary>The mean of <see cref="ComputeWithSpread"/>.</summary>
    /// <exception cref="ArgumentException">The input is not (N, classes) probabilities with N ≥ splits, or splits &lt; 1.</exception>
    public static double Compute(Tensor probabilities, int splits = 10) => ComputeWithSpread(probabilities, splits).Mean;

    /// <summary>
    /// The score on each of <paramref name="splits"/> consecutive, near-equal parts of <paramref name="probabilities"/>
    /// (N, classes; no row dropped), in float64: their mean and spread. Rows must sum to 1 within 10⁻³ (softmax logits first).
    /// </summary>
    /// <exception cref="ArgumentException">The input is not (N, classes) probabilities with N ≥ splits, or splits &lt; 1.</exception>
    public static ScoreWithSpread ComputeWithSpread(Tensor probabilities, int splits = 10)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfLessThan(splits, 1);
        if (probabilities.dim() != 2 || probabilities.shape[1] < 1)
        {
            throw new ArgumentException(
                $"Probabilities must be an (N, classes) tensor, not shape [{string.Join(", ", probabilities.shape)}].",
                nameof(probabilities));
        }

        var count = probabilities.shape[0];
        if (count < splits)
        {
            throw new ArgumentException($"{count} rows cannot be cut into {splits} splits: need at least one row per split.", nameof(probabilities));
        }

        using var scope = NewDisposeScope();
        var p = probabilities.detach().to(float64);
        if (!p.isfinite().all().item<bool>() || p.min().item<double>() < 0 || (p.sum(1) - 1).abs().max().item<double>() > 1e-3)
        {
            throw new ArgumentException(
                "Each row must be a probability vector (finite, non-negative, summing to 1): apply softmax to logits first.",
                nameof(probabilities));
        }

        var scores = new double[splits];
        for (var split = 0; split < splits; split++)
        {
            var start = split * count / splits;
            var end = (split + 1) * count / splits;
            var part = p.narrow(0, start, end - start);
            var marginal = part.mean([0], keepdim: true);
            // KL(p(y|x) ‖ p(y)) = Σ p log p − Σ p log p(y); xlogy gives 0 where p is 0, and p(y) > 0 wherever p > 0.
            var kl = (part.xlogy(part) - part.xlogy(marginal)).sum(1);
            scores[split] = Math.Exp(kl.mean().item<double>());
        }

        var mean = scores.Average();
        var deviation = Math.Sqrt(scores.Sum(score => (score - mean) * (score - mean)) / splits);
        return new ScoreWithSpread(mean, deviation);
    }
}
