namespace Vigil.Domain.Alarms;

/// <summary>
/// What a camera saw when a behaviour rule fired: the zone, the object's class and box, and when the condition began
/// and was confirmed. Deliberately nothing that identifies a person (no image, face or appearance feature): see
/// docs/privacy.md. <see cref="TrackId"/> is the tracker's number for the object within this camera's stream only.
/// </summary>
/// <param name="Behaviour">The behaviour rule's kind ("Running", "Loitering", ...).</param>
/// <param name="Value">Dwell or stationary seconds, speed in m/s, person count or persons/m², depending on the kind.</param>
public sealed record CameraEvidence(
    string CameraRuleId,
    string? ZoneId,
    string Behaviour,
    string ObjectClass,
    int? TrackId,
    double BoxLeft,
    double BoxTop,
    double BoxWidth,
    double BoxHeight,
    DateTimeOffset Since,
    DateTimeOffset SeenAt,
    double Value);
