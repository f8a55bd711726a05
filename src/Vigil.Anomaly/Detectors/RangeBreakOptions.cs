namespace Vigil.Anomaly.Detectors;

/// <summary>Settings of <see cref="RangeBreakDetector"/>.</summary>
public sealed record RangeBreakOptions
{
    /// <summary>Observations used only to learn the range before the detector scores anything.</summary>
    public int LearningPoints { get; init; } = 300;

    /// <summary>Margin beyond the range seen so far, as a fraction of that range (Numenta's NAB detector uses 5 %).</summary>
    public double Tolerance { get; init; } = 0.05;

    /// <summary>Likelihood given to a break: a tail probability of 1e-6, beyond any alarm level in use.</summary>
    public double BreakLikelihood { get; init; } = 1.0 - 1e-6;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningPoints);
        ArgumentOutOfRangeException.ThrowIfNegative(Tolerance);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BreakLikelihood);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(BreakLikelihood, 1.0);
    }
}
