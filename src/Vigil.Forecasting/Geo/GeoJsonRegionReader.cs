using System.Globalization;
using System.Text.Json;

namespace Vigil.Forecasting.Geo;

/// <summary>
/// Reads Polygon and MultiPolygon features from a GeoJSON FeatureCollection (RFC 7946) with System.Text.Json.
/// A legacy <c>crs</c> member (GeoJSON 2008, as GDAL writes for EPSG:2913 files) marks projected coordinates.
/// </summary>
public static class GeoJsonRegionReader
{
    /// <summary>Property names tried, in order, for a region's name when none is given.</summary>
    private static readonly string[] NameProperties = ["DISTRICT", "district", "name", "NAME", "id"];

    public static bool TryRead(Stream stream, string? nameProperty, out RegionCollection? regions, out string? error)
    {
        ArgumentNullException.ThrowIfNull(stream);
        regions = null;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(stream);
        }
        catch (JsonException ex)
        {
            error = $"Not valid JSON: {ex.Message}";
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "GeoJSON root is not an object.";
                return false;
            }

            string? crsName = null;
            if (root.TryGetProperty("crs", out var crs) && crs.ValueKind == JsonValueKind.Object
                && crs.TryGetProperty("properties", out var crsProps) && crsProps.TryGetProperty("name", out var crsNameElement))
            {
                crsName = crsNameElement.GetString();
            }

            var geographic = crsName is null || crsName.Contains("CRS84", StringComparison.OrdinalIgnoreCase) || crsName.EndsWith("4326", StringComparison.Ordinal);
            var list = new List<Region>();
            if (root.TryGetProperty("features", out var features) && features.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var feature in features.EnumerateArray())
                {
                    index++;
                    if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var name = NameOf(feature, nameProperty) ?? index.ToString(CultureInfo.InvariantCulture);
                    if (!TryGeometry(geometry, name, list, out error))
                    {
                        return false;
                    }
                }
            }
            else if (root.TryGetProperty("type", out _) && !TryGeometry(root, "1", list, out error))
            {
                return false;
            }

            if (list.Count == 0)
            {
                error = "The GeoJSON holds no Polygon or MultiPolygon.";
                return false;
            }

            regions = new RegionCollection(list, geographic, crsName ?? "EPSG:4326");
            error = null;
            return true;
        }
    }

    private static string? NameOf(JsonElement feature, string? nameProperty)
    {
        if (!feature.TryGetProperty("properties", out var props) || props.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (nameProperty is not null)
        {
            return props.TryGetProperty(nameProperty, out var v) ? Scalar(v) : null;
        }

        foreach (var candidate in NameProperties)
        {
            if (props.TryGetProperty(candidate, out var v) && Scalar(v) is { } s)
            {
                return s;
            }
        }

        return null;
    }

    private static string? Scalar(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => v.GetString(),
        JsonValueKind.Number => v.GetRawText(),
        _ => null,
    };

    private static bool TryGeometry(JsonElement geometry, string name, List<Region> into, out string? error)
    {
        error = null;
        var type = geometry.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (!geometry.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
        {
            // Points, lines and empty geometries are not areas; they are skipped rather than refused.
            return true;
        }

        var rings = new List<double[]>();
        var holes = new List<bool>();
        if (type == "Polygon")
        {
            if (!TryPolygon(coords, rings, holes, out error))
            {
                return false;
            }
        }
        else if (type == "MultiPolygon")
        {
            foreach (var polygon in coords.EnumerateArray())
            {
                if (!TryPolygon(polygon, rings, holes, out error))
                {
                    return false;
                }
            }
        }
        else
        {
            return true;
        }

        if (rings.Count > 0)
        {
            into.Add(new Region(name, [.. rings], [.. holes]));
        }

        return true;
    }

    private static bool TryPolygon(JsonElement polygon, List<double[]> rings, List<bool> holes, out string? error)
    {
        var first = true;
        foreach (var ring in polygon.EnumerateArray())
        {
            var n = ring.GetArrayLength();
            if (n < 4)
            {
                error = $"A polygon ring has {n} positions; GeoJSON needs at least 4.";
                return false;
            }

            var packed = new double[n * 2];
            var i = 0;
            foreach (var position in ring.EnumerateArray())
            {
                if (position.GetArrayLength() < 2 || !position[0].TryGetDouble(out var x) || !position[1].TryGetDouble(out var y))
                {
                    error = "A polygon position is not a pair of numbers.";
                    return false;
                }

                packed[i++] = x;
                packed[i++] = y;
            }

            rings.Add(packed);
            holes.Add(!first);
            first = false;
        }

        error = null;
        return true;
    }
}
