using System.Globalization;

namespace Vigil.Alerting.Geo;

/// <summary>
/// Parses and formats the CAP 1.2 §3.2.4 area geometry texts. A polygon is a white-space separated list of WGS 84
/// "lat,lon" pairs, at least four, the first and last the same. A circle is "lat,lon radius" with the radius in km.
/// </summary>
public static class CapGeometry
{
    private const NumberStyles Number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static bool TryParsePolygon(string? text, List<GeoPoint> points, out string? error)
    {
        ArgumentNullException.ThrowIfNull(points);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "polygon is empty";
            return false;
        }

        var start = points.Count;
        var pairs = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < pairs.Length; i++)
        {
            if (!TryParsePair(pairs[i], out var point, out error))
            {
                error = $"pair {i + 1}: {error}";
                points.RemoveRange(start, points.Count - start);
                return false;
            }

            points.Add(point);
        }

        var count = points.Count - start;
        if (count < 4)
        {
            error = $"a polygon needs at least 4 coordinate pairs (a closed ring); found {count}";
        }
        else if (points[start] != points[^1])
        {
            error = "the polygon is not closed: the first and last coordinate pairs differ";
        }

        if (error is not null)
        {
            points.RemoveRange(start, count);
            return false;
        }

        return true;
    }

    public static bool TryParseCircle(string? text, out GeoCircle circle, out string? error)
    {
        circle = default;
        error = null;
        var parts = (text ?? string.Empty).Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            error = "a circle is \"lat,lon radius\": a coordinate pair, a space and a radius in kilometres";
            return false;
        }

        if (!TryParsePair(parts[0], out var center, out error))
        {
            return false;
        }

        if (!double.TryParse(parts[1], Number, CultureInfo.InvariantCulture, out var radius) || radius < 0 || !double.IsFinite(radius))
        {
            error = $"radius \"{parts[1]}\" is not a non-negative number of kilometres";
            return false;
        }

        circle = new GeoCircle(center, radius);
        return true;
    }

    public static string FormatPolygon(IReadOnlyList<GeoPoint> ring)
    {
        ArgumentNullException.ThrowIfNull(ring);
        var parts = new string[ring.Count];
        for (var i = 0; i < ring.Count; i++)
        {
            parts[i] = FormatPair(ring[i]);
        }

        return string.Join(' ', parts);
    }

    public static string FormatCircle(GeoCircle circle) =>
        FormatPair(circle.Center) + " " + circle.RadiusKm.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>Six decimals of a degree are about 0.1 m, finer than any drawn alert area.</summary>
    public static string FormatPair(GeoPoint p) =>
        p.Lat.ToString("0.######", CultureInfo.InvariantCulture) + "," + p.Lon.ToString("0.######", CultureInfo.InvariantCulture);

    private static bool TryParsePair(string pair, out GeoPoint point, out string? error)
    {
        point = default;
        error = null;
        var comma = pair.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0 || pair.IndexOf(',', comma + 1) >= 0)
        {
            error = $"\"{pair}\" is not a \"lat,lon\" pair";
            return false;
        }

        if (!double.TryParse(pair.AsSpan(0, comma), Number, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(pair.AsSpan(comma + 1), Number, CultureInfo.InvariantCulture, out var lon))
        {
            error = $"\"{pair}\" is not a pair of decimal degrees";
            return false;
        }

        if (lat is < -90 or > 90 || lon is < -180 or > 180)
        {
            error = $"\"{pair}\" is outside WGS 84 ranges (latitude -90..90, longitude -180..180); is it \"lon,lat\"?";
            return false;
        }

        point = new GeoPoint(lat, lon);
        return true;
    }
}
