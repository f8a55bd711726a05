using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Expectation-maximisation for the space-time self-exciting point process of Mohler, Short, Brantingham, Schoenberg
/// and Tita (2011), "Self-exciting point process modeling of crime", JASA 106(493). As in their stochastic-declustering
/// EM, each incident is split between background and its possible parents (E-step), the background is re-estimated as a
/// kernel density of the declustered incidents and the triggering kernel from the parent-child lags (M-step). The
/// triggering kernel here is parametric (exponential in time, isotropic Gaussian in space), as in Mohler (2014) and the
/// field-trial model of Mohler et al. (2015, JASA 110(512)); the branching-ratio update accounts for offspring not yet
/// born at the end of training (time censoring), following Veen and Schoenberg (2008).
/// Candidate parent pairs are found once with a spatial bucket index and the cut-offs of <see cref="SelfExcitingOptions"/>,
/// so one EM iteration is O(pairs), at most N * MaxParentsPerEvent, instead of O(N^2).
/// </summary>
public static class SelfExcitingFitter
{
    /// <summary>Fits on the incidents in [trainStartDay, originDay) of <paramref name="history"/>.</summary>
    public static SelfExcitingFit Fit(IncidentSet history, ForecastGrid grid, double trainStartDay, double originDay, SelfExcitingOptions options, SelfExcitingFit? warmStart = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(options);
        trainStartDay = Math.Max(trainStartDay, history.FirstDay);
        var first = history.LowerBound(trainStartDay);
        var end = history.LowerBound(originDay);
        var n = end - first;
        var x = history.X.Slice(first, n);
        var y = history.Y.Slice(first, n);
        var t = history.Days.Slice(first, n);
        var cells = new int[n];
        for (var i = 0; i < n; i++)
        {
            cells[i] = grid.CellOf(x[i], y[i]);
        }

        var pairs = CandidatePairs.Build(x, y, t, options.DistanceCutoff, options.TimeCutoffDays, options.MaxParentsPerEvent);
        var span = Math.Max(originDay - trainStartDay, 1.0);
        var background = warmStart?.Background is { } wb && wb.Length == grid.CellCount ? (double[])wb.Clone() : UniformBackground(grid);
        var mu = warmStart?.Mu ?? (n / span * 0.8);
        var theta = warmStart?.Theta ?? options.InitialBranching;
        var omega = warmStart?.Omega ?? options.InitialDecayPerDay;
        var sigma = Math.Max(warmStart?.Sigma ?? options.InitialTriggerSigma, options.MinTriggerSigma);
        var cellArea = grid.CellArea;
        var floorDensity = options.BackgroundFloor / Math.Max(grid.InsideArea, cellArea);
        var histogram = new double[grid.CellCount];
        var scratch = new double[Math.Max(options.MaxParentsPerEvent, 1)];
        var iterations = 0;
        var converged = false;
        if (n == 0)
        {
            return new SelfExcitingFit(0, 0, omega, sigma, background, 0, 0, 0, true, originDay);
        }

        while (iterations < options.MaxIterations)
        {
            iterations++;
            Array.Clear(histogram);
            double sumBg = 0, sumTrig = 0, sumTrigDt = 0, sumTrigD2 = 0;
            var twoSigma2 = 2 * sigma * sigma;
            var spatialNorm = 1.0 / (Math.PI * twoSigma2);
            var timeNorm = theta * omega * spatialNorm;
            var parentStart = pairs.Start;
            var parents = pairs.Parents;
            for (var i = 0; i < n; i++)
            {
                var cell = cells[i];
                var bgDensity = cell >= 0 ? background[cell] / cellArea : floorDensity;
                var bg = mu * Math.Max(bgDensity, 1e-300);
                var total = bg;
                var a = parentStart[i];
                var b = parentStart[i + 1];
                for (var k = a; k < b; k++)
                {
                    var j = parents[k];
                    var dx = x[i] - x[j];
                    var dy = y[i] - y[j];
                    var g = timeNorm * Math.Exp((-omega * (t[i] - t[j])) - (((dx * dx) + (dy * dy)) / twoSigma2));
                    scratch[k - a] = g;
                    total += g;
                }

                var inv = 1.0 / total;
                var pb = bg * inv;
                sumBg += pb;
                if (cell >= 0)
                {
                    histogram[cell] += pb;
                }

                for (var k = a; k < b; k++)
                {
                    var p = scratch[k - a] * inv;
                    if (p < 1e-12)
                    {
                        continue;
                    }

                    var j = parents[k];
                    var dx = x[i] - x[j];
                    var dy = y[i] - y[j];
                    sumTrig += p;
                    sumTrigDt += p * (t[i] - t[j]);
                    sumTrigD2 += p * ((dx * dx) + (dy * dy));
                }
            }

            // M-step.
            var newMu = sumBg / span;
            var newOmega = sumTrig > 0 && sumTrigDt > 0 ? sumTrig / sumTrigDt : omega;
            newOmega = Math.Clamp(newOmega, 1.0 / (10 * options.TimeCutoffDays), 50);
            var exposure = 0.0;
            for (var j = 0; j < n; j++)
            {
                // Expected offspring of j that could have been observed: its kernel mass before the origin and the cut-off.
                exposure += 1 - Math.Exp(-newOmega * Math.Min(options.TimeCutoffDays, originDay - t[j]));
            }

            var newTheta = exposure > 0 ? Math.Clamp(sumTrig / exposure, 0, 0.95) : 0;
            var newSigma = sumTrig > 0 ? Math.Sqrt(sumTrigD2 / (2 * sumTrig)) : sigma;
            newSigma = Math.Clamp(newSigma, options.MinTriggerSigma, options.DistanceCutoff);
            BackgroundFrom(histogram, grid, options, background);
            var change = Math.Max(Rel(theta, newTheta), Math.Max(Rel(omega, newOmega), Rel(sigma, newSigma)));
            mu = newMu;
            theta = newTheta;
            omega = newOmega;
            sigma = newSigma;
            if (change < options.Tolerance)
            {
                converged = true;
                break;
            }
        }

        return new SelfExcitingFit(mu, theta, omega, sigma, background, n, pairs.Parents.Length, iterations, converged, originDay);
    }

    /// <summary>Background density per cell (sums to 1 over the city): KDE of declustered weights plus a uniform floor.</summary>
    private static void BackgroundFrom(double[] histogram, ForecastGrid grid, SelfExcitingOptions options, double[] background)
    {
        GaussianSmoother.Smooth(histogram, grid.Columns, grid.Rows, options.BackgroundBandwidth / grid.CellSize);
        var mass = 0.0;
        foreach (var cell in grid.InsideCells)
        {
            mass += histogram[cell];
        }

        Array.Clear(background);
        var inside = grid.InsideCells;
        var uniform = options.BackgroundFloor / Math.Max(inside.Length, 1);
        var scale = mass > 0 ? (1 - options.BackgroundFloor) / mass : 0;
        if (mass <= 0)
        {
            uniform = 1.0 / Math.Max(inside.Length, 1);
        }

        foreach (var cell in inside)
        {
            background[cell] = (histogram[cell] * scale) + uniform;
        }
    }

    private static double[] UniformBackground(ForecastGrid grid)
    {
        var b = new double[grid.CellCount];
        var inside = grid.InsideCells;
        foreach (var cell in inside)
        {
            b[cell] = 1.0 / inside.Length;
        }

        return b;
    }

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(Math.Abs(a), 1e-12);
}
