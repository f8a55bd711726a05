using Vigil.CameraAnalytics.Detections;
using Vigil.Platform.Ingest;

namespace Vigil.Platform.Cameras;

/// <summary>A validated batch of one camera's frames, in capture order.</summary>
public sealed record CameraBatch(string BatchId, DeviceEntry Camera, IReadOnlyList<DetectionFrame> Frames, int DetectionCount, long ReceivedTimestamp);
