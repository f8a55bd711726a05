using Vigil.Domain.Geo;

namespace Vigil.Simulation;

/// <summary>Positions along a route's line, by distance travelled from its start.</summary>
public static class Polyline
{
    public static double Length(IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var total = 0.0;
        for (var i = 1; i < points.Count; i++)
        {
            total += points[i - 1].DistanceTo(points[i]);
        }

        return total;
    }

    /// <summary>The point <paramref name="metres"/> along the line; its ends before the start and past the finish.</summary>
    public static GeoPoint PointAt(IReadOnlyList<GeoPoint> points, double metres)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            throw new ArgumentException("A line needs at least one point.", nameof(points));
        }

        if (metres <= 0)
        {
            return points[0];
        }

        for (var i = 1; i < points.Count; i++)
        {
            var leg = points[i - 1].DistanceTo(points[i]);
            if (metres <= leg && leg > 0)
            {
                var k = metres / leg;
                return new GeoPoint(points[i - 1].Lat + ((points[i].Lat - points[i - 1].Lat) * k), points[i - 1].Lon + ((points[i].Lon - points[i - 1].Lon) * k));
            }

            metres -= leg;
        }

        return points[^1];
    }
}
