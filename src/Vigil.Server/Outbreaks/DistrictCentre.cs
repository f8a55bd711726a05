using Vigil.Domain.Geo;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Outbreaks;

/// <summary>Where to put a district's outbreak alarm on the map: the centroid of the district's ring on the base map.</summary>
public static class DistrictCentre
{
    /// <summary>
    /// The area centroid of the named district (names compared without regard to case); the map's centre when the map
    /// has no such district; null when no base map is loaded.
    /// </summary>
    public static GeoPoint? Find(CityLayers? layers, string district)
    {
        if (layers is null)
        {
            return null;
        }

        foreach (var d in layers.Districts)
        {
            if (string.Equals(d.Name, district, StringComparison.OrdinalIgnoreCase) && d.Ring.Count > 0)
            {
                return Centroid(d.Ring);
            }
        }

        return layers.Centre.ToPoint();
    }

    /// <summary>
    /// The shoelace centroid in degrees, which is exact enough at district scale; a degenerate ring (no area) falls back
    /// to the mean of its vertices.
    /// </summary>
    public static GeoPoint Centroid(IReadOnlyList<GeoView> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);

        // Relative to the first vertex, so that the products do not lose precision to large coordinates.
        double lat0 = ring[0].Lat, lon0 = ring[0].Lon;
        double area2 = 0, cx = 0, cy = 0, sumLat = 0, sumLon = 0;
        for (var i = 0; i < ring.Count; i++)
        {
            var a = ring[i];
            var b = ring[(i + 1) % ring.Count];
            double x1 = a.Lon - lon0, y1 = a.Lat - lat0, x2 = b.Lon - lon0, y2 = b.Lat - lat0;
            var cross = (x1 * y2) - (x2 * y1);
            area2 += cross;
            cx += (x1 + x2) * cross;
            cy += (y1 + y2) * cross;
            sumLat += a.Lat;
            sumLon += a.Lon;
        }

        if (Math.Abs(area2) < 1e-15)
        {
            return new GeoPoint(sumLat / ring.Count, sumLon / ring.Count);
        }

        return new GeoPoint(lat0 + (cy / (3 * area2)), lon0 + (cx / (3 * area2)));
    }
}
