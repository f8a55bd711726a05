using Vigil.Forecasting.Data;
using Vigil.Forecasting.Evaluation;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Fits one forecast the way <c>vigil forecast plan</c> does: the family's settings are chosen on the year before the
/// origin (never on the forecast window), the forecast is ranked, and the preceding forecasts are replayed so that the
/// feedback-loop check sees how long each cell has stayed flagged.
/// </summary>
public static class ForecastFitter
{
    /// <summary>Forecasts replayed before the current one; more than the check's 8-in-a-row persistence.</summary>
    private const int FeedbackHistory = 12;

    /// <summary>Less validation than this many horizons would choose settings on noise; defaults are used instead.</summary>
    private const int MinValidationWindows = 4;

    public sealed record Request(ForecastHistory History, IReadOnlyList<string> Categories, string Label, ModelFamily Family, double HorizonDays, double CellSizeMetres, double FlaggedShare);

    public static ForecastFit Fit(Request request, ForecastAuditRecord audit, TimeProvider clock, Action<string, double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        var history = request.History;
        var keep = new bool[history.Incidents.CategoryNames.Count];
        foreach (var category in request.Categories)
        {
            keep[history.Incidents.CategoryIndex(category)] = true;
        }

        progress("preparing the grid", 0.05);
        var set = history.Incidents.Where(keep);
        var metres = history.Projection.MetresPerUnit;
        var grid = new ForecastGrid(history.Boundary, request.CellSizeMetres / metres);
        if (grid.InsideCells.Length == 0)
        {
            throw new InvalidOperationException("The boundary holds no grid cell; the cell size is larger than the city.");
        }

        var originDay = Math.Floor(history.Incidents.LastDay) + 1;
        var horizon = request.HorizonDays;
        progress("choosing the model's settings", 0.1);
        var selected = Select(request.Family, set, grid, originDay, horizon, metres, cancellationToken);
        var model = selected.Create();

        progress("forecasting", 0.7);
        var scores = new double[grid.CellCount];
        var order = new int[grid.InsideCells.Length];
        var keys = new double[grid.InsideCells.Length];
        var flaggedCount = Math.Clamp((int)Math.Round(request.FlaggedShare * grid.InsideCells.Length), 1, grid.InsideCells.Length);
        var monitor = new FeedbackLoopMonitor(grid);
        FeedbackLoopStatus? loop = null;
        for (var back = FeedbackHistory; back >= 0; back--)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = originDay - (back * horizon);
            if (day <= set.FirstDay)
            {
                continue;
            }

            model.Forecast(set, grid, day, horizon, scores);
            HotspotRanking.Rank(grid, scores, order, keys);
            loop = monitor.Observe(day, order.AsSpan(0, flaggedCount), set);
            progress("checking for a feedback loop", 0.7 + (0.28 * (FeedbackHistory - back) / FeedbackHistory));
        }

        var disparity = DisparityReport.Build(grid, history.Districts, order.AsSpan(0, flaggedCount), [], set, originDay - 365, originDay);
        var fit = new ForecastFit(
            request.Label, request.Categories, horizon, originDay, selected.Name, selected.Label, grid, scores, order, flaggedCount,
            set.Count, disparity, loop, audit, history, clock.GetUtcNow());
        return fit with { GeoJson = ForecastGeoJson.Write(fit) };
    }

    private static SelectedModel Select(ModelFamily family, IncidentSet set, ForecastGrid grid, double originDay, double horizon, double metres, CancellationToken cancellationToken)
    {
        var from = Math.Max(originDay - 365, set.FirstDay + 90);
        if (originDay - from >= MinValidationWindows * horizon)
        {
            return ModelSelection.Select(family, set, grid, from, originDay, horizon, metres, cancellationToken);
        }

        if (family == ModelFamily.Ensemble)
        {
            throw new InvalidOperationException("The ensemble needs enough history to choose its members' settings; use a single model.");
        }

        // Too little history to choose on: the 500 ft candidate, the model card's cell size and the middle of its bandwidths.
        var candidates = ModelCatalog.Candidates(family, metres);
        foreach (var (label, create) in candidates)
        {
            if (label.Contains("500 ft", StringComparison.Ordinal))
            {
                return new SelectedModel(family, label + " (default: too little history to choose settings)", double.NaN, create);
            }
        }

        return new SelectedModel(family, candidates[0].Label, double.NaN, candidates[0].Create);
    }
}
