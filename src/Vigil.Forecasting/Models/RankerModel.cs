using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// A learned per-cell ranking: a penalised generalised linear model (<see cref="PenalisedGlm"/>) over place features
/// (<see cref="RankerFeatures"/>: trailing and all-history counts, neighbouring rings, kernel densities at 250-2,000
/// ft, a decayed count, and every forecast category's counts), learned before each origin on the blend's inner
/// backtest: weekly windows of the outer horizon over the <see cref="RankerOptions.InnerDays"/> before the origin,
/// each cell of each window one row, its count in the window the response. Poisson (expected count) and logistic
/// (at least one incident), each with every ridge penalty of <see cref="RankerOptions.Ridges"/>, are fitted on the first half of the inner year and scored
/// by mean NIJ PAI on the second; the preferred pair is refitted on the whole year. Coefficients are re-learned every
/// <see cref="RankerOptions.RefitEveryDays"/>. This is the place-based "risk terrain" idea (Caplan, Kennedy and
/// Miller 2011) with incident history as the only layer: no demographic or socio-economic input is used.
/// </summary>
public sealed class RankerModel : IForecastModel
{
    private readonly RankerOptions _options;
    private readonly IncidentSet? _context;
    private RankerFit? _fit;
    private double[] _beta = [];
    private double[] _mean = [];
    private double[] _scale = [];
    private double _learnedHorizon = double.NaN;
    private IncidentSet? _learnedHistory;
    private ForecastGrid? _learnedGrid;
    private RankerFeatures? _features;
    private float[] _forecastRows = [];

