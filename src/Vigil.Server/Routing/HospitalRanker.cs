using Vigil.Platform.Hospitals;
using Vigil.Routing.Geo;
using Vigil.Routing.Snapping;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Routing;

/// <summary>
/// Ranks hospitals that can take a patient by travel time from the scene, on the same engine, snapping and live-traffic
/// metric as unit recommendations. Routes go scene to hospital, the way the ambulance drives with the patient (one-way
/// streets make that differ from hospital to scene). Without a road network, or with the scene too far from any road,
/// it ranks by straight-line distance and says so.
/// </summary>
public static class HospitalRanker
{
    public const string ByRoad = "road";
    public const string ByStraightLine = "straight-line";

    public static HospitalRankingView Rank(long incidentId, string incidentType, double lat, double lon, IReadOnlyList<HospitalView> hospitals, int count, CityRouter router)
    {
        ArgumentNullException.ThrowIfNull(hospitals);
        ArgumentNullException.ThrowIfNull(router);
        var open = new List<HospitalView>(hospitals.Count);
        foreach (var hospital in hospitals)
        {
            if (hospital.HasCapacity)
            {
                open.Add(hospital);
            }
        }

        var withoutCapacity = hospitals.Count - open.Count;
        string? note = null;
        if (router.Engine is null)
        {
            note = "No road network is loaded: ranked by straight-line distance, without ETA.";
        }
        else if (!router.TrySnap(new DomainPoint(lat, lon), out var scene))
        {
            note = $"The incident lies more than {router.Options.MaxSnapMeters} m from any road: ranked by straight-line distance, without ETA.";
        }
        else
        {
            return ByRoute(incidentId, incidentType, scene, open, hospitals.Count, withoutCapacity, count, router);
        }

        var options = new List<HospitalOption>(open.Count);
        foreach (var hospital in open)
        {
            var meters = GeoMath.HaversineMeters(lat, lon, hospital.Location.Lat, hospital.Location.Lon);
            options.Add(new HospitalOption(0, hospital, Math.Round(meters, 1), null, null));
        }

        options.Sort(static (a, b) => a.DistanceMeters.CompareTo(b.DistanceMeters));
        return new HospitalRankingView(incidentId, incidentType, ByStraightLine, note, hospitals.Count, withoutCapacity, 0, Numbered(options, count));
    }

    private static HospitalRankingView ByRoute(long incidentId, string incidentType, SnapPoint scene, List<HospitalView> open, int registered, int withoutCapacity, int count, CityRouter router)
    {
        var options = new List<HospitalOption>(open.Count);
        var unreachable = 0;
        foreach (var hospital in open)
        {
            if (!router.TrySnap(new DomainPoint(hospital.Location.Lat, hospital.Location.Lon), out var door) || router.Route(scene, door) is not { } route)
            {
                unreachable++;
                continue;
            }

            options.Add(new HospitalOption(0, hospital, Math.Round(route.DistanceMeters, 1), Math.Round(route.DurationSeconds, 1), LineStringGeometry.Of(route)));
        }

        options.Sort(static (a, b) => a.EtaSeconds!.Value.CompareTo(b.EtaSeconds!.Value));
        return new HospitalRankingView(incidentId, incidentType, ByRoad, null, registered, withoutCapacity, unreachable, Numbered(options, count));
    }

    private static HospitalOption[] Numbered(List<HospitalOption> sorted, int count)
    {
        var result = new HospitalOption[Math.Min(count, sorted.Count)];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = sorted[i] with { Rank = i + 1 };
        }

        return result;
    }
}
