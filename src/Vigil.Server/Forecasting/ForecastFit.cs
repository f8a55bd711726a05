using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Server.Forecasting;

/// <summary>
/// One finished forecast: the grid and its scores, the cells ranked best first, how many are flagged, the safeguards'
/// reports and the audit record of the run. <see cref="GeoJson"/> is rendered once, since every request serves it.
/// </summary>
public sealed record ForecastFit(
    string Category,
    IReadOnlyList<string> Categories,
    double HorizonDays,
    double OriginDay,
    string Model,
    string Settings,
    ForecastGrid Grid,
    double[] Scores,
    int[] Order,
    int FlaggedCells,
    int Incidents,
    DisparityReport Disparity,
    FeedbackLoopStatus? FeedbackLoop,
    ForecastAuditRecord Audit,
    ForecastHistory History,
    DateTimeOffset FittedAt)
{
    public byte[] GeoJson { get; init; } = [];
}
