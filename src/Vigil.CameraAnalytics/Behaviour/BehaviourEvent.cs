using Vigil.CameraAnalytics.Detections;

namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// One behaviour event. By design it carries only the box, class, zone, rule, times and a measured value: nothing
/// that identifies a person (no face, no appearance feature, no biometric template). See docs/privacy.md.
/// </summary>
/// <param name="TrackId">The tracker's id of the object, meaningful only within this camera's stream; null for crowd events.</param>
/// <param name="Since">When the condition began (entry, start of dwell, start of stationarity).</param>
/// <param name="Value">Dwell or stationary seconds, speed in m/s, person count, or density in persons/m², depending on <see cref="Kind"/>.</param>
/// <param name="Direction">For line crossings: +1 when crossing from the left of the line's A→B direction to its right, -1 otherwise.</param>
public sealed record BehaviourEvent(
    BehaviourKind Kind,
    string CameraId,
    string RuleId,
    string? ZoneId,
    DateTimeOffset Time,
    DateTimeOffset Since,
    int? TrackId,
    ObjectClass Class,
    BoundingBox Box,
    double Value,
    int Direction = 0);
