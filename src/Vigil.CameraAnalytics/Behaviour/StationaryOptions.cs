namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// Hysteresis of the stationary state, which keeps a parked car whose box jitters from flapping between
/// "stationary" and "moving" and re-alerting (the most reported complaint about Frigate, issues #9001 and #17392).
/// Radii are fractions of the box height, so they scale with the object's apparent size and need no calibration.
/// </summary>
public sealed record StationaryOptions
{
    /// <summary>An object becomes stationary after its bottom centre stays within this radius for <see cref="SettleTime"/>.</summary>
    public double EnterRadius { get; init; } = 0.1;

    /// <summary>A stationary object becomes moving only after leaving this larger radius for <see cref="ExitTime"/>.</summary>
    public double ExitRadius { get; init; } = 0.35;

    public TimeSpan SettleTime { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan ExitTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// After an alert, a new stationary episode of the same class within <see cref="ExitRadius"/> of the alerted spot is
    /// the same object (perhaps under a new track id after an occlusion) and does not alert again, until nothing of that
    /// class has been stationary there for this long.
    /// </summary>
    public TimeSpan SpotMemory { get; init; } = TimeSpan.FromMinutes(10);
}
