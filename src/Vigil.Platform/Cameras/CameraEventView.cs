using Vigil.CameraAnalytics.Behaviour;
using Vigil.CameraAnalytics.Detections;

namespace Vigil.Platform.Cameras;

/// <summary>A recent behaviour event of one camera, with where it happened on the map when the camera is calibrated.</summary>
/// <param name="Alarmed">True when the event raised an alarm; line crossings are only counted.</param>
public sealed record CameraEventView(
    BehaviourKind Kind,
    string RuleId,
    string? ZoneId,
    DateTimeOffset Time,
    DateTimeOffset Since,
    int? TrackId,
    ObjectClass Class,
    double[] Box,
    double Value,
    int Direction,
    double? Lat,
    double? Lon,
    bool Alarmed);
