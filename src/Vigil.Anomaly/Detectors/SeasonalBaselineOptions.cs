namespace Vigil.Anomaly.Detectors;

/// <summary>Settings of <see cref="SeasonalBaselineDetector"/>. Defaults suit series sampled every 1 to 60 minutes.</summary>
public sealed record SeasonalBaselineOptions
{
    /// <summary>Observations used only to learn before the detector scores anything (NAB's probationary period).</summary>
    public int LearningPoints { get; init; } = 300;

    /// <summary>Time-of-day buckets; 48 means half-hour slots, coarse enough to fill a slot within a couple of days.</summary>
    public int SlotsPerDay { get; init; } = 48;

    /// <summary>1 for a daily profile; 7 for a weekly one (hour-of-week), which needs weeks of history to fill.</summary>
    public int SeasonDays { get; init; } = 1;

    /// <summary>Values remembered per slot; the slot's median and MAD are taken over these.</summary>
    public int SlotMemory { get; init; } = 16;

    /// <summary>Recent values forming the non-seasonal baseline, used when it predicts better than the slots.</summary>
    public int RecentWindow { get; init; } = 64;

    /// <summary>Half-width of the expected band in robust standard deviations (1.4826 MAD).</summary>
    public double BandWidth { get; init; } = 3.0;

    /// <summary>Past raw scores against which each new one is ranked to give its likelihood.</summary>
    public int CalibrationMemory { get; init; } = 2048;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(LearningPoints);
        ArgumentOutOfRangeException.ThrowIfLessThan(SlotsPerDay, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SeasonDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(SlotMemory, 3);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecentWindow, 8);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(BandWidth);
        ArgumentOutOfRangeException.ThrowIfLessThan(CalibrationMemory, 8);
    }
}
