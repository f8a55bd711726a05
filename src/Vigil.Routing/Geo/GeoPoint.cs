using System.Globalization;

namespace Vigil.Routing.Geo;

/// <summary>A WGS84 position in degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    public static GeoPoint FromE7(int latE7, int lonE7) => new(latE7 * 1e-7, lonE7 * 1e-7);

    public bool IsValid => Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180 && !double.IsNaN(Lat) && !double.IsNaN(Lon);

    /// <summary>Parses <c>lat,lon</c> in invariant culture; false with no exception on anything else.</summary>
    public static bool TryParse(string? text, out GeoPoint point)
    {
        point = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var comma = text.IndexOf(',', StringComparison.Ordinal);
        if (comma <= 0 || comma != text.LastIndexOf(',')
            || !double.TryParse(text.AsSpan(0, comma).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(text.AsSpan(comma + 1).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
        {
            return false;
        }

        point = new GeoPoint(lat, lon);
        return point.IsValid;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Lat:0.0000000},{Lon:0.0000000}");
}
