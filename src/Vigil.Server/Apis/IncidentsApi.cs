using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Geo;
using Vigil.Domain.Incidents;
using Vigil.Platform.Contracts;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/incidents").WithTags("Incidents");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("List incidents by priority, then age");
        group.MapGet("/{id:long}", GetAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("One incident with its timeline");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.CreateIncidents).WithSummary("Open an incident by hand (a phone call, a patrol report)");
        group.MapPost("/{id:long}/transition", TransitionAsync).RequireAuthorization(Policies.WorkIncidents)
            .WithSummary("Move the incident: New → Acknowledged → Dispatched → OnScene → Resolved → Closed");
        group.MapPost("/{id:long}/notes", AddNoteAsync).RequireAuthorization(Policies.WorkIncidents).WithSummary("Add a note to the timeline");
        group.MapPost("/{id:long}/units", DispatchAsync).RequireAuthorization(Policies.Dispatch).WithSummary("Send a unit to the incident");
        return group;
    }

    public sealed record CreateIncidentRequest(string? Type, int? Priority, GeoView? Location, string? Title, string? Note);

    public sealed record TransitionRequest(IncidentStatus? Status, string? Reason);

    public sealed record NoteRequest(string? Text);

    public sealed record DispatchRequest(string? UnitId);

    private static async Task<IResult> ListAsync(
        [FromQuery] IncidentStatus? status, [FromQuery] string? type, [FromQuery] int? maxPriority, [FromQuery] bool? open,
        [FromQuery] DateTimeOffset? since, [FromQuery] int? limit, IOperationsStore store, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        if (maxPriority is < 1 or > 5)
        {
            return Problems.Field("maxPriority", "must be between 1 and 5.");
        }

        var query = new IncidentQuery(status, type, maxPriority, open ?? false, since, limit ?? 200);
        return TypedResults.Ok(await store.ListIncidentsAsync(query, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(long id, IOperationsStore store, CancellationToken cancellationToken) =>
        await store.GetIncidentAsync(id, cancellationToken).ConfigureAwait(false) is { } incident ? TypedResults.Ok(incident) : Problems.NotFound($"No incident {id}.");

    private static async Task<IResult> CreateAsync(CreateIncidentRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (string.IsNullOrWhiteSpace(request.Type) || request.Type.Length > 64)
        {
            errors.Add(new("type", "is required, at most 64 characters (e.g. fire, medical, crime)."));
        }

        if (request.Priority is not { } priority || !Incident.IsValidPriority(priority))
        {
            errors.Add(new("priority", "is required: 1 (most urgent) to 5."));
        }

        if (request.Location is null || !request.Location.ToPoint().IsValid)
        {
            errors.Add(new("location", "is required: lat in [-90, 90], lon in [-180, 180]."));
        }

        if (request.Title is { Length: > 200 })
        {
            errors.Add(new("title", "must be at most 200 characters."));
        }

        if (request.Note is { Length: > 4000 })
        {
            errors.Add(new("note", "must be at most 4000 characters."));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var type = request.Type!.Trim().ToLowerInvariant();
        var title = string.IsNullOrWhiteSpace(request.Title) ? $"{type} (reported)" : request.Title.Trim();
        var command = DeskCommand.Create(new NewIncident(type, request.Priority!.Value, request.Location!.ToPoint(), title, request.Note), context.User.Actor());
        var reply = await desk.SendAsync(command, cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Created($"/api/v1/incidents/{r.Incident!.Id}", r.Incident));
    }

    private static async Task<IResult> TransitionAsync(long id, TransitionRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        if (request.Status is not { } status || !Enum.IsDefined(status))
        {
            return Problems.Field("status", $"is required: one of {string.Join(", ", Enum.GetNames<IncidentStatus>())}.");
        }

        if (request.Reason is { Length: > 1000 })
        {
            return Problems.Field("reason", "must be at most 1000 characters.");
        }

        var reply = await desk.SendAsync(DeskCommand.Transition(id, status, request.Reason, context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Incident));
    }

    private static async Task<IResult> AddNoteAsync(long id, NoteRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 4000)
        {
            return Problems.Field("text", "is required, at most 4000 characters.");
        }

        var reply = await desk.SendAsync(DeskCommand.Note(id, request.Text, context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Incident));
    }

    private static async Task<IResult> DispatchAsync(long id, DispatchRequest request, HttpContext context, IDeskCommandChannel desk, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.UnitId))
        {
            return Problems.Field("unitId", "is required.");
        }

        var reply = await desk.SendAsync(DeskCommand.Dispatch(id, request.UnitId, context.User.Actor()), cancellationToken).ConfigureAwait(false);
        return Problems.From(reply, r => TypedResults.Ok(r.Incident));
    }
}
