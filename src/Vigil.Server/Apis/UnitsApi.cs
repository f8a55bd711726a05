using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

public static class UnitsApi
{
    public static RouteGroupBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/units").WithTags("Units");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("List response units");
        group.MapPut("/{id}", RegisterAsync).RequireAuthorization(Policies.ManageUnits).WithSummary("Add a unit to the fleet, or replace it");
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Policies.UpdateUnits).WithSummary("Report a unit's status and/or location");
        return group;
    }

    public sealed record UnitUpdateRequest(UnitStatus? Status, GeoView? Location);

    /// <summary>A unit of the fleet; it starts at its station unless a location is given, and available unless a status is.</summary>
    public sealed record UnitRegistration(string? CallSign, string? AgencyId, UnitKind? Kind, GeoView? Station, GeoView? Location, UnitStatus? Status);

    private const int MaxText = 64;

    private static async Task<IResult> ListAsync(IOperationsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListUnitsAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> RegisterAsync(string id, UnitRegistration request, HttpContext context, IDeskCommandChannel desk, TimeProvider time, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxText)
        {
            return Problems.Field("id", $"must be 1 to {MaxText} characters.");
        }

        if (string.IsNullOrWhiteSpace(request.CallSign) || request.CallSign.Length > MaxText)
        {
            return Problems.Field("callSign", $"must be 1 to {MaxText} characters.");
        }

        if (string.IsNullOrWhiteSpace(request.AgencyId) || request.AgencyId.Length > MaxText)
        {
            return Problems.Field("agencyId", $"must be 1 to {MaxText} characters.");
        }

        if (request.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return Problems.Field("kind", $"must be one of {string.Join(", ", Enum.GetNames<UnitKind>())}.");
        }

        if (request.Station is not { } station || !station.ToPoint().IsValid)
        {
            return Problems.Field("station", "give the unit's station; lat must be in [-90, 90] and lon in [-180, 180].");
        }

        if (request.Location is { } l && !l.ToPoint().IsValid)
        {
            return Problems.Field("location", "lat must be in [-90, 90] and lon in [-180, 180].");
        }

        // A unit joins the fleet free: statuses tied to an incident come only from a dispatch.
        var status = request.Status ?? UnitStatus.Available;
        if (!Enum.IsDefined(status) || status is UnitStatus.Dispatched or UnitStatus.EnRoute or UnitStatus.OnScene)
        {
            return Problems.Field("status", $"must be one of {UnitStatus.Available}, {UnitStatus.Returning}, {UnitStatus.OutOfService}.");
        }

        var unit = new UnitView(id, request.CallSign, request.AgencyId, kind, status, request.Location ?? station, station, null, time.GetUtcNow());
        var reply = await desk.SendAsync(DeskCommand.RegisterUnits([unit], context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Units![0]));
    }

    private static async Task<IResult> UpdateAsync(string id, UnitUpdateRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        if (request.Status is null && request.Location is null)
        {
            return Problems.Field("status", "give a status, a location, or both.");
        }

        if (request.Status is { } s && !Enum.IsDefined(s))
        {
            return Problems.Field("status", $"must be one of {string.Join(", ", Enum.GetNames<UnitStatus>())}.");
        }

        if (request.Location is { } l && !l.ToPoint().IsValid)
        {
            return Problems.Field("location", "lat must be in [-90, 90] and lon in [-180, 180].");
        }

        var reply = await desk.SendAsync(DeskCommand.UpdateUnit(id, request.Status, request.Location, context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Unit));
    }
}
