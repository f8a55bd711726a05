namespace Vigil.Alerting.Geo;

/// <summary>
/// Small spherical-earth helpers. Alert areas are city to county sized, so distances use the haversine formula on a
/// sphere of mean radius 6371.0088 km (IUGG), and shapes are tested in a local equirectangular projection around the
/// query, whose error is far below the precision of a drawn polygon at those sizes.
/// </summary>
public static class GeoMath
{
    public const double EarthRadiusKm = 6371.0088;

    public const double KmPerDegreeLat = Math.PI * EarthRadiusKm / 180.0;

    public static double KmPerDegreeLon(double lat) => KmPerDegreeLat * Math.Cos(lat * Math.PI / 180.0);

    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double toRad = Math.PI / 180.0;
        var dLat = (lat2 - lat1) * toRad;
        var dLon = (lon2 - lon1) * toRad;
        var s1 = Math.Sin(dLat * 0.5);
        var s2 = Math.Sin(dLon * 0.5);
        var a = (s1 * s1) + (Math.Cos(lat1 * toRad) * Math.Cos(lat2 * toRad) * s2 * s2);
        return 2.0 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
