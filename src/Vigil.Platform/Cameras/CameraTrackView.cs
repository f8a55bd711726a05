using Vigil.CameraAnalytics.Detections;

namespace Vigil.Platform.Cameras;

/// <summary>
/// A recent track of one camera, for the map: the object's class and its recent ground positions as [lat, lon]
/// (only for calibrated cameras), oldest first. No appearance, no image: a class and a path.
/// </summary>
public sealed record CameraTrackView(int TrackId, ObjectClass Class, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, IReadOnlyList<double[]> Path);
