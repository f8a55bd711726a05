namespace Vigil.Platform.Cameras;

/// <summary>A camera's stored configuration.</summary>
public sealed record CameraConfigView(string CameraId, CameraConfigRequest Config, DateTimeOffset UpdatedAt);
