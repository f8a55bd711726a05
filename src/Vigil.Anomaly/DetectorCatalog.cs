using System.Diagnostics.CodeAnalysis;
using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly;

/// <summary>
/// The detectors a deployment can name in configuration (per device kind) or on the command line.
/// Each name gives the detector alone behind an <see cref="AnomalyCombiner"/>, so every choice gets the same
/// likelihood scale and alarm masking.
/// </summary>
public static class DetectorCatalog
{
    /// <summary>The name of the detector used when none is configured: seasonal + level shift + k-NN + range break.</summary>
    public const string DefaultName = "default";

    /// <summary>Every name <see cref="TryCreate"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = [DefaultName, "fast", "seasonal", "levelshift", "knn", "rangebreak"];

    /// <summary>Creates a fresh detector by name; false for an unknown name.</summary>
    /// <param name="name">One of <see cref="Names"/>, case-insensitive: "fast" is seasonal + level shift + range break, without the k-NN cost.</param>
    /// <param name="learningPoints">Observations to learn from before scoring.</param>
    /// <param name="detector">The new detector.</param>
    public static bool TryCreate(string name, int learningPoints, [NotNullWhen(true)] out IStreamingDetector? detector) =>
        TryCreate(name, learningPoints, null, out detector);

    /// <summary>Creates a fresh detector by name with the given combiner settings (alarm level, mask); false for an unknown name.</summary>
    public static bool TryCreate(string name, int learningPoints, AnomalyCombinerOptions? combiner, [NotNullWhen(true)] out IStreamingDetector? detector)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfNegative(learningPoints);
        detector = name.ToUpperInvariant() switch
        {
            "DEFAULT" => new AnomalyCombiner([Seasonal(learningPoints), LevelShift(learningPoints), Knn(learningPoints), RangeBreak(learningPoints)], combiner),
            "FAST" => new AnomalyCombiner([Seasonal(learningPoints), LevelShift(learningPoints), RangeBreak(learningPoints)], combiner),
            "SEASONAL" => new AnomalyCombiner([Seasonal(learningPoints)], combiner),
            "LEVELSHIFT" => new AnomalyCombiner([LevelShift(learningPoints)], combiner),
            "KNN" => new AnomalyCombiner([Knn(learningPoints)], combiner),
            "RANGEBREAK" => new AnomalyCombiner([RangeBreak(learningPoints)], combiner),
            _ => null,
        };
        return detector is not null;
    }

    private static SeasonalBaselineDetector Seasonal(int learningPoints) =>
        new(new SeasonalBaselineOptions { LearningPoints = learningPoints });

    private static LevelShiftDetector LevelShift(int learningPoints) =>
        new(new LevelShiftOptions { LearningPoints = learningPoints });

    private static KnnConformalDetector Knn(int learningPoints) =>
        new(new KnnConformalOptions { LearningPoints = learningPoints });

    private static RangeBreakDetector RangeBreak(int learningPoints) =>
        new(new RangeBreakOptions { LearningPoints = learningPoints });
}
