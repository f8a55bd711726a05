namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// An object in the zone moving against the allowed direction (<see cref="AllowedX"/>, <see cref="AllowedY"/> on the
/// ground): its heading differs from the allowed one by more than <see cref="MinAngleDegrees"/> while it moves faster
/// than <see cref="MinSpeed"/> m/s, for <see cref="SustainFor"/>. One event per track and presence.
/// </summary>
public sealed record WrongWayRule(string Id, string ZoneId, double AllowedX, double AllowedY) : BehaviourRule(Id, ZoneId)
{
    public double MinAngleDegrees { get; init; } = 120;

    public double MinSpeed { get; init; } = 0.5;

    public TimeSpan SustainFor { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan SpeedWindow { get; init; } = TimeSpan.FromSeconds(1);

    public override bool NeedsGround => true;
}
