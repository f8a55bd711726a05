using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Reports;
using Vigil.Platform.Contracts;
using Vigil.Platform.Privacy;
using Vigil.Platform.Reports;
using Vigil.Server.Web;

namespace Vigil.Server.Apis;

/// <summary>
/// What residents reach without an account: air quality by district, and reporting a problem with a ticket to follow
/// it. Anonymous by design; submissions are rate-limited per client address.
/// </summary>
public static class PublicApi
{
    public const string ReportLimiter = "public-reports";
    private const int MaxPhotoBytes = 5 * 1024 * 1024;

    public static RouteGroupBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/public").WithTags("Public");
        group.MapGet("/air-quality", AirQualityAsync).AllowAnonymous().WithSummary("PM2.5 and AQI category per district, from the latest sensor readings");
        group.MapGet("/report-categories", () => TypedResults.Ok(ReportCategories.All)).AllowAnonymous().WithSummary("What residents may report");
        group.MapPost("/reports", SubmitAsync).AllowAnonymous().RequireRateLimiting(ReportLimiter)
            .WithSummary("Report a problem; the answer holds the ticket number for looking it up")
            .ProducesValidationProblem();
        group.MapGet("/reports/{ticket}", LookUpAsync).AllowAnonymous().WithSummary("A report's status by ticket number");
        group.MapPost("/reports/{ticket}/reopen", ReopenAsync).AllowAnonymous().RequireRateLimiting(ReportLimiter)
            .WithSummary("The resident reopens a report marked resolved that is not fixed, saying why");
        return group;
    }

    public sealed record PhotoUpload(string? ContentType, string? Data);

    /// <summary>All optional: a resident may stay anonymous (and for suspicious-activity tips is told so).</summary>
    public sealed record ContactRequest(string? Name, string? Email, string? Phone);

    public sealed record ReportRequest(string? Category, string? Description, GeoView? Location, string? LocationText, ContactRequest? Contact, PhotoUpload? Photo);

    public sealed record ReopenRequest(string? Reason);

    private static async Task<IResult> AirQualityAsync(DistrictAirQuality airQuality, CancellationToken cancellationToken) =>
        TypedResults.Ok(await airQuality.GetAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> SubmitAsync(ReportRequest request, ReportDesk desk, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        if (!ReportCategories.IsKnown(request.Category))
        {
            errors.Add(new("category", $"is required: one of {string.Join(", ", ReportCategories.All)}."));
        }

        if (string.IsNullOrWhiteSpace(request.Description) || request.Description.Length > 2000)
        {
            errors.Add(new("description", "is required, at most 2000 characters."));
        }

        if (request.Location is null && string.IsNullOrWhiteSpace(request.LocationText))
        {
            errors.Add(new("location", "give a point on the map or type where it is (locationText)."));
        }

        if (request.Location is { } l && !l.ToPoint().IsValid)
        {
            errors.Add(new("location", "lat must be in [-90, 90] and lon in [-180, 180]."));
        }

        if (request.LocationText is { Length: > 300 })
        {
            errors.Add(new("locationText", "must be at most 300 characters."));
        }

        if (request.Contact is { } contact)
        {
            if (contact.Name is { Length: > 200 })
            {
                errors.Add(new("contact.name", "must be at most 200 characters."));
            }

            if (contact.Email is { Length: > 254 } || (!string.IsNullOrWhiteSpace(contact.Email) && !IsEmailLike(contact.Email.Trim())))
            {
                errors.Add(new("contact.email", "must be an e-mail address (name@domain), at most 254 characters."));
            }

            if (contact.Phone is { Length: > 40 })
            {
                errors.Add(new("contact.phone", "must be at most 40 characters."));
            }
        }

        var photo = ReportPhotos.TryDecode(request.Photo?.ContentType, request.Photo?.Data, MaxPhotoBytes, out var photoError);
        if (request.Photo is not null && photo is null)
        {
            errors.Add(new("photo", photoError ?? "is not a readable image."));
        }

        if (errors.Count > 0)
        {
            return Problems.Fields(errors);
        }

        var report = await desk.SubmitAsync(
            new NewReport(request.Category!, request.Description!.Trim(), request.Location, Trimmed(request.LocationText),
                request.Contact is { } c ? new ContactDetails(Trimmed(c.Name), Trimmed(c.Email), Trimmed(c.Phone)) : null, photo),
            ReportDesk.Portal, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/api/v1/public/reports/{report.Ticket}", PublicReportView.From(report));
    }

    private static async Task<IResult> LookUpAsync(string ticket, Platform.Ports.IReportStore reports, CancellationToken cancellationToken)
    {
        if (!ReportTicket.TryNormalize(ticket, out var normalized))
        {
            return Problems.Field("ticket", "is not a ticket number (it looks like R-XXXXX-XXXXX).");
        }

        return await reports.GetAsync(normalized, cancellationToken).ConfigureAwait(false) is { } report
            ? TypedResults.Ok(PublicReportView.From(report))
            : Problems.NotFound($"No report with ticket {normalized}.");
    }

    private static async Task<IResult> ReopenAsync(string ticket, ReopenRequest request, ReportDesk desk, CancellationToken cancellationToken)
    {
        if (!ReportTicket.TryNormalize(ticket, out var normalized))
        {
            return Problems.Field("ticket", "is not a ticket number (it looks like R-XXXXX-XXXXX).");
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 1000)
        {
            return Problems.Field("reason", "is required: say what is still wrong, at most 1000 characters.");
        }

        var change = await desk.ReopenAsync(normalized, request.Reason.Trim(), cancellationToken).ConfigureAwait(false);
        return change switch
        {
            { Report: { } report } => TypedResults.Ok(PublicReportView.From(report)),
            { Refusal: { } why } => Problems.Conflict(why),
            _ => Problems.NotFound($"No report with ticket {normalized}."),
        };
    }

    // Deliberately loose: one @ with text on both sides and a dot in the domain. Stricter checks reject real addresses.
    private static bool IsEmailLike(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.') && !email.Contains(' ', StringComparison.Ordinal);
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
