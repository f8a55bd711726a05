using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Model (c): the self-exciting point process (see <see cref="SelfExcitingFitter"/>). The forecast for a cell is the
/// model's expected count over the horizon: background rate times horizon times the cell's background share, plus
/// the part of every recent incident's triggering kernel that falls in the horizon, spread with the fitted sigma.
/// In a rolling backtest it refits when the origin has moved <see cref="SelfExcitingOptions.RefitEveryDays"/>, warm-started
/// from the previous fit; a fit only ever uses incidents before its own origin.
/// </summary>
public sealed class SelfExcitingModel(SelfExcitingOptions options) : IForecastModel
{
    private SelfExcitingFit? _fit;
    private IncidentSet? _fitHistory;
    private ForecastGrid? _fitGrid;

    public string Name => "hawkes";

    public SelfExcitingOptions Options => options;

    /// <summary>The most recent fit, for reporting its parameters.</summary>
    public SelfExcitingFit? LastFit => _fit;

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        var fit = FitFor(history, grid, originDay);
        scores.Clear();
        var end = history.LowerBound(originDay);
        var start = history.LowerBound(originDay - options.TimeCutoffDays);
        var x = history.X;
        var y = history.Y;
        var t = history.Days;
        for (var i = start; i < end; i++)
        {
            var cell = grid.CellOf(x[i], y[i]);
            if (cell < 0)
            {
                continue;
            }

            var age = originDay - t[i];
            var until = Math.Min(age + horizonDays, options.TimeCutoffDays);
            scores[cell] += fit.Theta * (Math.Exp(-fit.Omega * age) - Math.Exp(-fit.Omega * until));
        }

        GaussianSmoother.Smooth(scores, grid.Columns, grid.Rows, fit.Sigma / grid.CellSize);
        var backgroundCount = fit.Mu * horizonDays;
        foreach (var cell in grid.InsideCells)
        {
            scores[cell] += backgroundCount * fit.Background[cell];
        }
    }

    private SelfExcitingFit FitFor(IncidentSet history, ForecastGrid grid, double originDay)
    {
        var reusable = _fit is not null && ReferenceEquals(_fitHistory, history) && ReferenceEquals(_fitGrid, grid);
        if (reusable && originDay >= _fit!.FittedAtDay && originDay - _fit.FittedAtDay < Math.Max(options.RefitEveryDays, 1e-9))
        {
            return _fit;
        }

        var trainStart = options.TrainingWindowDays is { } w ? originDay - w : double.NegativeInfinity;
        _fit = SelfExcitingFitter.Fit(history, grid, trainStart, originDay, options, reusable ? _fit : null);
        _fitHistory = history;
        _fitGrid = grid;
        return _fit;
    }
}
