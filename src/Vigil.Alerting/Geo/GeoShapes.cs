namespace Vigil.Alerting.Geo;

/// <summary>
/// Containment and intersection tests for alert areas and subscriptions. Polygons are rings in latitude/longitude
/// (as CAP draws them); distances to edges are measured in a local equirectangular projection in kilometres.
/// </summary>
public static class GeoShapes
{
    /// <summary>Even-odd (crossing number) test; points on the boundary may fall either side.</summary>
    public static bool Contains(ReadOnlySpan<GeoPoint> ring, double lat, double lon)
    {
        var inside = false;
        var j = ring.Length - 1;
        for (var i = 0; i < ring.Length; i++)
        {
            var a = ring[i];
            var b = ring[j];
            if ((a.Lat > lat) != (b.Lat > lat) && lon < ((b.Lon - a.Lon) * (lat - a.Lat) / (b.Lat - a.Lat)) + a.Lon)
            {
                inside = !inside;
            }

            j = i;
        }

        return inside;
    }

    public static bool Contains(GeoCircle circle, double lat, double lon) =>
        GeoMath.HaversineKm(circle.Center.Lat, circle.Center.Lon, lat, lon) <= circle.RadiusKm;

    public static bool Intersects(GeoCircle a, GeoCircle b) =>
        GeoMath.HaversineKm(a.Center.Lat, a.Center.Lon, b.Center.Lat, b.Center.Lon) <= a.RadiusKm + b.RadiusKm;

    public static bool Intersects(GeoCircle circle, ReadOnlySpan<GeoPoint> ring)
    {
        if (Contains(ring, circle.Center.Lat, circle.Center.Lon))
        {
            return true;
        }

        var kx = GeoMath.KmPerDegreeLon(circle.Center.Lat);
        const double ky = GeoMath.KmPerDegreeLat;
        var r2 = circle.RadiusKm * circle.RadiusKm;
        for (var i = 0; i < ring.Length - 1; i++)
        {
            var ax = (ring[i].Lon - circle.Center.Lon) * kx;
            var ay = (ring[i].Lat - circle.Center.Lat) * ky;
            var bx = (ring[i + 1].Lon - circle.Center.Lon) * kx;
            var by = (ring[i + 1].Lat - circle.Center.Lat) * ky;
            if (SegmentDistanceSquaredToOrigin(ax, ay, bx, by) <= r2)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Intersects(ReadOnlySpan<GeoPoint> a, ReadOnlySpan<GeoPoint> b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if (Contains(b, a[0].Lat, a[0].Lon) || Contains(a, b[0].Lat, b[0].Lon))
        {
            return true;
        }

        for (var i = 0; i < a.Length - 1; i++)
        {
            for (var j = 0; j < b.Length - 1; j++)
            {
                if (SegmentsCross(a[i], a[i + 1], b[j], b[j + 1]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static GeoBox BoxOf(ReadOnlySpan<GeoPoint> ring)
    {
        var box = GeoBox.Empty;
        foreach (var p in ring)
        {
            box = box.Include(p.Lat, p.Lon);
        }

        return box;
    }

    private static double SegmentDistanceSquaredToOrigin(double ax, double ay, double bx, double by)
    {
        var dx = bx - ax;
        var dy = by - ay;
        var length2 = (dx * dx) + (dy * dy);
        var t = length2 > 0 ? Math.Clamp(-((ax * dx) + (ay * dy)) / length2, 0, 1) : 0;
        var x = ax + (t * dx);
        var y = ay + (t * dy);
        return (x * x) + (y * y);
    }

    private static bool SegmentsCross(GeoPoint p1, GeoPoint p2, GeoPoint q1, GeoPoint q2)
    {
        var d1 = Cross(q1, q2, p1);
        var d2 = Cross(q1, q2, p2);
        var d3 = Cross(p1, p2, q1);
        var d4 = Cross(p1, p2, q2);
        if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        {
            return true;
        }

        return (d1 == 0 && OnSegment(q1, q2, p1)) || (d2 == 0 && OnSegment(q1, q2, p2))
            || (d3 == 0 && OnSegment(p1, p2, q1)) || (d4 == 0 && OnSegment(p1, p2, q2));
    }

    private static double Cross(GeoPoint a, GeoPoint b, GeoPoint c) =>
        ((b.Lon - a.Lon) * (c.Lat - a.Lat)) - ((b.Lat - a.Lat) * (c.Lon - a.Lon));

    private static bool OnSegment(GeoPoint a, GeoPoint b, GeoPoint c) =>
        Math.Min(a.Lon, b.Lon) <= c.Lon && c.Lon <= Math.Max(a.Lon, b.Lon)
        && Math.Min(a.Lat, b.Lat) <= c.Lat && c.Lat <= Math.Max(a.Lat, b.Lat);
}
