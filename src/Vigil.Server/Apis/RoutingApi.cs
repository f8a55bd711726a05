using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Ports;
using Vigil.Routing.Analysis;
using Vigil.Routing.Geo;
using Vigil.Routing.Snapping;
using Vigil.Server.Routing;
using Vigil.Server.Security;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Apis;

/// <summary>Routes, coverage and evacuation on the city's road network.</summary>
public static class RoutingApi
{
    private const int MaxHazardVertices = 2000;
    private const int MaxShelters = 200;

    // Bounds the response: every node inside the hazard gets a route with its geometry.
    private const int MaxEvacuees = 20_000;

    public static IEndpointRouteBuilder MapRoutingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1").WithTags("Routing");
        group.MapGet("/routes", GetRoute).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Fastest route for an emergency vehicle on live traffic: distance, duration and GeoJSON geometry");
        group.MapGet("/coverage", GetCoverage).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("GeoJSON: road reachable within 4 and 8 minutes of each agency's stations (NFPA 1710), with the share of road length");
        group.MapPost("/evacuations", PlanEvacuation).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Route every road node inside a hazard polygon to its nearest reachable shelter without re-entering the hazard");
        return app;
    }

    internal static ProblemHttpResult NoNetwork() => TypedResults.Problem(
        "No road network is loaded: set Vigil:Routing:GraphFile to a file written by 'vigil city import'.",
        statusCode: StatusCodes.Status503ServiceUnavailable, title: "Routing unavailable");

    private static IResult GetRoute([FromQuery] string? from, [FromQuery] string? to, CityRouter router)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (!GeoPoint.TryParse(from, out var a))
        {
            errors.Add(new("from", "is required as lat,lon (e.g. 35.8989,14.5146)."));
        }

        if (!GeoPoint.TryParse(to, out var b))
        {
            errors.Add(new("to", "is required as lat,lon (e.g. 35.8989,14.5146)."));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        if (router.Engine is null)
        {
            return NoNetwork();
        }

        if (!router.TrySnap(new DomainPoint(a.Lat, a.Lon), out var start))
        {
            return Problems.Field("from", $"is more than {router.Options.MaxSnapMeters} m from any road.");
        }

        if (!router.TrySnap(new DomainPoint(b.Lat, b.Lon), out var end))
        {
            return Problems.Field("to", $"is more than {router.Options.MaxSnapMeters} m from any road.");
        }

        return router.Route(start, end) is { } route
            ? TypedResults.Ok(RouteView.Of(route))
            : Problems.NotFound($"No drivable route from {from} to {to}.");
    }

    private static async Task<IResult> GetCoverage([FromQuery] string? agency, [FromQuery] bool? geometry, CityRouter router, IOperationsStore store, CancellationToken cancellationToken)
    {
        if (agency is { Length: > 64 })
        {
            return Problems.Field("agency", "must be at most 64 characters.");
        }

        if (router.Engine is null)
        {
            return NoNetwork();
        }

        var units = await store.ListUnitsAsync(cancellationToken).ConfigureAwait(false);
        var stationsByAgency = new SortedDictionary<string, List<SnapPoint>>(StringComparer.Ordinal);
        var seen = new HashSet<(string, double, double)>();
        foreach (var unit in units)
        {
            if ((agency is not null && !string.Equals(unit.AgencyId, agency, StringComparison.Ordinal))
                || !seen.Add((unit.AgencyId, unit.Station.Lat, unit.Station.Lon))
                || !router.TrySnap(new DomainPoint(unit.Station.Lat, unit.Station.Lon), out var snap))
            {
                continue;
            }

            if (!stationsByAgency.TryGetValue(unit.AgencyId, out var list))
            {
                stationsByAgency[unit.AgencyId] = list = [];
            }

            list.Add(snap);
        }

        if (agency is not null && stationsByAgency.Count == 0)
        {
            return Problems.NotFound($"Agency '{agency}' has no station on the road network.");
        }

        var withGeometry = geometry ?? true;
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WritePropertyName("features");
            writer.WriteStartArray();
            foreach (var (agencyId, stations) in stationsByAgency)
            {
                router.Reach(stations.ToArray(), Coverage.NfpaBandsSeconds[^1] * 1000, (search, graph) =>
                {
                    var total = search.TotalMeters();
                    foreach (var band in Coverage.NfpaBandsSeconds)
                    {
                        var reachable = search.ReachableMeters(band * 1000);
                        writer.WriteStartObject();
                        writer.WriteString("type", "Feature");
                        writer.WritePropertyName("geometry");
                        if (withGeometry)
                        {
                            GeoJsonWriter.WritePieces(writer, graph, search.Pieces(band * 1000));
                        }
                        else
                        {
                            writer.WriteNullValue();
                        }

                        writer.WritePropertyName("properties");
                        writer.WriteStartObject();
                        writer.WriteString("agency", agencyId);
                        writer.WriteNumber("stations", stations.Count);
                        writer.WriteNumber("withinSeconds", band);
                        writer.WriteNumber("reachableMeters", Math.Round(reachable));
                        writer.WriteNumber("totalMeters", Math.Round(total));
                        writer.WriteNumber("share", total > 0 ? Math.Round(reachable / total, 4) : 0);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                    }

                    return 0;
                });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return TypedResults.Bytes(buffer.ToArray(), "application/geo+json");
    }

    private static IResult PlanEvacuation(EvacuationRequest request, CityRouter router)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var ring = HazardRing(request.Hazard, errors);
        var shelters = new List<GeoPoint>();
        if (request.Shelters is not { Count: > 0 and <= MaxShelters })
        {
            errors.Add(new("shelters", $"is required: 1 to {MaxShelters} shelters, each with a location."));
        }
        else
        {
            for (var i = 0; i < request.Shelters.Count; i++)
            {
                if (request.Shelters[i]?.Location is not { } location || !new GeoPoint(location.Lat, location.Lon).IsValid)
                {
                    errors.Add(new($"shelters[{i}].location", "is required: lat in [-90, 90], lon in [-180, 180]."));
                    continue;
                }

                shelters.Add(new GeoPoint(location.Lat, location.Lon));
            }
        }

        if (errors.Count > 0 || ring is null)
        {
            return Problems.Fields(errors);
        }

        GeoPolygon hazard;
        try
        {
            hazard = new GeoPolygon(ring);
        }
        catch (ArgumentException ex)
        {
            return Problems.Field("hazard", ex.Message);
        }

        if (router.Engine is null)
        {
            return NoNetwork();
        }

        var result = router.Evacuate(planner =>
        {
            var inside = planner.CountNodesInside(hazard);
            return inside > MaxEvacuees ? (inside, null) : (inside, planner.Plan(hazard, shelters, router.Options.MaxSnapMeters));
        });
        if (result.Item2 is not { } plan)
        {
            return Problems.Field("hazard", $"covers {result.inside} road nodes; at most {MaxEvacuees} can be planned in one request.");
        }

        var summaries = new ShelterSummary[shelters.Count];
        for (var i = 0; i < shelters.Count; i++)
        {
            summaries[i] = new ShelterSummary(i, request.Shelters![i].Name ?? $"shelter {i + 1}", !plan.UnusableShelters.Contains(i), plan.ShelterLoads[i]);
        }

        var features = new EvacuationRouteFeature[plan.Routes.Count];
        for (var i = 0; i < features.Length; i++)
        {
            var r = plan.Routes[i];
            features[i] = new EvacuationRouteFeature("Feature", LineStringGeometry.Of(r.Route),
                new EvacuationRouteProperties(r.Node, r.Shelter, Math.Round(r.Route.DurationSeconds, 1), Math.Round(r.Route.DistanceMeters, 1)));
        }

        var summary = new EvacuationSummary(plan.NodesInside, plan.Routes.Count, plan.Unreachable.Count,
            Math.Round(plan.MaxSeconds, 1), Math.Round(plan.MeanSeconds, 1), summaries);
        return TypedResults.Ok(new EvacuationView("FeatureCollection", summary, features));
    }

    private static List<GeoPoint>? HazardRing(PolygonGeometry? hazard, List<KeyValuePair<string, string>> errors)
    {
        if (hazard is null || !string.Equals(hazard.Type, "Polygon", StringComparison.Ordinal) || hazard.Coordinates is not { Count: > 0 } rings
            || rings[0] is not { Count: >= 4 } outer || outer.Count > MaxHazardVertices)
        {
            errors.Add(new("hazard", $"is required: a GeoJSON Polygon whose outer ring has 4 to {MaxHazardVertices} [lon, lat] positions."));
            return null;
        }

        var ring = new List<GeoPoint>(outer.Count);
        for (var i = 0; i < outer.Count; i++)
        {
            if (outer[i] is not { Length: >= 2 } position || !new GeoPoint(position[1], position[0]).IsValid)
            {
                errors.Add(new($"hazard.coordinates[0][{i}]", "must be [lon, lat] with lon in [-180, 180] and lat in [-90, 90]."));
                return null;
            }

            ring.Add(new GeoPoint(position[1], position[0]));
        }

        return ring;
    }
}
