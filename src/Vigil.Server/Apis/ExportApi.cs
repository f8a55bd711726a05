using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;
using Vigil.Server.OpenData;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>
/// Reports and incidents for the city's open-data portal, as GeoJSON or CSV with no personal data. Staff pull the
/// files and publish them; the files themselves hold nothing that could not be published.
/// </summary>
public static class ExportApi
{
    public const int MaxRows = 50_000;

    public static RouteGroupBuilder MapExportApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/export").WithTags("Open data");
        group.MapGet("/reports.{format}", ReportsAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Residents' reports as open data (geojson or csv): no contact details, no text of sensitive categories");
        group.MapGet("/incidents.{format}", IncidentsAsync).RequireAuthorization(Policies.ViewOperations)
            .WithSummary("Incidents as open data (geojson or csv): type, priority, status, times and place only");
        return group;
    }

    private static async Task<IResult> ReportsAsync(
        string format, HttpContext context, IReportStore reports, IOptions<OpenDataOptions> options, CancellationToken cancellationToken)
    {
        if (Check(format, context.Request.Query, out var from, out var to, out var limit) is { } problem)
        {
            return problem;
        }

        var found = await reports.QueryAsync(new ReportQuery(null, [.. options.Value.Published], from, to, null, limit), cancellationToken).ConfigureAwait(false);
        return File(context, OpenDataExport.Reports(found, options.Value, format), format, "reports");
    }

    private static async Task<IResult> IncidentsAsync(string format, HttpContext context, IOperationsStore operations, CancellationToken cancellationToken)
    {
        if (Check(format, context.Request.Query, out var from, out var to, out var limit) is { } problem)
        {
            return problem;
        }

        var listed = await operations.ListIncidentsAsync(new IncidentQuery(Since: from, Limit: limit), cancellationToken).ConfigureAwait(false);
        var kept = new List<IncidentView>(listed.Count);
        foreach (var incident in listed)
        {
            if (to is null || incident.CreatedAt <= to)
            {
                kept.Add(incident);
            }
        }

        return File(context, OpenDataExport.Incidents(kept, format), format, "incidents");
    }

    private static IResult? Check(string format, IQueryCollection query, out DateTimeOffset? from, out DateTimeOffset? to, out int limit)
    {
        from = to = null;
        limit = MaxRows;
        var errors = new List<KeyValuePair<string, string>>();
        if (!OpenDataExport.IsFormat(format))
        {
            errors.Add(new("format", "must be geojson or csv (reports.geojson, reports.csv)."));
        }

        foreach (var (field, target) in new[] { ("from", 0), ("to", 1) })
        {
            var text = query[field].ToString();
            if (text.Length == 0)
            {
                continue;
            }

            if (text.Length > 40 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                errors.Add(new(field, "must be an ISO 8601 date and time."));
            }
            else if (target == 0)
            {
                from = at;
            }
            else
            {
                to = at;
            }
        }

        var limitText = query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxRows))
        {
            errors.Add(new("limit", $"must be between 1 and {MaxRows}."));
        }

        if (from is { } f && to is { } t && t < f)
        {
            errors.Add(new("to", "must not be before from."));
        }

        return errors.Count > 0 ? Problems.Fields(errors) : null;
    }

    private static IResult File(HttpContext context, byte[] body, string format, string name)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(body, OpenDataExport.ContentType(format), $"vigil-{name}.{format}");
    }
}
