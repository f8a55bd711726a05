namespace Vigil.Forecasting.Models;

/// <summary>
/// A generalised linear model with an L2 penalty, fitted by damped Newton-Raphson (the same steps as iteratively
/// reweighted least squares, McCullagh and Nelder 1989, ch. 2): Poisson with log link on counts, or logistic on
/// "at least one". Rows are the cells of several windows, stored as packed float features that are already
/// standardised; the intercept is not penalised. Each iteration is one pass over the rows (O(rows x features^2))
/// plus a Cholesky solve of a features x features system, so a fit costs a few passes over the data.
/// </summary>
internal static class PenalisedGlm
{
    private const int MaxIterations = 40;
    private const double Tolerance = 1e-7;

    /// <summary>Largest linear predictor used in exp: e^30 cells-worth of incidents is already beyond any data.</summary>
    private const double MaxEta = 30;

    /// <param name="features">Per window, rows x <paramref name="columns"/> standardised features.</param>
    /// <param name="counts">Per window, the observed count of each row.</param>
    /// <param name="ridgeFraction">Penalty as a fraction of the training positives (incidents, or cells with one).</param>
    /// <returns>Intercept first, then one coefficient per column.</returns>
    public static double[] Fit(
        IReadOnlyList<float[]> features, IReadOnlyList<int[]> counts, int firstWindow, int endWindow, int columns, RankerObjective objective, double ridgeFraction)
    {
        var p = columns + 1;
        var beta = new double[p];
        var positives = 0.0;
        var n = 0L;
        for (var w = firstWindow; w < endWindow; w++)
        {
            foreach (var c in counts[w])
            {
                positives += objective == RankerObjective.Poisson ? c : (c > 0 ? 1 : 0);
            }

            n += counts[w].Length;
        }

        if (n == 0 || positives == 0)
        {
            // Nothing to learn from: a flat forecast, with the rank left to the tie-break.
            return beta;
        }

        // Start at the mean rate with no slopes, where the likelihood is smooth and the first Newton step is safe.
        var mean = positives / n;
        beta[0] = objective == RankerObjective.Poisson ? Math.Log(mean) : Math.Log(mean / (1 - Math.Min(mean, 0.999)));
        var lambda = ridgeFraction * positives;
        var gradient = new double[p];
        var hessian = new double[p * p];
        var step = new double[p];
        var last = (double[])beta.Clone();
        var lastObjective = double.NegativeInfinity;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            var value = Accumulate(features, counts, firstWindow, endWindow, columns, objective, beta, gradient, hessian);
            for (var j = 1; j < p; j++)
            {
                value -= 0.5 * lambda * beta[j] * beta[j];
                gradient[j] -= lambda * beta[j];
                hessian[(j * p) + j] += lambda;
            }

            if (value < lastObjective - (1e-12 * Math.Abs(lastObjective)))
            {
                // The full step overshot: go half as far from the last accepted point (step halving).
                var small = true;
                for (var j = 0; j < p; j++)
                {
                    step[j] *= 0.5;
                    beta[j] = last[j] + step[j];
                    small &= Math.Abs(step[j]) < Tolerance;
                }

                if (small)
                {
                    last.CopyTo(beta, 0);
                    break;
                }

                continue;
            }

            lastObjective = value;
            beta.CopyTo(last, 0);
            Solve(hessian, gradient, step, p);
            var largest = 0.0;
            for (var j = 0; j < p; j++)
            {
                beta[j] += step[j];
                largest = Math.Max(largest, Math.Abs(step[j]));
            }

            if (largest < Tolerance)
            {
                break;
            }
        }

        return beta;
    }

    /// <summary>The linear predictor of one row.</summary>
    public static double Eta(double[] beta, ReadOnlySpan<float> row)
    {
        var eta = beta[0];
        for (var j = 0; j < row.Length; j++)
        {
            eta += beta[j + 1] * row[j];
        }

        return Math.Min(eta, MaxEta);
    }

    /// <summary>The expected count a linear predictor stands for: e^eta, or -log(1 - p) for "at least one" with probability p.</summary>
    public static double Expected(double eta, RankerObjective objective) =>
        objective == RankerObjective.Poisson ? Math.Exp(eta) : (eta > MaxEta ? eta : Math.Log(1 + Math.Exp(eta)));

    /// <summary>Log-likelihood at beta; writes its gradient and the negated Hessian (the information matrix).</summary>
    private static double Accumulate(
        IReadOnlyList<float[]> features, IReadOnlyList<int[]> counts, int firstWindow, int endWindow, int columns, RankerObjective objective, double[] beta, double[] gradient, double[] hessian)
    {
        var p = columns + 1;
        Array.Clear(gradient);
        Array.Clear(hessian);
        var value = 0.0;
        var z = new double[p];
        z[0] = 1;
        for (var w = firstWindow; w < endWindow; w++)
        {
            var x = features[w];
            var y = counts[w];
            for (var i = 0; i < y.Length; i++)
            {
                var row = x.AsSpan(i * columns, columns);
                for (var j = 0; j < columns; j++)
                {
                    z[j + 1] = row[j];
                }

                var eta = Eta(beta, row);
                double residual, weight;
                if (objective == RankerObjective.Poisson)
                {
                    var mu = Math.Exp(eta);
                    value += (y[i] * eta) - mu;
                    residual = y[i] - mu;
                    weight = mu;
                }
                else
                {
                    var hit = y[i] > 0 ? 1.0 : 0.0;
                    var prob = 1 / (1 + Math.Exp(-eta));
                    value += (hit * eta) - Softplus(eta);
                    residual = hit - prob;
                    weight = prob * (1 - prob);
                }

                for (var j = 0; j < p; j++)
                {
                    var wz = weight * z[j];
                    gradient[j] += residual * z[j];
                    var h = hessian.AsSpan(j * p, p);
                    for (var k = j; k < p; k++)
                    {
                        h[k] += wz * z[k];
                    }
                }
            }
        }

        for (var j = 0; j < p; j++)
        {
            for (var k = 0; k < j; k++)
            {
                hessian[(j * p) + k] = hessian[(k * p) + j];
            }
        }

        return value;
    }

    private static double Softplus(double eta) => eta > 0 ? eta + Math.Log(1 + Math.Exp(-eta)) : Math.Log(1 + Math.Exp(eta));

    /// <summary>Solves A x = b for a symmetric positive definite A by Cholesky (A is overwritten).</summary>
    private static void Solve(double[] a, double[] b, double[] x, int n)
    {
        for (var j = 0; j < n; j++)
        {
            var d = a[(j * n) + j];
            for (var k = 0; k < j; k++)
            {
                d -= a[(j * n) + k] * a[(j * n) + k];
            }

            // The ridge keeps every slope's pivot positive; only a window set with no variance at all reaches the floor.
            d = Math.Sqrt(Math.Max(d, 1e-12));
            a[(j * n) + j] = d;
            for (var i = j + 1; i < n; i++)
            {
                var s = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                {
                    s -= a[(i * n) + k] * a[(j * n) + k];
                }

                a[(i * n) + j] = s / d;
            }
        }

        for (var i = 0; i < n; i++)
        {
            var s = b[i];
            for (var k = 0; k < i; k++)
            {
                s -= a[(i * n) + k] * x[k];
            }

            x[i] = s / a[(i * n) + i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var s = x[i];
            for (var k = i + 1; k < n; k++)
            {
                s -= a[(k * n) + i] * x[k];
            }

            x[i] = s / a[(i * n) + i];
        }
    }
}
