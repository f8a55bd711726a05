using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Models;

namespace Vigil.Forecasting.Evaluation;

/// <summary>Runs a model through a rolling-origin backtest and scores each window with hit rate, PAI and PEI.</summary>
public static class RollingOriginBacktest
{
    public static BacktestResult Run(
        IncidentSet incidents,
        ForecastGrid grid,
        IForecastModel model,
        string category,
        BacktestOptions options,
        WindowObserver? observer = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.HorizonDays > 0) || !(options.Step > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Horizon and step must be positive.");
        }

        var areas = options.Areas;
        var curve = options.CurveFractions;
        var cells = new int[areas.Count];
        for (var a = 0; a < areas.Count; a++)
        {
            cells[a] = Math.Max(1, grid.CellsForArea(areas[a].Area(grid.InsideArea, options.MetresPerUnit)));
        }

        var curveCells = new int[curve.Count];
        for (var c = 0; c < curve.Count; c++)
        {
            curveCells[c] = Math.Max(1, grid.CellsForArea(curve[c] * grid.InsideArea));
        }

        var scores = new double[grid.CellCount];
        var counts = new int[grid.CellCount];
        var order = new int[grid.InsideCells.Length];
        var keys = new double[grid.InsideCells.Length];
        var sumHit = new double[areas.Count];
        var sumPai = new double[areas.Count];
        var sumPei = new double[areas.Count];
        var captured = new long[areas.Count];
        var sumCurve = new double[curve.Count];
        long total = 0;
        var windows = 0;
        for (var origin = options.FirstOriginDay; origin + options.HorizonDays <= options.EndDay + 1e-9; origin += options.Step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var n = HotspotRanking.CountCells(incidents, grid, origin, origin + options.HorizonDays, counts);
            model.Forecast(incidents, grid, origin, options.HorizonDays, scores);
            HotspotRanking.Rank(grid, scores, order, keys);
            observer?.Invoke(origin, order, counts, scores);
            if (n == 0)
            {
                continue;
            }

            windows++;
            total += n;
            var best = HotspotRanking.SortedCounts(grid, counts);
            for (var a = 0; a < areas.Count; a++)
            {
                var s = HotspotRanking.Score(grid, order, counts, best, cells[a], n);
                sumHit[a] += s.HitRate;
                sumPai[a] += s.Pai;
                sumPei[a] += s.Pei;
                captured[a] += s.Captured;
            }

            for (var c = 0; c < curve.Count; c++)
            {
                sumCurve[c] += HotspotRanking.Score(grid, order, counts, best, curveCells[c], n).Pai;
            }
        }

        var summaries = new AreaSummary[areas.Count];
        var w = Math.Max(windows, 1);
        for (var a = 0; a < areas.Count; a++)
        {
            summaries[a] = new AreaSummary(areas[a], cells[a], cells[a] * grid.CellArea, windows, sumHit[a] / w, sumPai[a] / w, sumPei[a] / w, captured[a], total);
        }

        var curvePai = new double[curve.Count];
        for (var c = 0; c < curve.Count; c++)
        {
            curvePai[c] = sumCurve[c] / w;
        }

        return new BacktestResult(model.Name, category, options.HorizonDays, windows, summaries, [.. curve], curvePai);
    }
}
