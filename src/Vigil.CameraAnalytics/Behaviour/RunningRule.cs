namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// An object moving faster than <see cref="MinSpeed"/> m/s on the ground for <see cref="SustainFor"/>. Speed is the
/// displacement of the bottom centre over about <see cref="SpeedWindow"/>, which averages out box jitter. One event per
/// episode; the rule re-arms when the speed drops below 70 % of the threshold.
/// </summary>
public sealed record RunningRule(string Id, string? ZoneId, double MinSpeed) : BehaviourRule(Id, ZoneId)
{
    public TimeSpan SustainFor { get; init; } = TimeSpan.FromSeconds(0.5);

    public TimeSpan SpeedWindow { get; init; } = TimeSpan.FromSeconds(0.5);

    public override bool NeedsGround => true;
}
