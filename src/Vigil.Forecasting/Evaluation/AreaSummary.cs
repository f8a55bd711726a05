namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// One model's scores at one flagged area, averaged over the backtest windows that had at least one incident
/// (NIJ scored each window separately; the mean of per-window PAI is the comparable figure). Pooled figures sum
/// captured and total incidents over all windows first.
/// </summary>
public sealed record AreaSummary(
    AreaTarget Target,
    int Cells,
    double FlaggedArea,
    int Windows,
    double MeanHitRate,
    double MeanPai,
    double MeanPei,
    long Captured,
    long Total)
{
    public double PooledHitRate => Total > 0 ? (double)Captured / Total : 0;
}
