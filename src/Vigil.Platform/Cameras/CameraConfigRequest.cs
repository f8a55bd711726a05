using Vigil.CameraAnalytics.Geometry;

namespace Vigil.Platform.Cameras;

/// <summary>
/// How a camera is set up, as an administrator sends it and as storage keeps it. Ground coordinates are metres east (x)
/// and north (y) of the camera device's registered location, so calibration points can be paced out from the mast.
/// </summary>
/// <param name="Calibration">Image-to-ground point pairs; at least 4, not degenerate. Null for an uncalibrated camera (image-space rules only).</param>
public sealed record CameraConfigRequest(
    int ImageWidth,
    int ImageHeight,
    double FrameRate,
    IReadOnlyList<PointPair>? Calibration,
    IReadOnlyList<CameraZoneView>? Zones,
    IReadOnlyList<CameraRuleView>? Rules);
