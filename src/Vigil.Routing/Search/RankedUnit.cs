namespace Vigil.Routing.Search;

/// <summary>A unit's place in an ETA ranking: its index in the caller's list and its travel time to the incident.</summary>
public readonly record struct RankedUnit(int UnitIndex, int EtaMs);
