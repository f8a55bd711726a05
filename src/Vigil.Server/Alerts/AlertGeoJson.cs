using System.Text.Json.Nodes;
using Vigil.Alerting.Geo;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Alerts;

/// <summary>
/// Active alerts as a GeoJSON FeatureCollection (RFC 7946) for maps: one feature per alert area. GeoJSON has no
/// circle, so a CAP circle becomes a 64-sided polygon, and its centre and radius travel in the properties for maps
/// that draw true circles.
/// </summary>
internal static class AlertGeoJson
{
    private const int CircleSides = 64;

    public static JsonObject Build(IReadOnlyList<AlertView> alerts, Func<AlertView, string> capUrl)
    {
        var features = new JsonArray();
        foreach (var alert in alerts)
        {
            var text = alert.Texts.Count > 0 ? alert.Texts[0] : null;
            foreach (var area in alert.Areas)
            {
                var polygons = new JsonArray();
                JsonObject? circle = null;
                var ring = new List<GeoPoint>();
                foreach (var polygon in area.Polygons)
                {
                    ring.Clear();
                    if (CapGeometry.TryParsePolygon(polygon, ring, out _))
                    {
                        polygons.Add(new JsonArray(Ring(ring)));
                    }
                }

                foreach (var c in area.Circles)
                {
                    if (CapGeometry.TryParseCircle(c, out var parsed, out _))
                    {
                        polygons.Add(new JsonArray(Ring(CircleRing(parsed))));
                        circle ??= new JsonObject { ["lat"] = parsed.Center.Lat, ["lon"] = parsed.Center.Lon, ["radiusKm"] = parsed.RadiusKm };
                    }
                }

                if (polygons.Count == 0)
                {
                    continue;
                }

                var translations = new JsonArray();
                foreach (var t in alert.Texts)
                {
                    translations.Add(new JsonObject
                    {
                        ["language"] = t.Language,
                        ["event"] = t.Event,
                        ["headline"] = t.Headline,
                        ["description"] = t.Description,
                        ["instruction"] = t.Instruction,
                    });
                }

                features.Add(new JsonObject
                {
                    ["type"] = "Feature",
                    ["id"] = alert.Id,
                    ["geometry"] = new JsonObject { ["type"] = "MultiPolygon", ["coordinates"] = polygons },
                    ["properties"] = new JsonObject
                    {
                        ["id"] = alert.Id,
                        ["event"] = text?.Event,
                        ["headline"] = text?.Headline,
                        ["description"] = text?.Description,
                        ["instruction"] = text?.Instruction,
                        ["language"] = text?.Language,
                        ["severity"] = alert.Severity,
                        ["urgency"] = alert.Urgency,
                        ["certainty"] = alert.Certainty,
                        ["category"] = alert.Category,
                        ["areaDesc"] = area.Description,
                        ["sent"] = alert.Sent?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        ["expires"] = alert.Expires?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                        ["circle"] = circle,
                        ["texts"] = translations,
                        ["cap"] = capUrl(alert),
                    },
                });
            }
        }

        return new JsonObject { ["type"] = "FeatureCollection", ["features"] = features };
    }

    /// <summary>GeoJSON positions are [lon, lat]; CAP pairs are "lat,lon".</summary>
    private static JsonArray Ring(List<GeoPoint> points)
    {
        var ring = new JsonArray();
        foreach (var p in points)
        {
            ring.Add(new JsonArray(p.Lon, p.Lat));
        }

        return ring;
    }

    private static List<GeoPoint> CircleRing(GeoCircle circle)
    {
        // Small-area approximation: the radius converted to degrees at the centre's latitude, which is what a
        // city-scale warning needs; the ring is closed by repeating the first corner.
        var points = new List<GeoPoint>(CircleSides + 1);
        var dLat = circle.RadiusKm / GeoMath.KmPerDegreeLat;
        var kmPerLon = GeoMath.KmPerDegreeLon(circle.Center.Lat);
        var dLon = kmPerLon > 1e-9 ? circle.RadiusKm / kmPerLon : 180;
        for (var i = 0; i < CircleSides; i++)
        {
            var angle = 2 * Math.PI * i / CircleSides;
            points.Add(new GeoPoint(
                Math.Clamp(circle.Center.Lat + (dLat * Math.Sin(angle)), -90, 90),
                Math.Clamp(circle.Center.Lon + (dLon * Math.Cos(angle)), -180, 180)));
        }

        points.Add(points[0]);
        return points;
    }
}
