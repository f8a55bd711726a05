using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// Persons (by default; see <see cref="BehaviourRule.Classes"/>) in a zone at or above <see cref="MaxCount"/>, or at or above <see cref="MaxDensity"/> persons/m² (which
/// needs a calibrated camera), sustained for <see cref="SustainFor"/>. After an event the rule re-arms only when the
/// crowd has stayed below the thresholds for <see cref="ClearAfter"/>, so a count hovering at the limit alerts once.
/// </summary>
public sealed record CrowdRule : BehaviourRule
{
    public CrowdRule(string id, string zoneId)
        : base(id, zoneId)
    {
        Classes = new HashSet<ObjectClass> { ObjectClass.Person };
    }

    public int? MaxCount { get; init; }

    public double? MaxDensity { get; init; }

    public TimeSpan SustainFor { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan ClearAfter { get; init; } = TimeSpan.FromSeconds(10);

    public override bool NeedsGround => MaxDensity is not null;
}
