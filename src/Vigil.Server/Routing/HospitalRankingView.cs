using Vigil.Platform.Hospitals;

namespace Vigil.Server.Routing;

/// <summary>
/// One hospital in a ranking. By road, <c>EtaSeconds</c> and <c>DistanceMeters</c> are those of the fastest route from
/// the scene on live traffic, with its geometry; by straight line, the distance is great-circle and there is no ETA.
/// </summary>
public sealed record HospitalOption(int Rank, HospitalView Hospital, double DistanceMeters, double? EtaSeconds, LineStringGeometry? Route);

/// <summary>
/// Hospitals with capacity (ED open, a free bed) nearest to an EMS incident. <c>Method</c> is "road" or
/// "straight-line"; <c>Note</c> says why the straight line was used. <c>WithoutCapacity</c> counts hospitals skipped
/// because they divert, are closed or have no free bed; <c>Unreachable</c> those with capacity but no road route.
/// </summary>
public sealed record HospitalRankingView(
    long IncidentId,
    string IncidentType,
    string Method,
    string? Note,
    int Registered,
    int WithoutCapacity,
    int Unreachable,
    IReadOnlyList<HospitalOption> Hospitals);
