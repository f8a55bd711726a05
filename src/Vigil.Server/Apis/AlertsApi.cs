using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Authoring;
using Vigil.Alerting.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;
using Vigil.Server.Security;

namespace Vigil.Server.Apis;

/// <summary>Public warnings as the desk authors them: draft, update, approval by a second person, cancellation.</summary>
public static partial class AlertsApi
{
    private const int MaxHeadline = 139;

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/alerts").WithTags("Alerts");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("Alerts, newest draft first, with their status");
        group.MapGet("/{id}.xml", XmlAsync).RequireAuthorization(Policies.ViewOperations).WithSummary("An alert (draft or issued) as CAP 1.2 XML");
        group.MapPost("/", DraftAsync).RequireAuthorization(Policies.DraftAlerts)
            .WithSummary("Draft a CAP alert; it is published only when a second person approves it").ProducesValidationProblem();
        group.MapPost("/{id}/approve", ApproveAsync).RequireAuthorization(Policies.ApproveAlerts)
            .WithSummary("Approve and publish a draft; its author cannot approve it");
        group.MapPost("/{id}/update", UpdateAsync).RequireAuthorization(Policies.DraftAlerts)
            .WithSummary("Draft a CAP Update of an issued alert (references filled in); approved like any draft, it replaces the alert")
            .ProducesValidationProblem();
        group.MapPost("/{id}/cancel", CancelAsync).RequireAuthorization(Policies.ApproveAlerts)
            .WithSummary("Withdraw an issued alert with a CAP Cancel message that references it");
        return group;
    }

    public sealed record TextRequest(string? Language, string? Event, string? Headline, string? Description, string? Instruction);

    public sealed record CircleRequest(double Lat, double Lon, double RadiusKm);

    public sealed record AreaRequest(string? Description, IReadOnlyList<GeoView>? Polygon, CircleRequest? Circle);

    /// <summary>The alert in its first language, with <paramref name="Translations"/> for the others.</summary>
    public sealed record DraftRequest(
        string? Event,
        string? Category,
        string? Urgency,
        string? Severity,
        string? Certainty,
        string? Headline,
        string? Description,
        string? Instruction,
        string? Language,
        IReadOnlyList<TextRequest>? Translations,
        AreaRequest? Area,
        DateTimeOffset? Expires,
        long? IncidentId);

    public sealed record CancelRequest(string? Note);

    private static async Task<IResult> ListAsync([FromQuery] AlertStatus? status, [FromQuery] int? limit, IAlertStore alerts, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
        {
            return Problems.Field("limit", "must be between 1 and 1000.");
        }

        return TypedResults.Ok(await alerts.ListAsync(status, limit ?? 200, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<IResult> XmlAsync(string id, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } stored
            ? TypedResults.Text(stored.CapXml, AlertAtomFeed.CapMediaType, System.Text.Encoding.UTF8)
            : Problems.NotFound($"No alert {id}.");

    private static Task<IResult> DraftAsync(DraftRequest request, HttpContext context, AlertDesk desk, CancellationToken cancellationToken) =>
        ComposeAndDraftAsync(request, null, null, context, desk, cancellationToken);

    /// <summary>
    /// An Update restates the alert in full (texts, classification, area), as CAP receivers replace the earlier message
    /// with it; its references name the alert and everything that alert referenced.
    /// </summary>
    private static async Task<IResult> UpdateAsync(string id, DraftRequest request, HttpContext context, AlertDesk desk, CancellationToken cancellationToken)
    {
        var previous = await desk.InForceAsync(id, cancellationToken).ConfigureAwait(false);
        if (previous.Failure != Platform.Operations.DeskFailure.None)
        {
            return Problems.From(previous, _ => TypedResults.Ok());
        }

        return await ComposeAndDraftAsync(request, previous.Value, id, context, desk, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> ComposeAndDraftAsync(
        DraftRequest request, CapAlert? previous, string? previousId, HttpContext context, AlertDesk desk, CancellationToken cancellationToken)
    {
        var errors = new List<KeyValuePair<string, string>>();
        var now = desk.Now;
        var builder = TryCompose(request, desk, now, previous, errors);
        if (builder is null)
        {
            return Problems.Fields(errors);
        }

        var (alert, findings) = await desk.DraftAsync(builder, context.User.Actor(), request.IncidentId, cancellationToken, previousId).ConfigureAwait(false);
        if (alert is null)
        {
            // The library names the CAP element at fault (e.g. "alert/info[1]/area[1]/polygon[1]").
            foreach (var finding in findings)
            {
                if (finding.Severity == Alerting.Cap.Validation.CapFindingSeverity.Error)
                {
                    errors.Add(new(finding.Element, finding.Message));
                }
            }

            return Problems.Fields(errors);
        }

        return TypedResults.Created($"/api/v1/alerts/{alert.Id}.xml", alert);
    }

    private static async Task<IResult> ApproveAsync(string id, HttpContext context, AlertDesk desk, CancellationToken cancellationToken) =>
        Problems.From(await desk.ApproveAsync(id, context.User.Actor(), cancellationToken).ConfigureAwait(false), a => TypedResults.Ok(a));

    private static async Task<IResult> CancelAsync(string id, CancelRequest? request, HttpContext context, AlertDesk desk, CancellationToken cancellationToken)
    {
        if (request?.Note is { Length: > 500 })
        {
            return Problems.Field("note", "must be at most 500 characters.");
        }

        var note = string.IsNullOrWhiteSpace(request?.Note) ? null : request.Note.Trim();
        return Problems.From(await desk.CancelAsync(id, context.User.Actor(), note, cancellationToken).ConfigureAwait(false), a => TypedResults.Ok(a));
    }

    /// <summary>Checks each field and composes the alert; null, with the fields named in <paramref name="errors"/>, when a field is wrong.</summary>
    private static CapAlertBuilder? TryCompose(
        DraftRequest request, AlertDesk desk, DateTimeOffset now, CapAlert? previous, List<KeyValuePair<string, string>> errors)
    {
        var urgency = Code<CapUrgency>(request.Urgency, "urgency", errors);
        var severity = Code<CapSeverity>(request.Severity, "severity", errors);
        var certainty = Code<CapCertainty>(request.Certainty, "certainty", errors);
        var category = request.Category is null ? CapCategory.Safety : Code<CapCategory>(request.Category, "category", errors);
        var language = string.IsNullOrWhiteSpace(request.Language) ? "en-US" : request.Language.Trim();
        var texts = new List<CapText>();
        var main = Text(new TextRequest(language, request.Event, request.Headline, request.Description, request.Instruction), null, string.Empty, errors);
        if (main is not null)
        {
            texts.Add(main);
        }

        var languages = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { language };
        for (var i = 0; i < (request.Translations?.Count ?? 0); i++)
        {
            var t = request.Translations![i];
            var prefix = $"translations[{i}].";
            if (t is null)
            {
                errors.Add(new($"translations[{i}]", "must not be null."));
                continue;
            }

            if (t.Language is { } l && !languages.Add(l.Trim()))
            {
                errors.Add(new(prefix + "language", "each language may appear once."));
                continue;
            }

            if (Text(t, request.Event, prefix, errors) is { } text)
            {
                texts.Add(text);
            }
        }

        var area = request.Area;
        var areaDesc = area?.Description?.Trim();
        if (area is null)
        {
            errors.Add(new("area", "is required: a description and either a polygon or a circle."));
        }
        else
        {
            if (string.IsNullOrEmpty(areaDesc) || areaDesc.Length > 200)
            {
                errors.Add(new("area.description", "is required, at most 200 characters."));
            }

            if ((area.Polygon is null) == (area.Circle is null))
            {
                errors.Add(new("area", "give either a polygon or a circle, not both."));
            }

            if (area.Polygon is { } ring)
            {
                if (ring.Count is < 3 or > 1000)
                {
                    errors.Add(new("area.polygon", "needs 3 to 1000 corners."));
                }

                foreach (var p in ring)
                {
                    if (p is null || !ValidPoint(p.Lat, p.Lon))
                    {
                        errors.Add(new("area.polygon", "each corner needs lat in [-90, 90] and lon in [-180, 180]."));
                        break;
                    }
                }
            }

            if (area.Circle is { } c)
            {
                if (!ValidPoint(c.Lat, c.Lon))
                {
                    errors.Add(new("area.circle", "lat must be in [-90, 90] and lon in [-180, 180]."));
                }

                if (!(c.RadiusKm > 0 && c.RadiusKm <= 1000))
                {
                    errors.Add(new("area.circle.radiusKm", "must be greater than 0 and at most 1000."));
                }
            }
        }

        var validity = desk.Options.DefaultValidity;
        var expires = request.Expires ?? now + validity;
        if (expires <= now || expires > now.AddDays(30))
        {
            errors.Add(new("expires", "must be in the future, at most 30 days ahead."));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var builder = previous is null
            ? CapAlertBuilder.Alert(desk.Options.Sender, desk.NewIdentifier(), now)
            : CapAlertBuilder.UpdateOf(previous, desk.NewIdentifier(), now).ClearTexts().ClearAreas();
        builder.Classify(urgency, severity, certainty, category);
        builder.Expires = expires;
        builder.SenderName = desk.Options.SenderName;
        foreach (var text in texts)
        {
            builder.AddText(text);
        }

        if (area!.Polygon is { } polygon)
        {
            var points = new List<GeoPoint>(polygon.Count);
            foreach (var p in polygon)
            {
                points.Add(new GeoPoint(p.Lat, p.Lon));
            }

            builder.AddPolygon(areaDesc!, points);
        }
        else
        {
            builder.AddCircle(areaDesc!, new GeoCircle(new GeoPoint(area.Circle!.Lat, area.Circle.Lon), area.Circle.RadiusKm));
        }

        return builder;
    }

    private static CapText? Text(TextRequest t, string? defaultEvent, string prefix, List<KeyValuePair<string, string>> errors)
    {
        var before = errors.Count;
        var language = t.Language?.Trim();
        if (string.IsNullOrEmpty(language) || !LanguageTag().IsMatch(language))
        {
            errors.Add(new(prefix + "language", "is required: a language tag such as en-US or es."));
        }

        var name = string.IsNullOrWhiteSpace(t.Event) ? defaultEvent : t.Event.Trim();
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100)
        {
            errors.Add(new(prefix + "event", "is required, at most 100 characters (e.g. Chemical Release)."));
        }

        if (string.IsNullOrWhiteSpace(t.Headline) || t.Headline.Trim().Length > MaxHeadline)
        {
            errors.Add(new(prefix + "headline", $"is required, at most {MaxHeadline} characters (aggregators refuse longer)."));
        }

        if (string.IsNullOrWhiteSpace(t.Description) || t.Description.Length > 4000)
        {
            errors.Add(new(prefix + "description", "is required, at most 4000 characters."));
        }

        if (t.Instruction is { Length: > 2000 })
        {
            errors.Add(new(prefix + "instruction", "must be at most 2000 characters."));
        }

        return errors.Count > before
            ? null
            : new CapText(language!, name!, t.Headline!.Trim(), t.Description!.Trim(), string.IsNullOrWhiteSpace(t.Instruction) ? null : t.Instruction.Trim());
    }

    private static TEnum Code<TEnum>(string? value, string field, List<KeyValuePair<string, string>> errors)
        where TEnum : struct, Enum
    {
        if (!CapVocabulary.TryParse<TEnum>(value, out var parsed))
        {
            errors.Add(new(field, $"is required: one of {string.Join(", ", CapVocabulary.Codes<TEnum>())}."));
        }

        return parsed;
    }

    private static bool ValidPoint(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180;

    [GeneratedRegex("^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();
}
