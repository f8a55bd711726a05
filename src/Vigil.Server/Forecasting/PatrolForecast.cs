using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Server.Forecasting;

/// <summary>
/// What patrol planning reads of a forecast: the grid with its scores and ranking, how many cells are flagged, the
/// planar CRS and districts, and the disparity report's flagged and incident shares. The server builds it from a
/// <see cref="ForecastFit"/>; <c>vigil forecast plan --graph</c> from its own offline forecast, so both plan on the
/// same code (<see cref="PatrolPlanView.Plan"/>).
/// </summary>
public sealed record PatrolForecast(
    string Category,
    double HorizonDays,
    string Model,
    ForecastGrid Grid,
    double[] Scores,
    int[] Order,
    int FlaggedCells,
    Projection Projection,
    IReadOnlyList<Region> Districts,
    DisparityReport? Disparity)
{
    public static PatrolForecast Of(ForecastFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        return new PatrolForecast(fit.Category, fit.HorizonDays, fit.Model, fit.Grid, fit.Scores, fit.Order, fit.FlaggedCells, fit.History.Projection,
            fit.History.Districts, fit.Disparity);
    }
}
