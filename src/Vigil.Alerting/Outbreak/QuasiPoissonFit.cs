namespace Vigil.Alerting.Outbreak;

/// <summary>The result of <see cref="QuasiPoissonGlm.Fit"/>.</summary>
internal sealed class QuasiPoissonFit
{
    public required bool Converged { get; init; }

    public required double[] Coefficients { get; init; }

    /// <summary>(X'WX)^-1 with the working weights of the last iteration, row-major p×p.</summary>
    public required double[] CovUnscaled { get; init; }

    public required double[] Fitted { get; init; }

    public required double[] Hat { get; init; }

    /// <summary>Pearson estimate of the dispersion, Σ w(y-μ)²/μ / (n - p), before any flooring at 1.</summary>
    public required double Dispersion { get; init; }

    public required int ResidualDf { get; init; }

    public double LinearPredictor(ReadOnlySpan<double> x)
    {
        var eta = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            eta += x[i] * Coefficients[i];
        }

        return eta;
    }

    /// <summary>x'(X'WX)^-1 x, the unscaled variance of a linear predictor.</summary>
    public double QuadraticForm(ReadOnlySpan<double> x)
    {
        var p = x.Length;
        var sum = 0.0;
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j < p; j++)
            {
                sum += x[i] * CovUnscaled[(i * p) + j] * x[j];
            }
        }

        return sum;
    }
}
