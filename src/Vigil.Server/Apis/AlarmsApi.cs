using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Accounts;
using Vigil.Domain.Alarms;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

public static class AlarmsApi
{
    public static RouteGroupBuilder MapAlarmsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alarms").WithTags("Alarms");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("List alarms, newest first");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("One alarm");
        group.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireAuthorization(Policies.AcknowledgeAlarms)
            .WithSummary("Acknowledge an active alarm (stops its escalation)");
        return group;
    }

    private static async Task<IResult> ListAsync(
        [FromQuery] AlarmState? state, [FromQuery] AlarmCategory? category, [FromQuery] string? device, [FromQuery] bool? open, [FromQuery] int? limit,
        IOperationsStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        return TypedResults.Ok(await store.ListAlarmsAsync(new AlarmQuery(state, category, device, open ?? false, limit ?? 200), cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(long id, IOperationsStore store, CancellationToken cancellationToken) =>
        await store.GetAlarmAsync(id, cancellationToken).ConfigureAwait(false) is { } alarm ? TypedResults.Ok(alarm) : Problems.NotFound($"No alarm {id}.");

    private static async Task<IResult> AcknowledgeAsync(long id, HttpContext context, IDeskCommandChannel desk, IOperationsStore store, CancellationToken cancellationToken)
    {
        // Outbreak alarms are the analysts' to acknowledge; every other alarm stays with the desk's operators. An
        // alarm's category never changes, so checking the stored alarm before the desk acts cannot race.
        var user = context.User;
        if (!user.IsInRole(nameof(Role.Admin)) && !user.IsInRole(nameof(Role.Operator)) && !user.IsInRole(nameof(Role.Dispatcher))
            && await store.GetAlarmAsync(id, cancellationToken).ConfigureAwait(false) is { Category: not AlarmCategory.PublicHealth })
        {
            return TypedResults.Problem($"Alarm {id} is not a public-health alarm; analysts acknowledge only those.",
                statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }

        return Problems.From(await desk.SendAsync(DeskCommand.Acknowledge(id, user.Actor()), cancellationToken).ConfigureAwait(false), r => TypedResults.Ok(r.Alarm));
    }
}
