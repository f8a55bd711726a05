namespace Vigil.Detection.Rules;

/// <summary>The band an anomaly rule's detector expected at its latest observation of a device's quantity.</summary>
/// <param name="RuleIndex">The anomaly rule whose detector learned the band.</param>
/// <param name="TimestampMs">Time of the observation the band was computed for (unix ms).</param>
/// <param name="Low">Lower edge of the expected band.</param>
/// <param name="High">Upper edge of the expected band.</param>
/// <param name="Observed">The value observed then.</param>
/// <param name="Likelihood">Its anomaly likelihood in 0..1.</param>
public readonly record struct ExpectedBand(int RuleIndex, long TimestampMs, double Low, double High, double Observed, double Likelihood);
