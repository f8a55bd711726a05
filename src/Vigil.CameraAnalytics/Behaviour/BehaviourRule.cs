using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>A behaviour rule of one camera. <see cref="ZoneId"/> null means the whole view.</summary>
public abstract record BehaviourRule(string Id, string? ZoneId)
{
    /// <summary>Classes the rule looks at; empty means every class.</summary>
    public IReadOnlySet<ObjectClass> Classes { get; init; } = new HashSet<ObjectClass>();

    /// <summary>True when the rule needs a calibrated camera (distances, speeds or areas in metres).</summary>
    public virtual bool NeedsGround => false;

    internal bool Applies(ObjectClass c) => Classes.Count == 0 || Classes.Contains(c);
}
