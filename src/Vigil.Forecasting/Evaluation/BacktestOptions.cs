namespace Vigil.Forecasting.Evaluation;

/// <summary>
/// A rolling-origin backtest (Tashman 2000): origins from <see cref="FirstOriginDay"/> every <see cref="StepDays"/>,
/// each window [origin, origin + horizon) ending no later than <see cref="EndDay"/>. Every forecast is fitted on
/// incidents before its origin only.
/// </summary>
public sealed record BacktestOptions
{
    public required double FirstOriginDay { get; init; }

    /// <summary>Exclusive end of the scored period (the day after the last incident day).</summary>
    public required double EndDay { get; init; }

    public required double HorizonDays { get; init; }

    /// <summary>Distance between origins; the horizon by default, so windows do not overlap.</summary>
    public double? StepDays { get; init; }

    public IReadOnlyList<AreaTarget> Areas { get; init; } = AreaTarget.Standard;

    /// <summary>Flagged shares of the city at which the PAI-vs-area curve is sampled.</summary>
    public IReadOnlyList<double> CurveFractions { get; init; } = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2];

    /// <summary>Metres per grid unit, to turn square-mile targets into grid areas (0.3048 for feet).</summary>
    public double MetresPerUnit { get; init; } = 1;

    public double Step => StepDays ?? HorizonDays;
}
