using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Residents' reports as operators work them: the triage queue, duplicates, merging, contact on request.</summary>
public static class ReportsApi
{
    public static RouteGroupBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/reports").WithTags("Reports");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("Residents' reports, newest first");
        group.MapGet("/{ticket}", GetAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("One report");
        group.MapGet("/{ticket}/photo", PhotoAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("The photo attached to a report (metadata already removed)");
        group.MapGet("/{ticket}/contact", ContactAsync).RequireAuthorization(Policies.WorkIncidents)
            .WithSummary("The reporter's contact details, opened for this request and written to the audit log");
        group.MapGet("/{ticket}/duplicates", DuplicatesAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Reports that may be the same problem: same category, within radius metres and hours, ranked with text similarity");
        group.MapPost("/{ticket}/merge", MergeAsync).RequireAuthorization(Policies.WorkIncidents)
            .WithSummary("Close a report as a duplicate of another (same category); its reporter is told without learning the other ticket");
        group.MapPost("/{ticket}/status", UpdateAsync).RequireAuthorization(Policies.WorkIncidents)
            .WithSummary("Move a report (Received, InReview, InProgress, Resolved, Dismissed) with a note the resident sees, optionally linking an incident");
        return group;
    }

    public sealed record StatusRequest(ReportStatus? Status, string? Note, long? IncidentId);

    public sealed record MergeRequest(string? Into);

    private static async Task<IResult> ListAsync([FromQuery] bool? open, [FromQuery] int? limit, ClaimsPrincipal user, ReportAccess access, IReportStore reports,
        CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        var all = await reports.ListAsync(open ?? false, limit ?? 200, cancellationToken).ConfigureAwait(false);
        var visible = new List<ReportView>(all.Count);
        foreach (var report in all)
        {
            if (access.MaySee(user, report.Category))
            {
                visible.Add(report);
            }
        }

        return TypedResults.Ok(visible);
    }

    private static async Task<IResult> GetAsync(string ticket, ClaimsPrincipal user, ReportAccess access, IReportStore reports, CancellationToken cancellationToken) =>
        await VisibleAsync(ticket, user, access, reports, cancellationToken).ConfigureAwait(false) is { } report ? TypedResults.Ok(report) : NoReport(ticket);

    private static async Task<IResult> PhotoAsync(string ticket, HttpContext context, ReportAccess access, IReportStore reports, CancellationToken cancellationToken)
    {
        if (await VisibleAsync(ticket, context.User, access, reports, cancellationToken).ConfigureAwait(false) is null
            || await reports.GetPhotoAsync(ticket, cancellationToken).ConfigureAwait(false) is not { } photo)
        {
            return Problems.NotFound($"Report {ticket} has no photo.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(photo.Data, photo.ContentType);
    }

    private static async Task<IResult> ContactAsync(string ticket, HttpContext context, ReportAccess access, IReportStore reports, ReportDesk desk,
        CancellationToken cancellationToken)
    {
        if (await VisibleAsync(ticket, context.User, access, reports, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoReport(ticket);
        }

        // Contact details are personal data: never cached by a browser or a proxy.
        context.Response.Headers.CacheControl = "no-store";
        return await desk.OpenContactAsync(ticket, context.User.Actor(), cancellationToken).ConfigureAwait(false) is { } contact
            ? TypedResults.Ok(contact)
            : Problems.NotFound($"Report {ticket} has no contact details.");
    }

    private static async Task<IResult> DuplicatesAsync(string ticket, [FromQuery] double? radius, [FromQuery] double? hours, ClaimsPrincipal user, ReportAccess access,
        IReportStore reports, CancellationToken cancellationToken)
    {
        if (radius is { } r && (!double.IsFinite(r) || r is < 10 or > 5000))
        {
            return Problems.Field("radius", "must be between 10 and 5000 metres.");
        }

        if (hours is { } h && (!double.IsFinite(h) || h is < 1 or > 720))
        {
            return Problems.Field("hours", "must be between 1 and 720.");
        }

        if (await VisibleAsync(ticket, user, access, reports, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return NoReport(ticket);
        }

        // The newest thousand reports cover the time window at any realistic city volume; the finder filters them by
        // category, distance and time in memory.
        var candidates = await reports.ListAsync(false, 1000, cancellationToken).ConfigureAwait(false);
        var finder = new DuplicateFinder(radius ?? DuplicateFinder.DefaultRadiusMetres, hours ?? DuplicateFinder.DefaultWindowHours);
        return TypedResults.Ok(finder.Find(report, candidates, 10));
    }

    private static async Task<IResult> MergeAsync(string ticket, MergeRequest request, HttpContext context, ReportAccess access, IReportStore reports, ReportDesk desk,
        CancellationToken cancellationToken)
    {
        if (!ReportTicket.TryNormalize(request.Into, out var into))
        {
            return Problems.Field("into", "is required: the ticket of the report to keep (R-XXXXX-XXXXX).");
        }

        if (await VisibleAsync(ticket, context.User, access, reports, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoReport(ticket);
        }

        var change = await desk.MergeAsync(ticket, into, context.User.Actor(), cancellationToken).ConfigureAwait(false);
        return Answer(change);
    }

    private static async Task<IResult> UpdateAsync(string ticket, StatusRequest request, HttpContext context, ReportAccess access, IReportStore reports, ReportDesk desk,
        CancellationToken cancellationToken)
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

        if (await VisibleAsync(ticket, context.User, access, reports, cancellationToken).ConfigureAwait(false) is null)
        {
            return NoReport(ticket);
        }

        var updated = await desk.UpdateStatusAsync(ticket, status, string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), request.IncidentId,
            context.User.Actor(), cancellationToken).ConfigureAwait(false);
        return updated is null ? NoReport(ticket) : TypedResults.Ok(updated);
    }

    internal static IResult Answer(ReportChange change) => change switch
    {
        { Report: { } report } => TypedResults.Ok(report),
        { Refusal: { } why } => Problems.Conflict(why),
        _ => NoReport(change.MissingTicket ?? "?"),
    };

    private static async Task<ReportView?> VisibleAsync(string ticket, ClaimsPrincipal user, ReportAccess access, IReportStore reports, CancellationToken cancellationToken) =>
        await reports.GetAsync(ticket, cancellationToken).ConfigureAwait(false) is { } report && access.MaySee(user, report.Category) ? report : null;

    private static IResult NoReport(string ticket) => Problems.NotFound($"No report {ticket}.");
}
