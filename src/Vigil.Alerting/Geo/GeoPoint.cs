namespace Vigil.Alerting.Geo;

/// <summary>A WGS 84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Lat, double Lon);
