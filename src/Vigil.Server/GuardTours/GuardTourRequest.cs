using Vigil.Platform.Contracts;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Checkpoints for security staff to visit in a shift: K guards leave <c>Start</c> and must be back within
/// <c>ShiftMinutes</c>. <c>Travel</c> is "walk" (on the walking network) or "drive" (on the road network); left out,
/// guards walk when a walking network is loaded and drive otherwise. <c>SpeedKmh</c> turns straight-line distance into
/// time only when the chosen network is not loaded.
/// </summary>
public sealed record GuardTourRequest(IReadOnlyList<CheckpointRequest>? Checkpoints, int? Guards, double? ShiftMinutes, GeoView? Start, double? SpeedKmh,
    string? Travel = null);

/// <summary>A place a guard must check: its position, a name, minutes spent there, and a priority from 1 (routine) to 5 (first).</summary>
public sealed record CheckpointRequest(double? Lat, double? Lon, string? Name, double? DwellMinutes, int? Priority);
