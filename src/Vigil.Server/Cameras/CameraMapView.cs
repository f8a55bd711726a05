using Vigil.Platform.Contracts;

namespace Vigil.Server.Cameras;

/// <summary>A camera as the console draws it: where it stands and its zones on the map as [lat, lon] rings.</summary>
/// <param name="Configured">False for a camera device with no configuration yet (its detections are refused).</param>
/// <param name="Calibrated">True when the camera has an image-to-ground homography, so zones and tracks have map positions.</param>
public sealed record CameraMapView(
    string Id,
    string Name,
    GeoView Location,
    bool Configured,
    bool Calibrated,
    int? ImageWidth,
    int? ImageHeight,
    double? FrameRate,
    IReadOnlyList<CameraZoneMapView> Zones,
    int RuleCount,
    DateTimeOffset? UpdatedAt);

/// <summary>A zone projected on the map; <see cref="Ring"/> is empty when fewer than three vertices lie below the horizon.</summary>
public sealed record CameraZoneMapView(string Id, IReadOnlyList<double[]> Ring);
