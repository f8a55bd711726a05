namespace Vigil.Domain.Geo;

/// <summary>A WGS84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon)
{
    private const double EarthRadiusMetres = 6_371_008.8;

    public bool IsValid =>
        double.IsFinite(Lat) && double.IsFinite(Lon) && Lat is >= -90 and <= 90 && Lon is >= -180 and <= 180;

    /// <summary>Great-circle distance by the haversine formula; accurate to well under 0.5% at city scale.</summary>
    public double DistanceTo(GeoPoint other)
    {
        var dLat = DegreesToRadians(other.Lat - Lat);
        var dLon = DegreesToRadians(other.Lon - Lon);
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) +
                (Math.Cos(DegreesToRadians(Lat)) * Math.Cos(DegreesToRadians(other.Lat)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>The point reached by moving the given metres north and east (flat-earth approximation, fine below ~50 km).</summary>
    public GeoPoint Offset(double northMetres, double eastMetres)
    {
        var dLat = northMetres / EarthRadiusMetres * (180 / Math.PI);
        var dLon = eastMetres / (EarthRadiusMetres * Math.Cos(DegreesToRadians(Lat))) * (180 / Math.PI);
        return new GeoPoint(Lat + dLat, Lon + dLon);
    }

    private static double DegreesToRadians(double degrees) => degrees * Math.PI / 180;
}
