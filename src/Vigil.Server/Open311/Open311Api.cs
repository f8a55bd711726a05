using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vigil.Domain.Reports;
using Vigil.Platform.ApiKeys;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Platform.Reports;
using Vigil.Server.Configuration;

namespace Vigil.Server.Open311;

/// <summary>
/// Open311 GeoReport v2 (https://wiki.open311.org/GeoReport_v2) for third-party city apps: services, service
/// definitions, requests and tokens, each as .json or .xml. It is a facade over the report desk, so a request filed
/// here lands in the operators' queue exactly as a portal report does. Reading is open to anyone; filing needs an API
/// key. Errors use the spec's shape (a list of code and description) with the matching HTTP status.
/// </summary>
public static class Open311Api
{
    public const string AddressLimiter = "open311-address";
    public const string Prefix = "/open311/v2";

    /// <summary>The largest form accepted: a full description, contact details and answers fit many times over.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Spec: a date range may span at most 90 days, and that is the default window.</summary>
    private static readonly TimeSpan MaxRange = TimeSpan.FromDays(90);
    private const int MaxIds = 100;
    private const int MaxResults = 1000;

    public static RouteGroupBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix).WithTags("Open311").AllowAnonymous().RequireRateLimiting(AddressLimiter);
        group.MapGet("/services.{format}", Services).WithSummary("GeoReport v2: the services (report categories) this city takes");
        group.MapGet("/services/{code}.{format}", Definition).WithSummary("GeoReport v2: one service's definition with its attributes");
        group.MapPost("/requests.{format}", SubmitAsync)
            .WithSummary("GeoReport v2: file a request (application/x-www-form-urlencoded, api_key required)")
            .WithDescription("Fields: api_key, jurisdiction_id, service_code, lat and long or address_string, attribute[code], email, first_name, last_name, phone, description, media_url.");
        group.MapGet("/requests.{format}", ListAsync)
            .WithSummary("GeoReport v2: requests filtered by service_request_id, service_code, status, start_date and end_date (at most 90 days)");
        group.MapGet("/requests/{id}.{format}", GetAsync).WithSummary("GeoReport v2: one request by service_request_id");
        group.MapGet("/tokens/{id}.{format}", TokenAsync).WithSummary("GeoReport v2: the service_request_id for a token");
        return group;
    }

    private static IResult Services(string format, HttpContext context, Open311Catalog catalog, IOptions<Open311Options> options)
    {
        if (Refuse(format, context.Request.Query["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        var items = new List<Open311Fields>(catalog.Services.Count);
        foreach (var s in catalog.Services)
        {
            items.Add(new Open311Fields()
                .Add("service_code", s.Code).Add("service_name", s.Name).Add("description", s.Description).Add("metadata", s.Metadata)
                .Add("type", "realtime").Add("keywords", s.Keywords).Add("group", s.Group));
        }

        return Open311Writer.Result(new Open311Document("services", "service", items), format);
    }

    private static IResult Definition(string code, string format, HttpContext context, Open311Catalog catalog, IOptions<Open311Options> options)
    {
        if (Refuse(format, context.Request.Query["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        if (catalog.Find(code) is not { } service)
        {
            return Open311Writer.Errors(format, StatusCodes.Status404NotFound, $"service_code: {Shorten(code)} is not a service here (see services.{format}).");
        }

        var attributes = new List<Open311Fields>(service.Attributes.Count);
        foreach (var a in service.Attributes)
        {
            var values = new List<Open311Fields>(a.Values.Count);
            foreach (var (key, name) in a.Values)
            {
                values.Add(new Open311Fields().Add("key", key).Add("name", name));
            }

            attributes.Add(new Open311Fields()
                .Add("variable", true).Add("code", a.Code).Add("datatype", a.Datatype).Add("required", a.Required)
                .Add("datatype_description", a.DatatypeDescription).Add("order", a.Order).Add("description", a.Description)
                .Add("values", new Open311List("value", values)));
        }

        var definition = new Open311Fields().Add("service_code", service.Code).Add("attributes", new Open311List("attribute", attributes));
        return Open311Writer.Result(new Open311Document("service_definition", null, [definition]), format);
    }

    private static async Task<IResult> SubmitAsync(
        string format, HttpContext context, Open311Catalog catalog, ApiKeyDesk keys, Open311KeyLimiter limiter, ReportDesk desk,
        IOptions<Open311Options> options, CancellationToken cancellationToken)
    {
        if (!Open311Writer.IsFormat(format))
        {
            return UnknownFormat();
        }

        if (!context.Request.HasFormContentType)
        {
            return Open311Writer.Errors(format, StatusCodes.Status415UnsupportedMediaType,
                "Content-Type: must be application/x-www-form-urlencoded (or multipart/form-data).");
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(new FormOptions
            {
                ValueCountLimit = 100,
                KeyLengthLimit = 200,
                ValueLengthLimit = MaxBodyBytes,
                MultipartBodyLengthLimit = MaxBodyBytes,
                MultipartHeadersCountLimit = 16,
                MultipartHeadersLengthLimit = 4096,
                BufferBodyLengthLimit = MaxBodyBytes,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            return Open311Writer.Errors(format, e.StatusCode, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"body: must be at most {MaxBodyBytes} bytes."
                : "body: is not a readable form.");
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // A multipart body cut short: the client's fault, not the server's.
            return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, "body: ended before the form did.");
        }
        catch (InvalidDataException e)
        {
            // Thrown by the form reader for a limit passed or a malformed multipart body; its message names the limit.
            return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"body: is not an acceptable form ({e.Message})");
        }

        foreach (var field in Open311Submission.SingleFields)
        {
            if (form.TryGetValue(field, out var values) && values.Count > 1)
            {
                return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"{field}: is given more than once.");
            }
        }

        if (Refuse(format, form["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        if (await keys.FindActiveAsync(form["api_key"].ToString(), cancellationToken).ConfigureAwait(false) is not { } key)
        {
            return Open311Writer.Errors(format, StatusCodes.Status403Forbidden, "api_key: is missing, unknown or revoked.");
        }

        using var lease = limiter.Acquire(key.Id);
        if (!lease.IsAcquired)
        {
            return TooManyRequests(context, lease, $"API key {key.Id} may file {options.Value.SubmissionsPerMinutePerKey} requests per minute.");
        }

        var code = form["service_code"].ToString();
        if (string.IsNullOrWhiteSpace(code))
        {
            return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, "service_code: is required.");
        }

        if (catalog.Find(code) is not { } service)
        {
            return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"service_code: {Shorten(code)} is not a service here (see services.{format}).");
        }

        var errors = new List<string>();
        if (Open311Submission.TryRead(form, service, errors) is not { } report)
        {
            return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, [.. errors]);
        }

        var view = await desk.SubmitAsync(report, ReportDesk.Open311Client(key.Id, key.Name), cancellationToken).ConfigureAwait(false);
        context.Response.Headers.Location = $"{Prefix}/requests/{view.Ticket}.{format}";
        var answer = new Open311Fields().Add("service_request_id", view.Ticket).Add("service_notice", options.Value.ServiceNotice).Add("account_id", null);
        return Open311Writer.Result(new Open311Document("service_requests", "request", [answer]), format, StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListAsync(
        string format, HttpContext context, Open311Catalog catalog, IReportStore reports, TimeProvider time,
        IOptions<Open311Options> options, IOptions<OpenDataOptions> openData, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        if (Refuse(format, query["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        var published = PublishedCodes(catalog);
        ReportQuery filter;
        if (query.ContainsKey("service_request_id"))
        {
            // Spec: with service_request_id given, the other filters are ignored.
            var tickets = new List<string>();
            foreach (var part in Split(query["service_request_id"].ToString()))
            {
                if (!ReportTicket.TryNormalize(part, out var ticket))
                {
                    return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"service_request_id: {Shorten(part)} is not a request id (they look like R-XXXXX-XXXXX).");
                }

                tickets.Add(ticket);
            }

            if (tickets.Count is 0 or > MaxIds)
            {
                return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"service_request_id: give 1 to {MaxIds} ids, comma separated.");
            }

            filter = new ReportQuery(tickets, published, null, null, null, MaxResults);
        }
        else
        {
            var codes = published;
            if (query.ContainsKey("service_code"))
            {
                codes = [];
                foreach (var part in Split(query["service_code"].ToString()))
                {
                    if (catalog.Find(part) is null)
                    {
                        return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, $"service_code: {Shorten(part)} is not a service here.");
                    }

                    codes.Add(part);
                }
            }

            bool? open = null;
            if (query.ContainsKey("status"))
            {
                var wantOpen = false;
                var wantClosed = false;
                foreach (var part in Split(query["status"].ToString()))
                {
                    wantOpen |= part == "open";
                    wantClosed |= part == "closed";
                    if (part is not ("open" or "closed"))
                    {
                        return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, "status: must be open, closed or open,closed.");
                    }
                }

                open = wantOpen == wantClosed ? null : wantOpen;
            }

            if (!TryDate(query, "start_date", out var start, out var error) || !TryDate(query, "end_date", out var end, out error))
            {
                return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, error!);
            }

            // Spec: without dates, the last 90 days; with one date, 90 days from or up to it.
            if (start is null && end is null)
            {
                start = time.GetUtcNow() - MaxRange;
            }
            else if (end is null)
            {
                end = start + MaxRange;
            }
            else if (start is null)
            {
                start = end - MaxRange;
            }

            if (end is { } to && start is { } from)
            {
                if (to < from)
                {
                    return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, "end_date: must not be before start_date.");
                }

                if (to - from > MaxRange)
                {
                    return Open311Writer.Errors(format, StatusCodes.Status400BadRequest, "start_date/end_date: the range may span at most 90 days.");
                }
            }

            filter = new ReportQuery(null, codes, start, end, open, MaxResults);
        }

        var found = await reports.QueryAsync(filter, cancellationToken).ConfigureAwait(false);
        return Requests(found, catalog, options.Value, openData.Value, format);
    }

    private static async Task<IResult> GetAsync(
        string id, string format, HttpContext context, Open311Catalog catalog, IReportStore reports, IOptions<Open311Options> options,
        IOptions<OpenDataOptions> openData, CancellationToken cancellationToken)
    {
        if (Refuse(format, context.Request.Query["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        if (await FindPublishedAsync(id, catalog, reports, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return Open311Writer.Errors(format, StatusCodes.Status404NotFound, $"service_request_id: no request {Shorten(id)}.");
        }

        return Requests([report], catalog, options.Value, openData.Value, format);
    }

    /// <summary>
    /// Requests are stored the moment they are filed, so a token is simply the request's own id: an app written for
    /// deferred ids still gets its answer here.
    /// </summary>
    private static async Task<IResult> TokenAsync(
        string id, string format, HttpContext context, Open311Catalog catalog, IReportStore reports, IOptions<Open311Options> options, CancellationToken cancellationToken)
    {
        if (Refuse(format, context.Request.Query["jurisdiction_id"], options.Value) is { } refused)
        {
            return refused;
        }

        if (await FindPublishedAsync(id, catalog, reports, cancellationToken).ConfigureAwait(false) is not { } report)
        {
            return Open311Writer.Errors(format, StatusCodes.Status404NotFound, $"token: no token {Shorten(id)}.");
        }

        var fields = new Open311Fields().Add("service_request_id", report.Ticket).Add("token", report.Ticket);
        return Open311Writer.Result(new Open311Document("service_requests", "request", [fields]), format);
    }

    private static async Task<ReportView?> FindPublishedAsync(string id, Open311Catalog catalog, IReportStore reports, CancellationToken cancellationToken)
    {
        if (!ReportTicket.TryNormalize(id, out var ticket))
        {
            return null;
        }

        var report = await reports.GetAsync(ticket, cancellationToken).ConfigureAwait(false);
        return report is not null && catalog.Find(report.Category) is not null ? report : null;
    }

    private static IResult Requests(IReadOnlyList<ReportView> found, Open311Catalog catalog, Open311Options options, OpenDataOptions openData, string format)
    {
        var items = new List<Open311Fields>(found.Count);
        foreach (var r in found)
        {
            var service = catalog.Find(r.Category);
            if (service is null)
            {
                continue;
            }

            items.Add(new Open311Fields()
                .Add("service_request_id", r.Ticket)
                .Add("status", r.Status is ReportStatus.Resolved or ReportStatus.Dismissed ? "closed" : "open")
                .Add("status_notes", r.StatusNote)
                .Add("service_name", service.Name)
                .Add("service_code", r.Category)
                .Add("description", openData.IsSensitive(r.Category) ? null : r.Description)
                .Add("agency_responsible", options.AgencyResponsible)
                .Add("service_notice", null)
                .Add("requested_datetime", W3c(r.CreatedAt))
                .Add("updated_datetime", W3c(r.UpdatedAt))
                .Add("expected_datetime", null)
                .Add("address", r.LocationText)
                .Add("address_id", null)
                .Add("zipcode", null)
                .Add("lat", r.Location?.Lat)
                .Add("long", r.Location?.Lon)
                .Add("media_url", null));
        }

        return Open311Writer.Result(new Open311Document("service_requests", "request", items), format);
    }

    /// <summary>An unknown format or another jurisdiction, as an error result; null when the request may go on.</summary>
    private static IResult? Refuse(string format, string? jurisdiction, Open311Options options)
    {
        if (!Open311Writer.IsFormat(format))
        {
            return UnknownFormat();
        }

        if (!string.IsNullOrEmpty(jurisdiction) && !string.Equals(jurisdiction, options.JurisdictionId, StringComparison.Ordinal))
        {
            return Open311Writer.Errors(format, StatusCodes.Status404NotFound, $"jurisdiction_id: {Shorten(jurisdiction)} is not served here; this is {options.JurisdictionId}.");
        }

        return null;
    }

    /// <summary>Neither .json nor .xml: answered in JSON, the spec's default.</summary>
    private static IResult UnknownFormat() =>
        Open311Writer.Errors(Open311Writer.Json, StatusCodes.Status404NotFound, "format: must be .json or .xml.");

    internal static IResult TooManyRequests(HttpContext context, RateLimitLease lease, string detail)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? Math.Max(1, (int)Math.Ceiling(after.TotalSeconds)) : 60;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Problem(detail, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }

    private static List<string> PublishedCodes(Open311Catalog catalog)
    {
        var codes = new List<string>(catalog.Services.Count);
        foreach (var s in catalog.Services)
        {
            codes.Add(s.Code);
        }

        return codes;
    }

    private static bool TryDate(IQueryCollection query, string field, out DateTimeOffset? value, out string? error)
    {
        value = null;
        error = null;
        if (!query.TryGetValue(field, out var given) || string.IsNullOrWhiteSpace(given.ToString()))
        {
            return true;
        }

        var text = given.ToString();
        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        error = $"{field}: must be a W3C date and time, such as 2026-04-14T06:37:38-08:00.";
        return false;
    }

    private static List<string> Split(string text)
    {
        var parts = new List<string>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            parts.Add(part);
        }

        return parts;
    }

    private static string W3c(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Echoed input is cut short, so an error never repeats a megabyte back.</summary>
    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 60), "…");
}
