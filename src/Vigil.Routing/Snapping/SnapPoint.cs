using Vigil.Routing.Geo;

namespace Vigil.Routing.Snapping;

/// <summary>
/// A coordinate placed on the road network: on <paramref name="Edge"/>, within segment <paramref name="Segment"/>
/// (between shape points Segment and Segment+1), at <paramref name="Fraction"/> of the edge's length from its first
/// shape point. <paramref name="DistanceMeters"/> is how far the original coordinate lay from the road.
/// </summary>
public readonly record struct SnapPoint(int Edge, int Segment, double Fraction, GeoPoint Point, double DistanceMeters);
