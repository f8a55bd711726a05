namespace Vigil.CameraAnalytics.Detections;

/// <summary>
/// All detections a camera reported for one frame. <see cref="FrameIndex"/> orders frames; <see cref="Time"/> is the
/// camera's own capture time, which drives every duration in the behaviour rules (never the wall clock of the server).
/// </summary>
public sealed record DetectionFrame(string CameraId, long FrameIndex, DateTimeOffset Time, IReadOnlyList<Detection> Detections);
