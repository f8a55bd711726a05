using Vigil.Platform.Contracts;
using Vigil.Server.Routing;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Tours for a guard shift. <c>Mode</c> is "walk" or "drive"; <c>TravelModel</c> is "footpath" (walking times on the
/// walking network, each tour drawn on its paths), "road" (the routing engine's driving times, drawn on the roads) or
/// "straight line" (the network for the mode is not loaded). <c>Travel</c> says it in words: "walk on footpaths: …",
/// "drive on roads: …", or the straight-line fallback with its speed. Checkpoints no tour visits are listed in
/// <c>LeftOut</c>, each with a reason.
/// </summary>
public sealed record GuardTourPlanView(
    string Mode,
    string TravelModel,
    string Travel,
    int Guards,
    double ShiftMinutes,
    GeoView Start,
    int Checkpoints,
    int Planned,
    IReadOnlyList<GuardTourView> Tours,
    IReadOnlyList<LeftOutCheckpointView> LeftOut);

/// <summary>One guard's tour from the start and back: minutes in all, on the move and at checkpoints, and its line on the roads.</summary>
public sealed record GuardTourView(int Guard, double Minutes, double TravelMinutes, double DwellMinutes, IReadOnlyList<GuardStopView> Stops, LineStringGeometry? Route);

/// <summary>A checkpoint in a tour, by its index in the request, with the minute of the shift the guard gets there.</summary>
public sealed record GuardStopView(int Checkpoint, string Name, double Lat, double Lon, int Priority, double ArriveMinute, double DwellMinutes);

/// <summary>
/// A checkpoint in no tour. <c>Reason</c>: "off-road" (too far from any way of the network to route to), "unreachable" (no route
/// joins it to the start), "over-budget" (going there alone takes longer than the shift), "no-time-left" (it fits
/// alone, but the guards' time went to checkpoints of higher priority or nearer ones).
/// </summary>
public sealed record LeftOutCheckpointView(int Checkpoint, string Name, string Reason, string Detail);
