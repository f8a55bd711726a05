using MathNet.Numerics.Distributions;

namespace Vigil.Alerting.Outbreak;

/// <summary>
/// The Farrington family of outbreak detectors, implemented as R surveillance::farringtonFlexible (version 1.20) with
/// integer time points, so that its bounds can be checked against R. For each period t:
/// <list type="number">
/// <item>the baseline is every period of the last <c>b</c> years from t - b·freq - w on, grouped in <c>noPeriods</c>
/// seasonal levels (a window of ±w periods around each t - i·freq, and noPeriods - 1 blocks between windows),
/// minus the latest <c>pastWeeksNotIncluded</c> + 1 periods;</item>
/// <item>a quasi-Poisson log-linear GLM with a linear time trend and the seasonal factor is fitted; residuals with
/// Anscombe value above the threshold are down-weighted and the model refitted (Farrington et al. 1996, §3.3);</item>
/// <item>the trend is kept only with at least 3 years of data, p-value below the threshold and a prediction that
/// does not exceed the largest baseline count;</item>
/// <item>the upper bound is the 2/3-power normal bound or the negative binomial quantile at 1 - α, and an alarm is
/// raised when the count exceeds it and at least 5 cases occurred in the last 4 periods.</item>
/// </list>
/// </summary>
public static class Farrington
{
    /// <param name="from">
    /// The first index to evaluate (each period's model is fitted afresh, so a watch that only needs the latest periods
    /// skips the cost of the others); earlier than the method's first index means from that one.
    /// </param>
    public static List<OutbreakPoint> Detect(ReadOnlySpan<double> observed, FarringtonOptions? options = null, int from = 0)
    {
        options ??= new FarringtonOptions();
        Check(options);
        var first = Math.Max(options.FirstIndex, from);
        var results = new List<OutbreakPoint>(Math.Max(0, observed.Length - first));
        var blocks = new int[observed.Length];
        for (var t = first; t < observed.Length; t++)
        {
            results.Add(DetectAt(observed, t, options, blocks));
        }

        return results;
    }

    private static void Check(FarringtonOptions o)
    {
        if (o.Frequency < 1 || o.YearsBack < 1 || o.HalfWindow < 0 || o.NoPeriods < 1 || o.PastPeriodsNotIncluded < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Frequency, YearsBack and NoPeriods must be positive; HalfWindow and PastPeriodsNotIncluded not negative.");
        }

        if (o.NoPeriods > 1 && o.Frequency - (2 * o.HalfWindow) - 1 < o.NoPeriods - 1)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Too many seasonal periods for the gap between reference windows.");
        }

