using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly;

/// <summary>
/// The detectors a deployment can name in configuration (per device kind) or on the command line.
/// </summary>
public static class DetectorCatalog
{
    /// <summary>The name of the detector used when none is configured.</summary>
    public const string DefaultName = "default";

    /// <summary>Every name <see cref="TryCreate"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, "seasonal"];

    /// <summary>Creates a fresh detector by name; false for an unknown name.</summary>
    /// <param name="name">One of <see cref="Names"/>, case-insensitive.</param>
    /// <param name="learningPoints">Observations to learn from before scoring.</param>
    /// <param name="detector">The new detector.</param>
    public static bool TryCreate(string name, int learningPoints, out IStreamingDetector? detector)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(learningPoints);
        detector = name.ToUpperInvariant() switch
        {
            "DEFAULT" or "SEASONAL" => new SeasonalBaselineDetector(new SeasonalBaselineOptions { LearningPoints = learningPoints }),
            _ => null,
        };
        return detector is not null;
    }
}
