namespace Vigil.Alerting.Delivery;

/// <summary>
/// Exponential backoff with "equal jitter" (Brooker, "Exponential Backoff And Jitter", AWS Architecture Blog, 2015):
/// attempt n (1-based) waits d/2 + U·d/2 with d = min(Max, Base·Factor^(n-1)), so retries from many deliveries spread out
/// while each still waits at least half the nominal delay. The defaults reach the final attempt about 2 hours after the
/// first failure, long enough to ride out a receiver's restart or short outage, short enough to matter for a warning.
/// </summary>
public sealed record RetryPolicy
{
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(10);

    public double Factor { get; init; } = 2.0;

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Attempts in all, the first included; after the last failure the delivery is dead-lettered.</summary>
    public int MaxAttempts { get; init; } = 10;

    /// <summary>The wait after failed attempt <paramref name="attempt"/> (1-based); <paramref name="uniform"/> is in [0, 1).</summary>
    public TimeSpan DelayAfter(int attempt, double uniform)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);
        var nominal = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(Factor, attempt - 1));
        return TimeSpan.FromMilliseconds((nominal / 2) + (Math.Clamp(uniform, 0, 1) * nominal / 2));
    }
}
