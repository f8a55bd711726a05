using MathNet.Numerics;

namespace Vigil.Alerting.Outbreak;

/// <summary>
/// Quantiles of the negative binomial and Poisson distributions, defined as R's qnbinom and qpois: the smallest integer
/// x with P(X ≤ x) ≥ p, with p fuzzed down by 64 machine epsilons for left continuity.
/// </summary>
internal static class DiscreteQuantiles
{
    // 64 × DBL_EPSILON (2^-52), as in R's discrete quantile search.
    private const double Fuzz = 1 - (64 * 2.220446049250313e-16);

    /// <summary>Negative binomial with R's (size, prob) parameters: mean size(1-prob)/prob.</summary>
    public static double NegativeBinomial(double p, double size, double prob)
    {
        var mean = size * (1 - prob) / prob;
        var sd = Math.Sqrt(mean / prob);
        return Search(p, mean, sd, x => SpecialFunctions.BetaRegularized(size, x + 1, prob));
    }

    public static double Poisson(double p, double lambda) =>
        Search(p, lambda, Math.Sqrt(lambda), x => SpecialFunctions.GammaUpperRegularized(x + 1, lambda));

    private static double Search(double p, double mean, double sd, Func<double, double> cdf)
    {
        if (!double.IsFinite(mean) || mean < 0)
        {
            return double.NaN;
        }

        if (mean == 0)
        {
            return 0;
        }

        var target = p * Fuzz;
        var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
        var x = Math.Max(0, Math.Floor(mean + (z * sd)));
        if (cdf(x) >= target)
        {
            while (x > 0 && cdf(x - 1) >= target)
            {
                x--;
            }
        }
        else
        {
            while (cdf(x) < target)
            {
                x++;
            }
        }

        return x;
    }
}
