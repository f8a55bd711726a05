namespace Vigil.Anomaly.Health;

/// <summary>Settings of <see cref="FlatlineDetector"/>.</summary>
public sealed record FlatlineOptions
{
    /// <summary>How long a value must stay put before the sensor counts as stuck.</summary>
    public TimeSpan MinDuration { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Readings that must repeat as well; a sensor that reports once an hour is not judged stuck on two readings.
    /// </summary>
    public int MinReadings { get; init; } = 10;

    /// <summary>Largest change still counted as "the same value" (quantisation of the sensor's output).</summary>
    public double Tolerance { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MinDuration, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinReadings, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(Tolerance);
    }
}
