using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Reports;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Residents' reports as operators work them.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("Residents' reports, newest first");
        group.MapGet("/{ticket}", GetAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("One report");
        group.MapGet("/{ticket}/photo", PhotoAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("The photo attached to a report");
        group.MapPost("/{ticket}/status", UpdateAsync).RequireAuthorization(Policies.WorkIncidents)
            .WithSummary("Move a report (Received, InReview, InProgress, Resolved, Dismissed) with a note the resident sees");
        return group;
    }

    public sealed record StatusRequest(ReportStatus? Status, string? Note, long? IncidentId);

    private static async Task<IResult> ListAsync([FromQuery] bool? open, [FromQuery] int? limit, IReportStore reports, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        return TypedResults.Ok(await reports.ListAsync(open ?? false, limit ?? 200, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> GetAsync(string ticket, IReportStore reports, CancellationToken cancellationToken) =>
        await reports.GetAsync(ticket, cancellationToken).ConfigureAwait(false) is { } report ? TypedResults.Ok(report) : Problems.NotFound($"No report {ticket}.");

    private static async Task<IResult> PhotoAsync(string ticket, HttpContext context, IReportStore reports, CancellationToken cancellationToken)
    {
        if (await reports.GetPhotoAsync(ticket, cancellationToken).ConfigureAwait(false) is not { } photo)
        {
            return Problems.NotFound($"Report {ticket} has no photo.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(photo.Data, photo.ContentType);
    }

    private static async Task<IResult> UpdateAsync(string ticket, StatusRequest request, HttpContext context, ReportDesk desk, CancellationToken cancellationToken)
    {
        if (request.Status is not { } status || !Enum.IsDefined(status))
        {
            return Problems.Field("status", $"is required: one of {string.Join(", ", Enum.GetNames<ReportStatus>())}.");
        }

        if (request.Note is { Length: > 1000 })
        {
            return Problems.Field("note", "must be at most 1000 characters.");
        }

        if (request.IncidentId is <= 0)
        {
            return Problems.Field("incidentId", "must be a positive incident id.");
        }

        var updated = await desk.UpdateStatusAsync(ticket, status, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), request.IncidentId,
            context.User.Actor(), cancellationToken).ConfigureAwait(false);
        return updated is null ? Problems.NotFound($"No report {ticket}.") : TypedResults.Ok(updated);
    }
}
