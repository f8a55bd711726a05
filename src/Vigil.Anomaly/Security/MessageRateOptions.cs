namespace Vigil.Anomaly.Security;

/// <summary>Settings of <see cref="MessageRateJumpDetector"/>.</summary>
public sealed record MessageRateOptions
{
    /// <summary>Length of the buckets messages are counted in.</summary>
    public TimeSpan Bucket { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>A bucket this many times the usual count is a jump; 5x is beyond bursty but honest reporting.</summary>
    public double Factor { get; init; } = 5.0;

    /// <summary>Counts at or below this are never a jump, so a device sending 1 message a minute may send 10.</summary>
    public int MinCount { get; init; } = 20;

    /// <summary>Buckets learned before any verdict.</summary>
    public int LearningBuckets { get; init; } = 10;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Bucket, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(Factor, 1.0);
        ArgumentOutOfRangeException.ThrowIfNegative(MinCount);
        ArgumentOutOfRangeException.ThrowIfNegative(LearningBuckets);
    }
}
