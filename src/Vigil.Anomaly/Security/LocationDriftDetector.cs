namespace Vigil.Anomaly.Security;

/// <summary>
/// Flags a device reporting a location far from where it was registered: a stolen or spoofed fixed sensor.
/// Great-circle distance by the haversine formula on a sphere of the mean Earth radius (IUGG, 6 371 008.8 m);
/// the error against the ellipsoid is under 0.5 %, far below any sensible limit.
/// </summary>
public sealed class LocationDriftDetector
{
    private const double EarthRadiusMetres = 6_371_008.8;
    private readonly double _registeredLat;
    private readonly double _registeredLon;

    public LocationDriftDetector(double registeredLatitude, double registeredLongitude, double maxDistanceMetres = 500)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDistanceMetres);
        _registeredLat = registeredLatitude;
        _registeredLon = registeredLongitude;
        MaxDistanceMetres = maxDistanceMetres;
    }

    public double MaxDistanceMetres { get; }

    /// <summary>Distance of the reported position from the registered one, in metres.</summary>
    public double DistanceMetres(double latitude, double longitude)
    {
        var phi1 = double.DegreesToRadians(_registeredLat);
        var phi2 = double.DegreesToRadians(latitude);
        var dPhi = phi2 - phi1;
        var dLambda = double.DegreesToRadians(longitude - _registeredLon);
        var a = (Math.Sin(dPhi / 2) * Math.Sin(dPhi / 2)) + (Math.Cos(phi1) * Math.Cos(phi2) * Math.Sin(dLambda / 2) * Math.Sin(dLambda / 2));
        return 2 * EarthRadiusMetres * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>True when the reported position lies farther than allowed from the registered one.</summary>
    public bool IsFar(double latitude, double longitude) => DistanceMetres(latitude, longitude) > MaxDistanceMetres;
}
