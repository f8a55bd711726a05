namespace Vigil.Anomaly;

/// <summary>
/// The verdict on one observation: how anomalous it is and what the detector expected instead,
/// so an alarm can say "expected 12-18, saw 43".
/// </summary>
/// <param name="Likelihood">Anomaly likelihood in [0, 1]; 0 while the detector is still learning.</param>
/// <param name="ExpectedLow">Lower edge of the expected band (NaN while learning).</param>
/// <param name="ExpectedHigh">Upper edge of the expected band (NaN while learning).</param>
/// <param name="Observed">The value that was scored.</param>
public readonly record struct AnomalyResult(double Likelihood, double ExpectedLow, double ExpectedHigh, double Observed)
{
    /// <summary>True once the detector has learned enough to give a band.</summary>
    public bool HasBand => !double.IsNaN(ExpectedLow) && !double.IsNaN(ExpectedHigh);

    /// <summary>True when the observed value lies outside the expected band.</summary>
    public bool IsOutsideBand => HasBand && (Observed < ExpectedLow || Observed > ExpectedHigh);

    /// <summary>The result for an observation scored while the detector is still learning.</summary>
    public static AnomalyResult Learning(double observed) => new(0, double.NaN, double.NaN, observed);
}
