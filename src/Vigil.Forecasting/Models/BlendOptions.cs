namespace Vigil.Forecasting.Models;

/// <summary>
/// How <see cref="BlendModel"/> learns its weights. Every length of time is in days and every choice is made on an
/// inner backtest that ends at the origin being forecast, so nothing after an origin informs its forecast.
/// </summary>
public sealed record BlendOptions
{
    /// <summary>Length of the inner backtest before each learning origin: one year covers every season once.</summary>
    public double InnerDays { get; init; } = 365;

    /// <summary>
    /// Distance between inner origins. Weekly origins give 52 inner windows a year for every horizon; for horizons
    /// longer than a week the windows overlap, which smooths the score without adding information.
    /// </summary>
    public double InnerStepDays { get; init; } = 7;

    /// <summary>Weights are re-learned once the origin has moved this far (a quarter: seasons shift the mix).</summary>
    public double RefitEveryDays { get; init; } = 91;

    /// <summary>What the inner backtest maximises.</summary>
    public BlendObjective Objective { get; init; } = BlendObjective.Pai;

    /// <summary>Greedy selection steps (weights in multiples of 1/steps at the finest).</summary>
    public int Steps { get; init; } = 20;

    /// <summary>Flagged areas in square miles that the inner score averages PAI over (NIJ's three sizes).</summary>
    public IReadOnlyList<double> TargetSquareMiles { get; init; } = [0.25, 0.5, 0.75];

    /// <summary>Metres per grid unit, to turn the square-mile targets into cell counts.</summary>
    public double MetresPerUnit { get; init; } = 1;
}
