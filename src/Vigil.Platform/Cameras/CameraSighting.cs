using Vigil.CameraAnalytics.Behaviour;
using Vigil.Domain.Geo;

namespace Vigil.Platform.Cameras;

/// <summary>A behaviour event on its way to the operations desk, placed on the map (the camera's own position when uncalibrated).</summary>
public sealed record CameraSighting(BehaviourEvent Event, GeoPoint Location);
