using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Incidents;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Routing.Snapping;
using Vigil.Server.Routing;
using Vigil.Server.Security;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Apis;

/// <summary>Which unit to send: recommendations ranked by travel time, and dispatching one.</summary>
public static class DispatchApi
{
    public static IEndpointRouteBuilder MapDispatchApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapGet("/{id:long}/recommendations", RecommendAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Available units of a kind suited to the incident, ranked by ETA on live traffic, each with its route");
        group.MapPost("/{id:long}/dispatch", DispatchAsync).RequireAuthorization(Policies.Dispatch)
            .WithSummary("Dispatch a unit to the incident (same as POST /units)");
        return app;
    }

    private static async Task<IResult> RecommendAsync(long id, [FromQuery] int? count, CityRouter router, IOperationsStore store, CancellationToken cancellationToken)
    {
        if (count is < 1 or > 50)
        {
            return Problems.Field("count", "must be between 1 and 50.");
        }

        if (await store.GetIncidentAsync(id, cancellationToken).ConfigureAwait(false) is not { } incident)
        {
            return Problems.NotFound($"No incident {id}.");
        }

        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
        {
            return Problems.Conflict($"Incident {id} is {incident.Status}: nothing to dispatch.");
        }

        if (router.Engine is null)
        {
            return RoutingApi.NoNetwork();
        }

        if (!router.TrySnap(new DomainPoint(incident.Location.Lat, incident.Location.Lon), out var scene))
        {
            return Problems.Conflict($"Incident {id} lies more than {router.Options.MaxSnapMeters} m from any road.");
        }

        var kinds = router.Options.KindsFor(incident.Type);
        var candidates = new List<UnitView>();
        var positions = new List<SnapPoint>();
        var offRoad = 0;
        var candidateCount = 0;
        foreach (var unit in await store.ListUnitsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (unit.Status != UnitStatus.Available || !Suits(kinds, unit.Kind))
            {
                continue;
            }

            candidateCount++;
            if (!router.TrySnap(new DomainPoint(unit.Location.Lat, unit.Location.Lon), out var position))
            {
                offRoad++;
                continue;
            }

            candidates.Add(unit);
            positions.Add(position);
        }

        var ranked = router.Rank(scene, positions.ToArray(), count ?? 5);
        var recommendations = new UnitRecommendation[ranked.Count];
        for (var i = 0; i < ranked.Count; i++)
        {
            var (index, route) = ranked[i];
            recommendations[i] = new UnitRecommendation(i + 1, candidates[index], Math.Round(route.DurationSeconds, 1), Math.Round(route.DistanceMeters, 1), LineStringGeometry.Of(route));
        }

        return TypedResults.Ok(new RecommendationsView(id, incident.Type, kinds, candidateCount, offRoad, recommendations));
    }

    private static async Task<IResult> DispatchAsync(long id, IncidentsApi.DispatchRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UnitId))
        {
            return Problems.Field("unitId", "is required.");
        }

        var reply = await desk.SendAsync(DeskCommand.Dispatch(id, request.UnitId, context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Incident));
    }

    private static bool Suits(IReadOnlyList<UnitKind> kinds, UnitKind kind)
    {
        foreach (var k in kinds)
        {
            if (k == kind)
            {
                return true;
            }
        }

        return false;
    }
}
