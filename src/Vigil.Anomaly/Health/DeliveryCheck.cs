namespace Vigil.Anomaly.Health;

/// <summary>What <see cref="DeliveryMonitor"/> found about one reading's delivery.</summary>
/// <param name="GapTicks">Time since the previous reading when that was a dropout; 0 otherwise.</param>
/// <param name="LatenessTicks">How long after it was taken the reading arrived when that is too late; 0 otherwise.</param>
public readonly record struct DeliveryCheck(long GapTicks, long LatenessTicks)
{
    public bool IsDropout => GapTicks > 0;

    public bool IsLate => LatenessTicks > 0;
}
