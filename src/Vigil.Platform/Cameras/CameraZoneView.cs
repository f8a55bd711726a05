using Vigil.CameraAnalytics.Behaviour;

namespace Vigil.Platform.Cameras;

/// <summary>A zone of a camera's view: a polygon of [x, y] vertices in pixels or, for <see cref="CoordinateSpace.Ground"/>, metres.</summary>
public sealed record CameraZoneView(string Id, IReadOnlyList<double[]> Polygon, CoordinateSpace Space = CoordinateSpace.Image);
