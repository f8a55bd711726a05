namespace Vigil.Anomaly.Detectors;

/// <summary>Settings of <see cref="LevelShiftDetector"/>.</summary>
public sealed record LevelShiftOptions
{
    /// <summary>Observations used only to learn before the detector scores anything.</summary>
    public int LearningPoints { get; init; } = 300;

    /// <summary>Most recent values whose median is tested against the reference; short enough to react within minutes.</summary>
    public int ShortWindow { get; init; } = 8;

    /// <summary>Values before the short window that define the current level.</summary>
    public int ReferenceWindow { get; init; } = 96;

    /// <summary>Half-width of the expected band in robust standard deviations.</summary>
    public double BandWidth { get; init; } = 3.0;

    /// <summary>Past raw scores against which each new one is ranked.</summary>
    public int CalibrationMemory { get; init; } = 2048;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningPoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(ShortWindow, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReferenceWindow, 8);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BandWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationMemory, 8);
    }
}
