namespace Vigil.Routing.Import;

/// <summary>
/// An OSM <c>type=restriction</c> relation with a via node (https://wiki.openstreetmap.org/wiki/Relation:restriction).
/// <paramref name="Only"/> is true for <c>only_*</c> (the sole turn allowed from the from-way), false for <c>no_*</c>.
/// </summary>
public readonly record struct TurnRestriction(long FromWay, long ViaNode, long ToWay, bool Only);
