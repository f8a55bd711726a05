using Vigil.Forecasting.Data;
using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Models;

/// <summary>
/// Baseline (a): the counts of the last period, as long as the horizon unless set. Ties, which are common with
/// short periods, are broken by the all-history count with a weight too small to outrank one recent incident.
/// </summary>
public sealed class NaiveCountModel(double? periodDays = null) : IForecastModel
{
    private const double TieBreakWeight = 1e-6;

    public string Name => "naive";

    public void Forecast(IncidentSet history, ForecastGrid grid, double originDay, double horizonDays, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(grid);
        scores.Clear();
        var period = periodDays ?? horizonDays;
        var end = history.LowerBound(originDay);
        var start = history.LowerBound(originDay - period);
        var x = history.X;
        var y = history.Y;
        for (var i = 0; i < end; i++)
        {
            var cell = grid.CellOf(x[i], y[i]);
            if (cell >= 0)
            {
                scores[cell] += i >= start ? 1.0 : TieBreakWeight;
            }
        }
    }
}
