using static TorchSharp.torch;

namespace GanKit.Metrics;

/// <summary>
/// The Gaussian a set of feature vectors is summarised by for the Fréchet distance: the mean (d) and the unbiased
/// covariance (d, d), both float64. Fit it once for a reference set (the 10,000 test digits) and compare many
/// generators against it. The tensors belong to the dispose scope that was current when <see cref="Of"/> ran; dispose
/// the record to free them earlier. Introduced in chapter 05.
/// </summary>
/// <param name="Mean">The mean feature vector, shape (d).</param>
/// <param name="Covariance">The covariance matrix, shape (d, d), symmetric positive semi-definite.</param>
internal sealed record FeatureStatistics(Tensor Mean, Tensor Covariance) : IDisposable
{
    /// <summary>The feature dimension d. Introduced in chapter 05.</summary>
    public long Dimension => Mean.shape[0];

    /// <summary>
    /// Fits the Gaussian to <paramref name="features"/> (N, d), N ≥ 2, any float dtype and device: the mean and the
    /// covariance with the N − 1 denominator, as <c>numpy.cov(features, rowvar=False)</c>, computed in float64 on the
    /// features' device. Introduced in chapter 05.
    /// </summary>
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

    /// <summary>Throws unless <paramref name="features"/> is an (N, d) tensor with N ≥ 2 and d ≥ 1.</summary>
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

    /// <summary>Frees the two tensors. Introduced in chapter 05.</summary>
    public void Dispose()
    {
        Mean.Dispose();
        Covariance.Dispose();
    }
}

/// <summary>
/// The Fréchet distance between the Gaussians fitted to two sets of feature vectors,
/// |μa − μb|² + Tr(Σa + Σb − 2 (Σa^½ Σb Σa^½)^½), in float64. With the digit classifier's 128-d penultimate
/// activations of 10,000 images per side this is the course's <b>digit-FID</b> (not comparable with Inception FID);
/// report it next to the real-data floor measured with the same N, because the statistic shrinks as N grows.
/// Introduced in chapter 05.
/// </summary>
/// <remarks>
/// Both matrix square roots come from the symmetric eigendecomposition (<c>torch.linalg.eigh</c>): Σa^½ = V diag(√λ) Vᵀ,
/// and Tr((Σa^½ Σb Σa^½)^½) is the sum of the square roots of the eigenvalues of the symmetric positive
/// semi-definite matrix Σa^½ Σb Σa^½ (symmetrised before the decomposition to remove round-off asymmetry). Rounding
/// can make eigenvalues that are really 0 come out slightly negative (covariances of features with fewer samples
/// than dimensions, or of dead units, are singular); those are clamped to 0 before the square root. For the same
/// reason the result is clamped to be at least 0: identical inputs give 0, not −1e-13.
/// </remarks>
internal static class FrechetDistance
{
    /// <summary>
    /// The Fréchet distance between the Gaussians fitted to <paramref name="featuresA"/> (N, d) and
    /// <paramref name="featuresB"/> (M, d); any float dtype and device, computed in float64. Introduced in chapter 05.
    /// </summary>
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

    /// <summary>
    /// The Fréchet distance between two fitted Gaussians (for example the test set's, fitted once, against each
    /// generator's). <paramref name="b"/> is moved to <paramref name="a"/>'s device. Introduced in chapter 05.
    /// </summary>
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

    /// <summary>The square root of a symmetric positive semi-definite matrix, with round-off negative eigenvalues clamped to 0.</summary>
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
