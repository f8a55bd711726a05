using Vigil.Routing.Geo;

namespace Vigil.Routing.Search;

/// <summary>A route between two snapped points: its length, travel time, the road arcs it drives and its line.</summary>
public sealed class Route
{
    public Route(int durationMs, double distanceMeters, IReadOnlyList<int> arcs, IReadOnlyList<GeoPoint> geometry)
    {
        DurationMs = durationMs;
        DistanceMeters = distanceMeters;
        Arcs = arcs;
        Geometry = geometry;
    }

    /// <summary>Travel time in milliseconds under the metric the route was computed with.</summary>
    public int DurationMs { get; }

    public double DurationSeconds => DurationMs / 1000.0;

    public double DistanceMeters { get; }

    /// <summary>Road-graph arcs in driving order; the first and last are driven only in part.</summary>
    public IReadOnlyList<int> Arcs { get; }

    /// <summary>The line from the snapped start to the snapped end.</summary>
    public IReadOnlyList<GeoPoint> Geometry { get; }
}
