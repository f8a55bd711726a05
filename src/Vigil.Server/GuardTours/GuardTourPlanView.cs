using Vigil.Platform.Contracts;
using Vigil.Server.Routing;

namespace Vigil.Server.GuardTours;

/// <summary>
/// Tours for a guard shift. <c>TravelModel</c> is "road" (the routing engine's travel times, each tour drawn on the
/// roads) or "straight line" (no road network loaded; <c>Travel</c> says at what speed). Checkpoints no tour visits
/// are listed in <c>LeftOut</c>, each with a reason.
/// </summary>
public sealed record GuardTourPlanView(
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
/// A checkpoint in no tour. <c>Reason</c>: "off-road" (too far from any road to route to), "unreachable" (no route
/// joins it to the start), "over-budget" (going there alone takes longer than the shift), "no-time-left" (it fits
/// alone, but the guards' time went to checkpoints of higher priority or nearer ones).
/// </summary>
public sealed record LeftOutCheckpointView(int Checkpoint, string Name, string Reason, string Detail);
