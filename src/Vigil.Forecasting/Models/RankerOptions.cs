namespace Vigil.Forecasting.Models;

/// <summary>
/// How <see cref="RankerModel"/> learns. Every length of time is in days, and every choice is made on inner windows
/// that end by the origin being forecast, so nothing after an origin informs its forecast.
/// </summary>
public sealed record RankerOptions
{
    /// <summary>Length of the inner backtest before each learning origin (the blend's: one year covers every season once).</summary>
    public double InnerDays { get; init; } = 365;

    /// <summary>Distance between inner origins (the blend's weekly windows).</summary>
    public double InnerStepDays { get; init; } = 7;

    /// <summary>
    /// The last part of the inner year that chooses the objective and the ridge: every pair is fitted on the windows
    /// that end before it and scored on the windows inside it; the winner is then refitted on the whole inner year.
    /// Half a year keeps at least 17 windows on either side for horizons up to 60 days.
    /// </summary>
    public double ChoiceDays { get; init; } = 182;

    /// <summary>Coefficients are re-learned once the origin has moved this far (a quarter, as the blend).</summary>
    public double RefitEveryDays { get; init; } = 91;

    /// <summary>
    /// L2 penalties on the standardised coefficients, as fractions of the training positives (the scale of the
    /// likelihood's curvature), tried by the inner choice: from a light shrinkage that only keeps the correlated count
    /// features from cancelling each other, to one that pulls every slope well towards zero.
    /// </summary>
    public IReadOnlyList<double> Ridges { get; init; } = [0.01, 0.1, 1];

    /// <summary>The objectives the inner choice tries (with every ridge); one entry fixes the objective.</summary>
    public IReadOnlyList<RankerObjective> Objectives { get; init; } = [RankerObjective.Poisson, RankerObjective.Logistic];

    /// <summary>Flagged areas in square miles that the inner choice averages PAI over (NIJ's three sizes).</summary>
    public IReadOnlyList<double> TargetSquareMiles { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>Metres per grid unit, to turn feet and square miles into grid units.</summary>
    public double MetresPerUnit { get; init; } = 1;
}
