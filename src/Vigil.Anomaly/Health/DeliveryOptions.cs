namespace Vigil.Anomaly.Health;

/// <summary>Settings of <see cref="DeliveryMonitor"/>.</summary>
public sealed record DeliveryOptions
{
    /// <summary>A gap this many typical intervals long is a dropout; 3 tolerates one or two lost packets' jitter.</summary>
    public double GapFactor { get; init; } = 3.0;

    /// <summary>Gaps shorter than this are never dropouts, whatever the typical interval (sub-second jitter).</summary>
    public TimeSpan MinGap { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A reading that arrives this long after it was taken is late data.</summary>
    public TimeSpan MaxLateness { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Recent intervals whose median is the typical interval.</summary>
    public int IntervalMemory { get; init; } = 16;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(GapFactor, 1.0);
        ArgumentOutOfRangeException.ThrowIfLessThan(MinGap, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxLateness, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(IntervalMemory, 3);
    }
}