        if (o.Alpha is <= 0 or >= 1 || o.Limit54Periods < 1 || o.Limit54Cases < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(o), "Alpha must lie in (0, 1); Limit54Periods must be positive.");
        }
    }

    private static OutbreakPoint DetectAt(ReadOnlySpan<double> observed, int t, FarringtonOptions o, int[] blocks)
    {
        var y = observed[t];
        var k = t + 1; // 1-based time, the covariate R uses
        FillBlocks(blocks, k, o);

        // The baseline: periods with a seasonal level and a count.
        var rows = new List<int>();
        var maxLevel = 0;
        for (var i = 0; i < blocks.Length; i++)
        {
            if (blocks[i] > 0 && !double.IsNaN(observed[i]))
            {
                rows.Add(i);
                maxLevel = Math.Max(maxLevel, blocks[i]);
            }
        }

        var present = new bool[maxLevel + 1];
        foreach (var i in rows)
        {
            present[blocks[i]] = true;
        }

        var levels = new List<int>();
        for (var l = 1; l <= maxLevel; l++)
        {
            if (present[l])
            {
                levels.Add(l);
            }
        }

        var baseline = new Baseline(observed, rows, blocks, levels, o.NoPeriods > 1);
        var model = FitWithReweighting(baseline, o.Trend, o);
        if (model is null)
        {
            return new OutbreakPoint(t, y, double.NaN, false);
        }

        if (model.Value.HasTrend)
        {
            var x0 = baseline.PredictionRow(k, o.NoPeriods, true);
            var fit = model.Value.Fit;
            var predicted = Math.Exp(fit.LinearPredictor(x0));
            var tStat = fit.Coefficients[1] / Math.Sqrt(model.Value.PredictionDispersion * fit.CovUnscaled[(1 * x0.Length) + 1]);
            var pValue = 2 * StudentT.CDF(0, 1, fit.ResidualDf, -Math.Abs(tStat));
            var keepTrend = o.YearsBack >= 3 && pValue < o.PThresholdTrend && predicted <= baseline.MaxResponse;
            if (!keepTrend)
            {
                model = FitWithReweighting(baseline, false, o);
                if (model is null)
                {
                    return new OutbreakPoint(t, y, double.NaN, false);
                }
            }
        }

        var final = model.Value;
        var row = baseline.PredictionRow(k, o.NoPeriods, final.HasTrend);
        var eta0 = final.Fit.LinearPredictor(row);
        var seEta = Math.Sqrt(final.PredictionDispersion * final.Fit.QuadraticForm(row));
        double upper;
        double score;
        var expected = Math.Exp(eta0);
        if (o.Threshold == FarringtonThreshold.Delta)
        {
            var mu0 = expected;
            var seMu = seEta * mu0;
            var tau = final.Phi + (seMu * seMu / mu0);
            var se = Math.Sqrt(4.0 / 9.0 * Math.Pow(mu0, 1.0 / 3.0) * tau);
            upper = Math.Pow(Math.Pow(mu0, 2.0 / 3.0) + (Normal.InvCDF(0, 1, 1 - o.Alpha) * se), 1.5);
            score = (y - mu0) / (upper - mu0);
        }
        else
        {
            var mu0 = expected;
            upper = final.Phi > 1
                ? DiscreteQuantiles.NegativeBinomial(1 - o.Alpha, mu0 / (final.Phi - 1), 1 / final.Phi)
                : DiscreteQuantiles.Poisson(1 - o.Alpha, mu0);

            // surveillance 1.20 scores the nbPlugin bound against the linear predictor; kept for agreement.
            score = (y - eta0) / (upper - eta0);
        }

        var recent = 0.0;
        for (var i = Math.Max(0, t - o.Limit54Periods + 1); i <= t; i++)
        {
            recent += observed[i];
        }

        var enoughCases = recent >= o.Limit54Cases;
        return enoughCases
            ? new OutbreakPoint(t, y, upper, score > 1 && y != 0, expected)
            : new OutbreakPoint(t, y, double.NaN, false);
    }

    // surveillance:::blocks for integer epochs; k is 1-based, blocks holds levels 1..noPeriods, 0 where unused.
    private static void FillBlocks(int[] blocks, int k, FarringtonOptions o)
    {
        Array.Clear(blocks);
        var p = o.NoPeriods;
        var w = o.HalfWindow;
        Set(blocks, k - w, k, p);
        for (var i = 1; i <= o.YearsBack; i++)
        {
            var refWeek = k - (i * o.Frequency);
            Set(blocks, refWeek - w, refWeek + w, p);
            if (p == 1)
            {
                continue;
            }

            var period = o.Frequency - (2 * w) - 1;
            var length = period / (p - 1);
            var rest = period % (p - 1);
            var start = refWeek + w + 1;
            for (var j = 1; j <= p - 1; j++)
            {
                var len = length + (j <= rest ? 1 : 0);
                Set(blocks, start, start + len - 1, j);
                start += len;
            }
        }

        Set(blocks, k - o.PastPeriodsNotIncluded, k, 0);
    }

    private static void Set(int[] blocks, int from1, int to1, int value)
    {
        for (var i = Math.Max(1, from1); i <= Math.Min(blocks.Length, to1); i++)
        {
            blocks[i - 1] = value;
        }
    }

    private static FarringtonModel? FitWithReweighting(Baseline baseline, bool trend, FarringtonOptions o)
    {
        var n = baseline.Count;
        var ones = new double[n];
        Array.Fill(ones, 1.0);
        var (x, p) = baseline.Design(trend);
        var fit = QuasiPoissonGlm.Fit(x, n, p, baseline.Response, ones);
        if (!fit.Converged)
        {
            if (!trend)
            {
                return null;
            }

            trend = false;
            (x, p) = baseline.Design(false);
            fit = QuasiPoissonGlm.Fit(x, n, p, baseline.Response, ones);
            if (!fit.Converged)
            {
                return null;
            }
        }

        var phi = Math.Max(fit.Dispersion, 1);
        if (!o.Reweight)
        {
            return new FarringtonModel(fit, phi, fit.Dispersion, trend);
        }

        var omega = Weights(AnscombeResiduals(fit, baseline.Response, phi), o.WeightsThreshold);
        fit = QuasiPoissonGlm.Fit(x, n, p, baseline.Response, omega);
        phi = Math.Max(fit.Dispersion, 1);

        // surveillance 1.20 stores the reweighting weights ω in the model's working-weight slot before summary() and
        // predict() read it, so the dispersion behind the trend test and the prediction's standard error is
        // Σ ω((y-μ)/μ)² / (n - p) rather than the Pearson Σ ωμ((y-μ)/μ)² / (n - p) used for φ. Kept for agreement.
        var scaled = 0.0;
        for (var i = 0; i < n; i++)
        {
            var r = (baseline.Response[i] - fit.Fitted[i]) / fit.Fitted[i];
            scaled += omega[i] * r * r;
        }

        return new FarringtonModel(fit, phi, scaled / fit.ResidualDf, trend);
    }

    private readonly record struct FarringtonModel(QuasiPoissonFit Fit, double Phi, double PredictionDispersion, bool HasTrend);

    // Anscombe residuals of a Poisson fit, scaled by dispersion and leverage (Farrington et al. 1996, eq. 3).
    private static double[] AnscombeResiduals(QuasiPoissonFit fit, double[] y, double phi)
    {
        var s = new double[y.Length];
        for (var i = 0; i < y.Length; i++)
        {
            var mu = fit.Fitted[i];
            var a = 1.5 * ((Math.Pow(y[i], 2.0 / 3.0) * Math.Pow(mu, -1.0 / 6.0)) - Math.Sqrt(mu));
            s[i] = a / Math.Sqrt(phi * (1 - fit.Hat[i]));
        }

        return s;
    }

    // Weights ∝ s^-2 above the threshold and constant below, scaled to average 1 (surveillance algo.farrington.assign.weights).
    private static double[] Weights(double[] s, double threshold)
    {
        var denominator = 0.0;
        foreach (var v in s)
        {
            denominator += v > threshold ? 1 / (v * v) : 1;
        }

        var gamma = s.Length / denominator;
        var omega = new double[s.Length];
        for (var i = 0; i < s.Length; i++)
        {
            omega[i] = s[i] > threshold ? gamma / (s[i] * s[i]) : gamma;
        }

        return omega;
    }

    private sealed class Baseline
    {
        private readonly List<int> _rows;
        private readonly int[] _levelOf;
        private readonly List<int> _levels;
        private readonly bool _seasonal;

        public Baseline(ReadOnlySpan<double> observed, List<int> rows, int[] blocks, List<int> levels, bool seasonal)
        {
            _rows = rows;
            _levels = levels;
            _seasonal = seasonal;
            Response = new double[rows.Count];
            _levelOf = new int[rows.Count];
            for (var i = 0; i < rows.Count; i++)
            {
                Response[i] = observed[rows[i]];
                _levelOf[i] = blocks[rows[i]];
                MaxResponse = Math.Max(MaxResponse, Response[i]);
            }
        }

        public double[] Response { get; }

        public double MaxResponse { get; }

        public int Count => _rows.Count;

        private int Dummies => _seasonal ? _levels.Count - 1 : 0;

        public (double[] X, int P) Design(bool trend)
        {
            var p = 1 + (trend ? 1 : 0) + Dummies;
            var x = new double[Count * p];
            for (var i = 0; i < Count; i++)
            {
                FillRow(x.AsSpan(i * p, p), _rows[i] + 1, _levelOf[i], trend);
            }

            return (x, p);
        }

        public double[] PredictionRow(int k, int level, bool trend)
        {
            var row = new double[1 + (trend ? 1 : 0) + Dummies];
            FillRow(row, k, level, trend);
            return row;
        }

        // Treatment contrasts: the lowest level present is the reference, as R's factor() does.
        private void FillRow(Span<double> row, int time1, int level, bool trend)
        {
            row.Clear();
            row[0] = 1;
            var c = 1;
            if (trend)
            {
                row[c++] = time1;
            }

            for (var l = 1; l < Dummies + 1; l++)
            {
                row[c++] = _levels[l] == level ? 1 : 0;
            }
        }
    }
}
