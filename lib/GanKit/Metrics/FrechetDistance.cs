using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// The Gaussian fitted to a set of feature vectors, mean (d) and covariance (d, d) in float64: fit it once for the
/// reference set and compare many generators against it. Its tensors belong to the dispose scope <see cref="Of"/> ran in.
/// Introduced in chapter 05.
/// </summary>
internal sealed record FeatureStatistics(Tensor Mean, Tensor Covariance) : IDisposable
{
    public long Dimension => Mean.shape[0];

    /// <summary>Fits <paramref name="features"/> (N, d): the mean and the covariance with N − 1, as <c>numpy.cov(features, rowvar=False)</c>.</summary>
    /// <exception cref="ArgumentException">The features are not a 2-D tensor with at least two rows, or hold NaN or ∞.</exception>
    public static FeatureStatistics Of(Tensor features)
    {
        CheckShape(features, nameof(features));

        using var scope = NewDisposeScope();
        var points = features.detach().to(float64);
        if (!points.isfinite().all().item<bool>())
        {
            throw new ArgumentException("Features hold NaN or infinite values.", nameof(features));
        }

        var mean = points.mean([0]);
        var covariance = cov(points.mT, correction: 1);   // variables in rows, as torch.cov wants
        return new FeatureStatistics(mean.MoveToOuterDisposeScope(), covariance.MoveToOuterDisposeScope());
    }

    internal static void CheckShape(Tensor features, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(features, parameterName);
        if (features.dim() != 2 || features.shape[0] < 2 || features.shape[1] < 1)
        {
            throw new ArgumentException(
                $"Features must be an (N, d) tensor with N ≥ 2 rows and d ≥ 1 columns, not shape [{string.Join(", ", features.shape)}].",
                parameterName);
        }
    }

    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}

/// <summary>
/// The Fréchet distance |μa − μb|² + Tr(Σa + Σb − 2 (Σa^½ Σb Σa^½)^½) between the Gaussians fitted to two feature sets,
/// in float64: with the digit classifier's features, the course's <b>digit-FID</b> (not Inception FID). It shrinks as N grows, so report it
/// next to the real-data floor of the same N. Introduced in chapter 05.
/// </summary>
/// <remarks>
/// The square roots come from symmetric eigendecompositions; eigenvalues that round-off makes slightly negative
/// (singular covariances) are clamped to 0, and so is the result, so identical inputs give 0.
/// </remarks>
internal static class FrechetDistance
{
    /// <summary>The distance between the Gaussians fitted to <paramref name="featuresA"/> (N, d) and <paramref name="featuresB"/> (M, d).</summary>
    /// <exception cref="ArgumentException">Either set is not (rows ≥ 2, d), or the two have different d.</exception>
    public static double Compute(Tensor featuresA, Tensor featuresB)
    {
        FeatureStatistics.CheckShape(featuresA, nameof(featuresA));
        FeatureStatistics.CheckShape(featuresB, nameof(featuresB));
        if (featuresA.shape[1] != featuresB.shape[1])
        {
            throw new ArgumentException(
                $"Both feature sets need the same dimension d, not [{string.Join(", ", featuresA.shape)}] and [{string.Join(", ", featuresB.shape)}].",
                nameof(featuresB));
        }

        using var scope = NewDisposeScope();
        return Compute(FeatureStatistics.Of(featuresA), FeatureStatistics.Of(featuresB));
    }

    /// <summary>The distance between two fitted Gaussians, on <paramref name="a"/>'s device.</summary>
    /// <exception cref="ArgumentException">A mean is not (d), a covariance not (d, d), or the two dimensions differ.</exception>
    public static double Compute(FeatureStatistics a, FeatureStatistics b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Validate(a, nameof(a));
        Validate(b, nameof(b));
        if (a.Dimension != b.Dimension)
        {
            throw new ArgumentException($"Both Gaussians need the same dimension, not {a.Dimension} and {b.Dimension}.", nameof(b));
        }

        using var scope = NewDisposeScope();
        var device = a.Mean.device;
        var meanA = a.Mean.detach().to(float64, device);
        var meanB = b.Mean.detach().to(float64, device);
        var covarianceA = a.Covariance.detach().to(float64, device);
        var covarianceB = b.Covariance.detach().to(float64, device);

        var meanTerm = (meanA - meanB).square().sum().item<double>();
        var rootA = SymmetricSquareRoot(covarianceA);
        var product = rootA.matmul(covarianceB).matmul(rootA);
        var eigenvalues = linalg.eigvalsh((product + product.mT) / 2).clamp_min(0);
        var traceOfRoot = eigenvalues.sqrt().sum().item<double>();
        var traces = covarianceA.trace().item<double>() + covarianceB.trace().item<double>();

        return Math.Max(0, meanTerm + traces - 2 * traceOfRoot);
    }

    private static Tensor SymmetricSquareRoot(Tensor matrix)
    {
        var (eigenvalues, eigenvectors) = linalg.eigh((matrix + matrix.mT) / 2);
        return (eigenvectors * eigenvalues.clamp_min(0).sqrt().unsqueeze(0)).matmul(eigenvectors.mT);
    }

    private static void Validate(FeatureStatistics statistics, string parameterName)
    {
        var mean = statistics.Mean;
        var covariance = statistics.Covariance;
        if (mean.dim() != 1 || mean.shape[0] < 1)
        {
            throw new ArgumentException($"The mean must be a non-empty (d) vector, not shape [{string.Join(", ", mean.shape)}].", parameterName);
        }

        if (covariance.dim() != 2 || covariance.shape[0] != mean.shape[0] || covariance.shape[1] != mean.shape[0])
        {
            throw new ArgumentException(
                $"The covariance must be ({mean.shape[0]}, {mean.shape[0]}) to match the mean, not shape [{string.Join(", ", covariance.shape)}].",
                parameterName);
        }
    }
}
