namespace Vigil.Routing.Traffic;

/// <summary>An observed speed on every edge of one OSM way, in km/h (how traffic devices are usually bound).</summary>
public readonly record struct WaySpeed(long WayId, double Kmh);
