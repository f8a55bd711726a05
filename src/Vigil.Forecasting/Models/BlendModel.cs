using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Model (d), learned: a weighted mix of a library of simple surfaces (cell counts, kernel densities at several
/// bandwidths, time-decayed densities), each scaled to unit mass. The weights are chosen by greedy ensemble
/// selection (<see cref="EnsembleSelection"/>) on an inner rolling-origin backtest over the
/// <see cref="BlendOptions.InnerDays"/> before the origin, with the outer horizon, and re-learned every
/// <see cref="BlendOptions.RefitEveryDays"/>. It thereby picks, per category, city and season, how much long-term
/// place memory (the Portland NIJ winners' cell counts), spatial smoothing and recency to use, using only data
/// before each origin, so the same procedure runs unchanged on periods it has never seen.
/// </summary>
public sealed class BlendModel : IForecastModel
{
    private readonly IForecastModel[] _members;
    private readonly string[] _labels;
    private readonly BlendOptions _options;
    private EnsembleWeights? _weights;
    private double _learnedAt = double.NaN;
    private double _learnedHorizon = double.NaN;
    private IncidentSet? _learnedHistory;
    private ForecastGrid? _learnedGrid;

    public BlendModel(IReadOnlyList<IForecastModel> members, IReadOnlyList<string> labels, BlendOptions options)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        if (members.Count == 0 || members.Count != labels.Count)
        {
            throw new ArgumentException("A blend needs one label per member and at least one member.", nameof(labels));
        }

        if (!(options.InnerDays > 0) || !(options.InnerStepDays > 0) || !(options.RefitEveryDays >= 0) || options.Steps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Inner period, step and greedy steps must be positive.");
        }

        _members = [.. members];
        _labels = [.. labels];
        _options = options;
    }

    public string Name => "blend";

    public IReadOnlyList<IForecastModel> Members => _members;

    public IReadOnlyList<string> Labels => _labels;

    /// <summary>The weights of the latest learning, or null before the first forecast.</summary>
    public EnsembleWeights? LastWeights => _weights;

    /// <summary>The origin at which the weights were last learned.</summary>
    public double LearnedAtDay => _learnedAt;

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        var weights = WeightsFor(history, grid, originDay, horizonDays).Weights;
        scores.Clear();
        SurfaceMixture.Add(_members, weights, history, grid, originDay, horizonDays, scores);

        // The likelihood weights carry one more entry: the uniform floor.
        if (weights.Count > _members.Length && weights[^1] > 0)
        {
            var floor = weights[^1] / Math.Max(grid.InsideCells.Length, 1);
            foreach (var cell in grid.InsideCells)
            {
                scores[cell] += floor;
            }
        }
    }

    /// <summary>A readable account of the latest weights, e.g. "0.60 cell counts + 0.40 kde 500 ft".</summary>
    public string Describe()
    {
        if (_weights is null)
        {
            return "not learned yet";
        }

        var parts = new List<string>();
        for (var m = 0; m < _members.Length; m++)
        {
            if (_weights.Weights[m] > 0)
            {
                parts.Add(FormattableString.Invariant($"{_weights.Weights[m]:0.00} {_labels[m]}"));
            }
        }

        if (_weights.Weights.Count > _members.Length)
        {
            parts.Add(FormattableString.Invariant($"{_weights.Weights[^1]:0.000} uniform"));
        }

        return string.Join(" + ", parts);
    }

    private EnsembleWeights WeightsFor(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays)
    {
        var reusable = _weights is not null
            && ReferenceEquals(_learnedHistory, history)
            && ReferenceEquals(_learnedGrid, grid)
            && _learnedHorizon == horizonDays
            && originDay >= _learnedAt
            && originDay - _learnedAt < Math.Max(_options.RefitEveryDays, 1e-9);
        if (reusable)
        {
            return _weights!;
        }

        // Inner windows [o, o + h) all end by the origin: the last inner origin is origin - h.
        var inner = InnerValidationSet.Build(history, grid, _members, originDay - _options.InnerDays, originDay, horizonDays, _options.InnerStepDays);
        var cells = new int[_options.TargetSquareMiles.Count];
        for (var a = 0; a < cells.Length; a++)
        {
            cells[a] = Math.Max(1, grid.CellsForArea(AreaTarget.Miles(_options.TargetSquareMiles[a]).Area(grid.InsideArea, _options.MetresPerUnit)));
        }

        _weights = _options.Objective == BlendObjective.Likelihood
            ? EnsembleSelection.SelectByLikelihood(inner)
            : EnsembleSelection.Select(inner, cells, _options.Steps);
        _learnedAt = originDay;
        _learnedHorizon = horizonDays;
        _learnedHistory = history;
        _learnedGrid = grid;
        return _weights;
    }
}
