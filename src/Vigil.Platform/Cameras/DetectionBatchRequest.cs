using Vigil.CameraAnalytics.Detections;

namespace Vigil.Platform.Cameras;

/// <summary>What a camera posts: a batch id (for idempotent retries) and frames in capture order.</summary>
public sealed record DetectionBatchRequest(string? BatchId, IReadOnlyList<DetectionFrameRequest?>? Frames);

/// <summary>One frame: its index in the camera's stream, its capture time, and what the edge detector found.</summary>
public sealed record DetectionFrameRequest(long? Frame, DateTimeOffset? Time, IReadOnlyList<DetectedObjectRequest?>? Objects);

/// <summary>One box in pixels, top-left origin: x, y is the top-left corner, w, h the size.</summary>
public sealed record DetectedObjectRequest(ObjectClass? Class, float? Confidence, double? X, double? Y, double? W, double? H);
