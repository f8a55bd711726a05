using Vigil.Platform.Contracts;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Checkpoints for security staff to visit in a shift: K guards leave <c>Start</c> and must be back within
/// <c>ShiftMinutes</c>. <c>SpeedKmh</c> turns straight-line distance into time only when no road network is loaded.
/// </summary>
public sealed record GuardTourRequest(IReadOnlyList<CheckpointRequest>? Checkpoints, int? Guards, double? ShiftMinutes, GeoView? Start, double? SpeedKmh);

/// <summary>A place a guard must check: its position, a name, minutes spent there, and a priority from 1 (routine) to 5 (first).</summary>
public sealed record CheckpointRequest(double? Lat, double? Lon, string? Name, double? DwellMinutes, int? Priority);
