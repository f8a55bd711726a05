using Vigil.Alerting.Geo;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>Checks the area of a subscription as it arrives, and adds a checked area to the spatial index.</summary>
internal static class SubscriptionAreas
{
    // A subscription is for a home, a neighbourhood or a district: 50 km covers any city and keeps the index's
    // latitude bands narrow.
    private const double MaxRadiusKm = 50;
    private const int MaxCorners = 500;

    /// <summary>The area with a polygon's ring closed; null, with the fields named in <paramref name="errors"/>, when it is wrong.</summary>
    public static SubscriptionArea? Check(SubscriptionArea? area, string field, List<KeyValuePair<string, string>> errors)
    {
        if (area is null || (area.Point is null) == (area.Polygon is null))
        {
            errors.Add(new(field, "is required: a point (optionally with radiusKm) or a polygon, not both."));
            return null;
        }

        var before = errors.Count;
        if (area.Point is { } p && !Valid(p))
        {
            errors.Add(new(field + ".point", "lat must be in [-90, 90] and lon in [-180, 180]."));
        }

        if (area.RadiusKm is { } r && (area.Point is null || !(r > 0 && r <= MaxRadiusKm)))
        {
            errors.Add(new(field + ".radiusKm", $"goes with a point, greater than 0 and at most {MaxRadiusKm} km."));
        }

        var ring = new List<GeoView>();
        if (area.Polygon is { } polygon)
        {
            if (polygon.Count is < 3 or > MaxCorners)
            {
                errors.Add(new(field + ".polygon", $"needs 3 to {MaxCorners} corners."));
            }

            foreach (var corner in polygon)
            {
                if (corner is null || !Valid(corner))
                {
                    errors.Add(new(field + ".polygon", "each corner needs lat in [-90, 90] and lon in [-180, 180]."));
                    break;
                }

                ring.Add(corner);
            }

            if (ring.Count > 0 && ring[0] != ring[^1])
            {
                ring.Add(ring[0]);
            }

            if (ring.Count < 4 && errors.Count == before)
            {
                errors.Add(new(field + ".polygon", "needs 3 distinct corners."));
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return area.Polygon is null ? area with { Polygon = null } : new SubscriptionArea(null, null, ring);
    }

    public static void AddTo(SubscriberIndexBuilder builder, int position, SubscriptionArea area)
    {
        if (area.Polygon is { } polygon)
        {
            var ring = new GeoPoint[polygon.Count];
            for (var i = 0; i < ring.Length; i++)
            {
                ring[i] = new GeoPoint(polygon[i].Lat, polygon[i].Lon);
            }

            builder.AddPolygon(position, ring);
        }
        else if (area.Point is { } p)
        {
            if (area.RadiusKm is { } r)
            {
                builder.AddCircle(position, new GeoCircle(new GeoPoint(p.Lat, p.Lon), r));
            }
            else
            {
                builder.AddPoint(position, new GeoPoint(p.Lat, p.Lon));
            }
        }
    }

    private static bool Valid(GeoView p) => p.Lat is >= -90 and <= 90 && p.Lon is >= -180 and <= 180;
}
