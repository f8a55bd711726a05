namespace Vigil.Alerting.Geo;

/// <summary>A circle on the earth: a WGS 84 centre and a radius in kilometres (CAP 1.2 §3.2.4 <c>circle</c>).</summary>
public readonly record struct GeoCircle(GeoPoint Center, double RadiusKm);
