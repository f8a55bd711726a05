using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;

namespace Vigil.Platform.Cameras;

/// <summary>
/// One behaviour rule of a camera, in the persisted form. Which optional fields matter depends on <see cref="Kind"/>:
/// <list type="bullet">
/// <item>Intrusion: Zone, Schedule and TimeZone (an IANA or Windows id; UTC when absent).</item>
/// <item>Loitering: Zone, Seconds (minimum dwell).</item>
/// <item>AbandonedObject: Seconds (minimum stationary time), OwnerRadius in metres (null switches the owner check off).</item>
/// <item>LineCrossing: Line [ax, ay, bx, by] in LineSpace.</item>
/// <item>Crowd: Zone, MaxCount and/or MaxDensity (persons/m²).</item>
/// <item>Running: Speed in m/s, optional Zone.</item>
/// <item>WrongWay: Zone, Direction [dx, dy] on the ground, optional Speed.</item>
/// </list>
/// </summary>
public sealed record CameraRuleView(
    string Id,
    BehaviourKind Kind,
    string? Zone = null,
    double? Seconds = null,
    double? Speed = null,
    int? MaxCount = null,
    double? MaxDensity = null,
    double? OwnerRadius = null,
    double[]? Line = null,
    CoordinateSpace LineSpace = CoordinateSpace.Image,
    double[]? Direction = null,
    IReadOnlyList<ObjectClass>? Classes = null,
    IReadOnlyList<ScheduleWindowView>? Schedule = null,
    string? TimeZone = null);
