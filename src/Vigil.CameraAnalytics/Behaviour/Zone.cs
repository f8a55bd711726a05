namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>
/// A named area of a camera's view. An object is in the zone when the bottom centre of its box (where it touches the
/// ground) is inside the polygon, mapped to the ground first when the zone is drawn in metres.
/// </summary>
public sealed record Zone(string Id, Polygon Area, CoordinateSpace Space = CoordinateSpace.Image);
