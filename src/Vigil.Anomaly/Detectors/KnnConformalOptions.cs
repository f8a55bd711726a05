namespace Vigil.Anomaly.Detectors;

/// <summary>Settings of <see cref="KnnConformalDetector"/>.</summary>
public sealed record KnnConformalOptions
{
    /// <summary>Observations used only to learn before the detector scores anything.</summary>
    public int LearningPoints { get; init; } = 300;

    /// <summary>Length of the sliding window that forms each pattern vector.</summary>
    public int Dimension { get; init; } = 8;

    /// <summary>Past patterns the current one is compared with; the cost per point is Dimension x History.</summary>
    public int History { get; init; } = 128;

    /// <summary>Neighbours averaged into the non-conformity score.</summary>
    public int Neighbours { get; init; } = 3;

    /// <summary>Half-width of the expected band in robust standard deviations of recent values.</summary>
    public double BandWidth { get; init; } = 3.0;

    /// <summary>Past raw scores against which each new one is ranked.</summary>
    public int CalibrationMemory { get; init; } = 2048;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningPoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(Dimension, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(History, 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(Neighbours, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Neighbours, History);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Neighbours, 64);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BandWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationMemory, 8);
    }
}
