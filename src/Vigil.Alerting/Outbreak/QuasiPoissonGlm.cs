namespace Vigil.Alerting.Outbreak;

/// <summary>
/// A log-link quasi-Poisson GLM fitted by iteratively reweighted least squares, following R's glm.fit step for step
/// (start μ = y + 0.1, convergence when |Δdeviance| / (|deviance| + 0.1) &lt; 1e-8, at most 25 iterations) so that the
/// Farrington bounds agree with R surveillance. Models here have at most a dozen columns, so the normal equations are
/// solved by Cholesky factorisation.
/// </summary>
internal static class QuasiPoissonGlm
{
    private const int MaxIterations = 25;
    private const double Epsilon = 1e-8;

    /// <param name="x">Design matrix, row-major n×p.</param>
    public static QuasiPoissonFit Fit(double[] x, int n, int p, ReadOnlySpan<double> y, ReadOnlySpan<double> priorWeights)
    {
        var mu = new double[n];
        var eta = new double[n];
        for (var i = 0; i < n; i++)
        {
            mu[i] = y[i] + 0.1;
            eta[i] = Math.Log(mu[i]);
        }

        var devOld = Deviance(y, mu, priorWeights);
        var beta = new double[p];
        var xtwx = new double[p * p];
        var xtwz = new double[p];
        var w = new double[n];
        var converged = false;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(xtwx);
            Array.Clear(xtwz);
            for (var i = 0; i < n; i++)
            {
                w[i] = priorWeights[i] * mu[i];
                var z = eta[i] + ((y[i] - mu[i]) / mu[i]);
                var row = i * p;
                for (var a = 0; a < p; a++)
                {
                    var wa = w[i] * x[row + a];
                    xtwz[a] += wa * z;
                    for (var b = 0; b <= a; b++)
                    {
                        xtwx[(a * p) + b] += wa * x[row + b];
                    }
                }
            }

            Mirror(xtwx, p);
            if (!CholeskySolve(xtwx, xtwz, beta, p))
            {
                break;
            }

            for (var i = 0; i < n; i++)
            {
                var e = 0.0;
                for (var a = 0; a < p; a++)
                {
                    e += x[(i * p) + a] * beta[a];
                }

                eta[i] = e;
                mu[i] = Math.Exp(e);
            }

            var dev = Deviance(y, mu, priorWeights);
            if (!double.IsFinite(dev))
            {
                break;
            }

            if (Math.Abs(dev - devOld) / (Math.Abs(dev) + 0.1) < Epsilon)
            {
                converged = true;
                break;
            }

            devOld = dev;
        }

        // Covariance and hat values use the working weights of the last iteration, as R's QR does.
        Array.Clear(xtwx);
        for (var i = 0; i < n; i++)
        {
            var row = i * p;
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b <= a; b++)
                {
                    xtwx[(a * p) + b] += w[i] * x[row + a] * x[row + b];
                }
            }
        }

        Mirror(xtwx, p);
        var cov = Invert(xtwx, p) ?? new double[p * p];
        var hat = new double[n];
        var pearson = 0.0;
        var df = n - p;
        for (var i = 0; i < n; i++)
        {
            var row = i * p;
            var q = 0.0;
            for (var a = 0; a < p; a++)
            {
                for (var b = 0; b < p; b++)
                {
                    q += x[row + a] * cov[(a * p) + b] * x[row + b];
                }
            }

            hat[i] = w[i] * q;
            var r = (y[i] - mu[i]) / mu[i];
            pearson += w[i] * r * r;
        }

        return new QuasiPoissonFit
        {
            Converged = converged,
            Coefficients = beta,
            CovUnscaled = cov,
            Fitted = mu,
            Hat = hat,
            Dispersion = df > 0 ? pearson / df : double.NaN,
            ResidualDf = df,
        };
    }

    private static double Deviance(ReadOnlySpan<double> y, double[] mu, ReadOnlySpan<double> wt)
    {
        var sum = 0.0;
        for (var i = 0; i < mu.Length; i++)
        {
            sum += y[i] > 0
                ? wt[i] * ((y[i] * Math.Log(y[i] / mu[i])) - (y[i] - mu[i]))
                : mu[i] * wt[i];
        }

        return 2 * sum;
    }

    private static void Mirror(double[] m, int p)
    {
        for (var a = 0; a < p; a++)
        {
            for (var b = a + 1; b < p; b++)
            {
                m[(a * p) + b] = m[(b * p) + a];
            }
        }
    }

    private static bool Cholesky(double[] a, double[] l, int p)
    {
        Array.Clear(l);
        for (var i = 0; i < p; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[(i * p) + j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[(i * p) + k] * l[(j * p) + k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        return false;
                    }

                    l[(i * p) + i] = Math.Sqrt(sum);
                }
                else
                {
                    l[(i * p) + j] = sum / l[(j * p) + j];
                }
            }
        }

        return true;
    }

    private static bool CholeskySolve(double[] a, double[] b, double[] x, int p)
    {
        var l = new double[p * p];
        if (!Cholesky(a, l, p))
        {
            return false;
        }

        Substitute(l, b, x, p);
        return true;
    }

    private static void Substitute(double[] l, double[] b, double[] x, int p)
    {
        var tmp = new double[p];
        for (var i = 0; i < p; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[(i * p) + k] * tmp[k];
            }

            tmp[i] = sum / l[(i * p) + i];
        }

        for (var i = p - 1; i >= 0; i--)
        {
            var sum = tmp[i];
            for (var k = i + 1; k < p; k++)
            {
                sum -= l[(k * p) + i] * x[k];
            }

            x[i] = sum / l[(i * p) + i];
        }
    }

    private static double[]? Invert(double[] a, int p)
    {
        var l = new double[p * p];
        if (!Cholesky(a, l, p))
        {
            return null;
        }

        var inverse = new double[p * p];
        var e = new double[p];
        var column = new double[p];
        for (var j = 0; j < p; j++)
        {
            Array.Clear(e);
            e[j] = 1;
            Substitute(l, e, column, p);
            for (var i = 0; i < p; i++)
            {
                inverse[(i * p) + j] = column[i];
            }
        }

        return inverse;
    }
}
