namespace Vigil.Platform.Contracts;

/// <summary>
/// The base map of the city the server watches: districts and streets. It lets the consoles draw a map without any
/// tile server, and lets the server group sensors by district. Property names are persisted.
/// </summary>
public sealed record CityLayers(string Name, GeoView Centre, IReadOnlyList<MapDistrict> Districts, IReadOnlyList<MapStreet> Streets);

/// <summary>A district as a closed ring (first point not repeated).</summary>
public sealed record MapDistrict(string Name, IReadOnlyList<GeoView> Ring);

public sealed record MapStreet(string Name, bool Arterial, IReadOnlyList<GeoView> Points);
