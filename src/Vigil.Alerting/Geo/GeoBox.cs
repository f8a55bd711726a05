namespace Vigil.Alerting.Geo;

/// <summary>A latitude/longitude bounding box. Boxes that cross the antimeridian are not represented.</summary>
public readonly record struct GeoBox(double MinLat, double MinLon, double MaxLat, double MaxLon)
{
    public static GeoBox Empty { get; } = new(double.PositiveInfinity, double.PositiveInfinity, double.NegativeInfinity, double.NegativeInfinity);

    public bool IsEmpty => MinLat > MaxLat || MinLon > MaxLon;

    public bool Intersects(in GeoBox other) =>
        MinLat <= other.MaxLat && other.MinLat <= MaxLat && MinLon <= other.MaxLon && other.MinLon <= MaxLon;

    public bool Contains(double lat, double lon) => lat >= MinLat && lat <= MaxLat && lon >= MinLon && lon <= MaxLon;

    public GeoBox Union(in GeoBox other) => new(
        Math.Min(MinLat, other.MinLat),
        Math.Min(MinLon, other.MinLon),
        Math.Max(MaxLat, other.MaxLat),
        Math.Max(MaxLon, other.MaxLon));

    public GeoBox Include(double lat, double lon) => new(
        Math.Min(MinLat, lat),
        Math.Min(MinLon, lon),
        Math.Max(MaxLat, lat),
        Math.Max(MaxLon, lon));

    /// <summary>The box that holds a circle, using the local degree lengths at the centre (adequate below a few hundred km).</summary>
    public static GeoBox Around(GeoCircle circle)
    {
        var dLat = circle.RadiusKm / GeoMath.KmPerDegreeLat;
        var kmPerDegLon = GeoMath.KmPerDegreeLon(circle.Center.Lat + (Math.Sign(circle.Center.Lat) * dLat));
        var dLon = kmPerDegLon > 1e-9 ? circle.RadiusKm / kmPerDegLon : 180;
        return new GeoBox(circle.Center.Lat - dLat, circle.Center.Lon - dLon, circle.Center.Lat + dLat, circle.Center.Lon + dLon);
    }
}