    /// <param name="context">Incidents of every forecast category (places and times only), for the all-categories features; null leaves them out.</param>
    public RankerModel(RankerOptions options, IncidentSet? context = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.InnerDays > 0) || !(options.InnerStepDays > 0) || !(options.RefitEveryDays >= 0) || !(options.ChoiceDays > 0) || options.ChoiceDays >= options.InnerDays)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Inner period, step and choice period must be positive, the choice period shorter than the inner period.");
        }

        if (options.Objectives.Count == 0 || options.Ridges.Count == 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "At least one objective and one ridge are needed.");
        }

        foreach (var ridge in options.Ridges)
        {
            if (!(ridge >= 0))
            {
                throw new ArgumentOutOfRangeException(nameof(options), ridge, "Ridge penalties must be zero or positive.");
            }
        }

        _options = options;
        _context = context;
    }

    public string Name => "ranker";

    /// <summary>The latest learning, or null before the first forecast.</summary>
    public RankerFit? LastFit => _fit;

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        var fit = FitFor(history, grid, originDay, horizonDays);
        var f = RankerFeatures.Count;
        var inside = grid.InsideCells;
        if (_forecastRows.Length != inside.Length * f)
        {
            _forecastRows = new float[inside.Length * f];
        }

        var rows = _forecastRows;
        _features!.Compute(history, _context, originDay, rows);
        Standardise(rows);
        var beta = _beta;
        scores.Clear();
        for (var i = 0; i < inside.Length; i++)
        {
            scores[inside[i]] = PenalisedGlm.Expected(PenalisedGlm.Eta(beta, rows.AsSpan(i * f, f)), fit.Objective);
        }
    }

    /// <summary>A readable account of the latest learning: the objective, its ridge and the largest standardised coefficients.</summary>
    public string Describe()
    {
        if (_fit is null)
        {
            return "not learned yet";
        }

        var order = new int[_fit.FeatureNames.Count];
        var keys = new double[order.Length];
        for (var j = 0; j < order.Length; j++)
        {
            order[j] = j;
            keys[j] = -Math.Abs(_fit.Coefficients[j + 1]);
        }

        Array.Sort(keys, order);
        var parts = new List<string>();
        for (var j = 0; j < Math.Min(4, order.Length); j++)
        {
            parts.Add(FormattableString.Invariant($"{_fit.Coefficients[order[j] + 1]:+0.00;-0.00} {_fit.FeatureNames[order[j]]}"));
        }

        return $"{RankerFit.Label(_fit.Objective, _fit.Ridge)}: {string.Join(", ", parts)}";
    }

    private RankerFit FitFor(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays)
    {
        var reusable = _fit is not null
            && ReferenceEquals(_learnedHistory, history)
            && ReferenceEquals(_learnedGrid, grid)
            && _learnedHorizon == horizonDays
            && originDay >= _fit.LearnedAtDay
            && originDay - _fit.LearnedAtDay < Math.Max(_options.RefitEveryDays, 1e-9);
        if (reusable)
        {
            return _fit!;
        }

        if (!ReferenceEquals(_learnedGrid, grid))
        {
            _features = new RankerFeatures(grid, _options.MetresPerUnit);
        }

        _fit = Learn(history, grid, originDay, horizonDays);
        _learnedHorizon = horizonDays;
        _learnedHistory = history;
        _learnedGrid = grid;
        return _fit;
    }

    private RankerFit Learn(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays)
    {
        var f = RankerFeatures.Count;
        var inside = grid.InsideCells;
        var features = new List<float[]>();
        var counts = new List<int[]>();
        var starts = new List<double>();
        var cellCounts = new int[grid.CellCount];

        // Inner windows [o, o + h) all end by the origin, as the blend's do.
        for (var o = originDay - _options.InnerDays; o + horizonDays <= originDay + 1e-9; o += _options.InnerStepDays)
        {
            var n = HotspotRanking.CountCells(history, grid, o, o + horizonDays, cellCounts);
            if (n == 0)
            {
                continue;
            }

            var rows = new float[inside.Length * f];
            _features!.Compute(history, _context, o, rows);
            var observed = new int[inside.Length];
            for (var i = 0; i < inside.Length; i++)
            {
                observed[i] = cellCounts[inside[i]];
            }

            features.Add(rows);
            counts.Add(observed);
            starts.Add(o);
        }

        ComputeScaling(features, f);
        foreach (var rows in features)
        {
            Standardise(rows);
        }

        // Windows that end before the choice period train the candidates; windows that start inside it score them.
        var choiceFrom = originDay - _options.ChoiceDays;
        var trainEnd = 0;
        while (trainEnd < starts.Count && starts[trainEnd] + horizonDays <= choiceFrom + 1e-9)
        {
            trainEnd++;
        }

        var scoreFrom = trainEnd;
        while (scoreFrom < starts.Count && starts[scoreFrom] < choiceFrom - 1e-9)
        {
            scoreFrom++;
        }

        var cells = new int[_options.TargetSquareMiles.Count];
        for (var a = 0; a < cells.Length; a++)
        {
            cells[a] = Math.Max(1, grid.CellsForArea(AreaTarget.Miles(_options.TargetSquareMiles[a]).Area(grid.InsideArea, _options.MetresPerUnit)));
        }

        var innerPai = new Dictionary<string, double>();
        var chosen = (Objective: _options.Objectives[0], Ridge: _options.Ridges[0]);
        if (_options.Objectives.Count * _options.Ridges.Count > 1 && trainEnd > 0 && scoreFrom < starts.Count)
        {
            var best = double.NegativeInfinity;
            foreach (var ridge in _options.Ridges)
            {
                foreach (var objective in _options.Objectives)
                {
                    var beta = PenalisedGlm.Fit(features, counts, 0, trainEnd, f, objective, ridge);
                    var pai = MeanPai(beta, features, counts, scoreFrom, starts.Count, f, cells);
                    innerPai[RankerFit.Label(objective, ridge)] = pai;

                    // Strictly better only: on a tie the first listed setting (the lighter penalty, Poisson) stays.
                    if (pai > best)
                    {
                        best = pai;
                        chosen = (objective, ridge);
                    }
                }
            }
        }

        _beta = PenalisedGlm.Fit(features, counts, 0, features.Count, f, chosen.Objective, chosen.Ridge);
        return new RankerFit(chosen.Objective, chosen.Ridge, [.. _beta], RankerFeatures.Names, innerPai, originDay, features.Count);
    }

    /// <summary>Mean over windows of the mean PAI at the target areas, ranking cells by the linear predictor.</summary>
    private static double MeanPai(double[] beta, List<float[]> features, List<int[]> counts, int first, int end, int f, int[] cells)
    {
        var sum = 0.0;
        var windows = 0;
        float[]? keys = null;
        int[]? order = null;
        for (var w = first; w < end; w++)
        {
            var y = counts[w];
            var total = 0;
            foreach (var c in y)
            {
                total += c;
            }

            if (total == 0)
            {
                continue;
            }

            keys ??= new float[y.Length];
            order ??= new int[y.Length];
            var x = features[w];
            for (var i = 0; i < y.Length; i++)
            {
                order[i] = i;
                keys[i] = (float)-PenalisedGlm.Eta(beta, x.AsSpan(i * f, f));
            }

            Array.Sort(keys, order);
            var pai = 0.0;
            foreach (var k0 in cells)
            {
                var k = Math.Min(k0, y.Length);
                var captured = 0;
                for (var j = 0; j < k; j++)
                {
                    captured += y[order[j]];
                }

                pai += (double)captured / total * y.Length / k;
            }

            sum += pai / cells.Length;
            windows++;
        }

        return windows == 0 ? double.NaN : sum / windows;
    }

    /// <summary>Means and inverse standard deviations of the features over every inner row (responses are not read).</summary>
    private void ComputeScaling(List<float[]> features, int f)
    {
        var sum = new double[f];
        var squares = new double[f];
        var n = 0L;
        foreach (var rows in features)
        {
            for (var i = 0; i < rows.Length; i += f)
            {
                for (var j = 0; j < f; j++)
                {
                    double v = rows[i + j];
                    sum[j] += v;
                    squares[j] += v * v;
                }
            }

            n += rows.Length / f;
        }

        _mean = new double[f];
        _scale = new double[f];
        for (var j = 0; j < f; j++)
        {
            if (n == 0)
            {
                continue;
            }

            var mean = sum[j] / n;
            var variance = (squares[j] / n) - (mean * mean);
            _mean[j] = mean;

            // A constant column (e.g. the all-categories features without a context) is switched off.
            _scale[j] = variance > 1e-12 ? 1 / Math.Sqrt(variance) : 0;
        }
    }

    private void Standardise(float[] rows)
    {
        var f = _mean.Length;
        if (f == 0)
        {
            Array.Clear(rows);
            return;
        }

        for (var i = 0; i < rows.Length; i += f)
        {
            for (var j = 0; j < f; j++)
            {
                rows[i + j] = (float)((rows[i + j] - _mean[j]) * _scale[j]);
            }
        }
    }
}
