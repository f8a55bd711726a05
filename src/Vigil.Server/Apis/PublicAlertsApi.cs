using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;

namespace Vigil.Server.Apis;

/// <summary>
/// Published warnings for everyone, without signing in: a GeoJSON map layer for the resident portal, the Atom index
/// that aggregators poll, and each CAP message as XML at a stable URL. Drafts are never visible here.
/// </summary>
public static class PublicAlertsApi
{
    // Enough for any city's warnings in force; the index stays small for pollers.
    private const int Window = 500;

    // A Cancel message stays in the index this long, so that pollers which missed it still learn of it.
    private static readonly TimeSpan CancelsListedFor = TimeSpan.FromHours(24);

    public static IEndpointRouteBuilder MapPublicAlertsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/public/alerts", GeoJsonAsync).AllowAnonymous().WithTags("Public")
            .WithSummary("Active public warnings as a GeoJSON FeatureCollection (headline, severity, instruction per area)");
        app.MapGet("/cap/feed.atom", AtomAsync).AllowAnonymous().WithTags("Public")
            .WithSummary("Atom index of active CAP 1.2 alerts and recent cancellations, each linking to its CAP XML");
        app.MapGet("/cap/alerts/{id}.xml", XmlAsync).AllowAnonymous().WithTags("Public")
            .WithSummary("A published CAP 1.2 message");
        return app;
    }

    private static async Task<IResult> GeoJsonAsync(HttpContext context, IAlertStore alerts, AlertDesk desk, CancellationToken cancellationToken)
    {
        var now = desk.Now;
        var issued = await alerts.ListAsync(AlertStatus.Issued, Window, cancellationToken).ConfigureAwait(false);
        var active = new List<AlertView>(issued.Count);
        foreach (var alert in issued)
        {
            if (AlertViews.IsActive(alert, now))
            {
                active.Add(alert);
            }
        }

        var root = Root(context.Request);
        var json = AlertGeoJson.Build(active, a => CapUrl(root, a)).ToJsonString();
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(json, "application/geo+json", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> AtomAsync(HttpContext context, IAlertStore alerts, AlertDesk desk, CancellationToken cancellationToken)
    {
        var now = desk.Now;
        var issued = await alerts.ListAsync(AlertStatus.Issued, Window, cancellationToken).ConfigureAwait(false);
        var listed = new List<AlertView>(issued.Count);
        foreach (var alert in issued)
        {
            if (AlertViews.IsActive(alert, now) || (alert.MsgType == "Cancel" && alert.Sent is { } sent && now - sent < CancelsListedFor))
            {
                listed.Add(alert);
            }
        }

        var root = Root(context.Request);
        var xml = AlertAtomFeed.Write(listed, root + "/cap/feed.atom", a => CapUrl(root, a), desk.Options.SenderName, now);
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(xml, "application/atom+xml", System.Text.Encoding.UTF8);
    }

    private static async Task<IResult> XmlAsync(string id, IAlertStore alerts, CancellationToken cancellationToken) =>
        await alerts.GetAsync(id, cancellationToken).ConfigureAwait(false) is { Alert.Status: not AlertStatus.Pending } stored
            ? TypedResults.Text(stored.CapXml, AlertAtomFeed.CapMediaType, System.Text.Encoding.UTF8)
            : Problems.NotFound($"No published alert {id}.");

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    private static string CapUrl(string root, AlertView alert) => $"{root}/cap/alerts/{Uri.EscapeDataString(alert.Id)}.xml";
}
