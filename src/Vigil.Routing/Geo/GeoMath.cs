namespace Vigil.Routing.Geo;

/// <summary>Distances on the WGS84 sphere approximation used by OSRM and GraphHopper (mean radius 6,371,008.8 m).</summary>
public static class GeoMath
{
    public const double EarthRadiusMeters = 6_371_008.8;
    private const double DegToRad = Math.PI / 180.0;

    /// <summary>Great-circle distance by the haversine formula.</summary>
    public static double HaversineMeters(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = (lat2 - lat1) * DegToRad;
        var dLon = (lon2 - lon1) * DegToRad;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1 * DegToRad) * Math.Cos(lat2 * DegToRad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    public static double HaversineMeters(GeoPoint a, GeoPoint b) => HaversineMeters(a.Lat, a.Lon, b.Lat, b.Lon);

    /// <summary>Metres per degree of longitude at <paramref name="lat"/> (equirectangular projection, exact enough below ~10 km).</summary>
    public static double MetersPerDegreeLon(double lat) => EarthRadiusMeters * DegToRad * Math.Cos(lat * DegToRad);

    public static double MetersPerDegreeLat => EarthRadiusMeters * DegToRad;
}
