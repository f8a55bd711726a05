namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>An object entering a restricted zone while <see cref="Schedule"/> is armed. One event per presence.</summary>
public sealed record IntrusionRule(string Id, string ZoneId) : BehaviourRule(Id, ZoneId)
{
    public WeeklySchedule Schedule { get; init; } = WeeklySchedule.Always;
}
