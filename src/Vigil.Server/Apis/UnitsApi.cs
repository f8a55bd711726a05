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
        group.MapPatch("/{id}", UpdateAsync).RequireAuthorization(Policies.UpdateUnits).WithSummary("Report a unit's status and/or location");
        return group;
    }

    public sealed record UnitUpdateRequest(UnitStatus? Status, GeoView? Location);

    private static async Task<IResult> ListAsync(IOperationsStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListUnitsAsync(cancellationToken).ConfigureAwait(false));

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
