namespace Vigil.Platform.Contracts;

/// <summary>
/// Where a subscriber wants warnings for: a point (a home), a circle (a point and a radius) or a polygon (a closed ring,
/// first corner repeated last). Exactly one of <see cref="Point"/> and <see cref="Polygon"/> is set. Property names are
/// persisted.
/// </summary>
public sealed record SubscriptionArea(GeoView? Point, double? RadiusKm, IReadOnlyList<GeoView>? Polygon);
