using System.Diagnostics;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// The whole evaluation: for each category and horizon, choose every family's settings on the validation period,
/// backtest on the evaluation period, watch the flagged cells for feedback loops and report district disparities
/// for the last forecast.
/// </summary>
public static class ForecastEvaluation
{
    public static IReadOnlyList<EvaluationOutcome> Run(
        IncidentSet incidents,
        ForecastGrid grid,
        IReadOnlyList<Region> districts,
        EvaluationRequest request,
        Action<string>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(districts);
        ArgumentNullException.ThrowIfNull(request);
        var outcomes = new List<EvaluationOutcome>();

        // The ranker's all-categories features read the forecast categories only (never an excluded one).
        var keep = new bool[incidents.CategoryNames.Count];
        foreach (var category in request.Categories)
        {
            var index = incidents.CategoryIndex(category);
            if (index >= 0)
            {
                keep[index] = true;
            }
        }

        var context = incidents.Where(keep);
        var watchedCells = Math.Max(1, grid.CellsForArea(request.WatchedArea.Area(grid.InsideArea, request.MetresPerUnit)));
        foreach (var category in request.Categories)
        {
            var index = incidents.CategoryIndex(category);
            if (index < 0)
            {
                throw new ArgumentException($"Category '{category}' is not in the incidents.", nameof(request));
            }

            var set = incidents.OfCategory(index);
            foreach (var horizon in request.HorizonsDays)
            {
                foreach (var family in request.Models)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Invoke($"{category}, {horizon:0} days, {ModelCatalog.NameOf(family)}");
                    var clock = Stopwatch.StartNew();
                    var selection = ModelSelection.Select(family, set, grid, request.FromDay - request.ValidationDays, request.FromDay, horizon, request.MetresPerUnit, cancellationToken);
                    var monitor = new FeedbackLoopMonitor(grid);
                    FeedbackLoopStatus? lastStatus = null;
                    var lastFlagged = Array.Empty<int>();
                    var lastOrigin = double.NaN;
                    var options = new BacktestOptions
                    {
                        FirstOriginDay = request.FromDay,
                        EndDay = request.ToDay,
                        HorizonDays = horizon,
                        MetresPerUnit = request.MetresPerUnit,
                    };
                    var model = family == ModelFamily.Ranker ? ModelCatalog.Ranker(request.MetresPerUnit, context) : selection.Create();
                    var result = RollingOriginBacktest.Run(
                        set,
                        grid,
                        model,
                        category,
                        options,
                        (origin, ranking, _, _) =>
                        {
                            var flagged = ranking[..Math.Min(watchedCells, ranking.Length)];
                            lastStatus = monitor.Observe(origin, flagged, set);
                            lastFlagged = flagged.ToArray();
                            lastOrigin = origin;
                        },
                        cancellationToken);
                    DisparityReport? disparity = null;
                    if (districts.Count > 0 && !double.IsNaN(lastOrigin))
                    {
                        disparity = DisparityReport.Build(grid, districts, lastFlagged, [], set, lastOrigin - 365, lastOrigin);
                    }

                    if (model is BlendModel blend)
                    {
                        // The blend re-learns its weights as it goes; report the last ones beside the procedure.
                        selection = selection with { Label = $"{selection.Label}; last weights {blend.Describe()}" };
                    }

                    if (model is RankerModel ranker)
                    {
                        selection = selection with { Label = $"{selection.Label}; last {ranker.Describe()}" };
                    }

                    outcomes.Add(new EvaluationOutcome(selection, result, lastStatus, disparity, clock.Elapsed.TotalSeconds));
                }
            }
        }

        return outcomes;
    }
}
