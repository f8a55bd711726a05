using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Who may call what: every mapped endpoint against every kind of caller. The expectations are written out here, not
/// read from the policy table, so that a change to the table shows up as a failing row.
/// </summary>
public sealed class AuthorizationMatrixTests(VigilServer server) : IClassFixture<VigilServer>
{
    private const string Anyone = "anonymous device admin operator dispatcher analyst responder auditor guard";
    private const string People = "admin operator dispatcher analyst responder auditor guard";
    private const string Viewers = "admin operator dispatcher analyst responder";
    private const string Deskers = "admin operator dispatcher";
    private const string Admins = "admin";

    /// <summary>Route pattern as mapped, a concrete request for it, and the callers that get past authorization.</summary>
    private static readonly EndpointCase[] Endpoints =
    [
        new("GET", "/health/live", "/health/live", null, Anyone),
        new("GET", "/health/ready", "/health/ready", null, Anyone),
        new("GET", "/metrics", "/metrics", null, Anyone),
        new("GET", "/openapi/{documentName}.json", "/openapi/v1.json", null, Anyone),
        new("POST", "/api/v1/auth/login", "/api/v1/auth/login", "{}", Anyone),
        new("POST", "/api/v1/broker/auth/user", "/api/v1/broker/auth/user", "{}", Anyone),
        new("POST", "/api/v1/broker/auth/vhost", "/api/v1/broker/auth/vhost", "{}", Anyone),
        new("POST", "/api/v1/broker/auth/resource", "/api/v1/broker/auth/resource", "{}", Anyone),
        new("POST", "/api/v1/broker/auth/topic", "/api/v1/broker/auth/topic", "{}", Anyone),
        new("POST", "/api/v1/auth/logout", "/api/v1/auth/logout", null, People),
        new("GET", "/api/v1/auth/me", "/api/v1/auth/me", null, People),
        new("GET", "/api/v1/diagnostics/latency", "/api/v1/diagnostics/latency", null, Viewers),
        new("POST", "/api/v1/diagnostics/latency/reset", "/api/v1/diagnostics/latency/reset", null, Admins),
        new("GET", "/api/v1/devices", "/api/v1/devices", null, Viewers),
        new("GET", "/api/v1/devices/{id}", "/api/v1/devices/no-such-device", null, Viewers),
        new("GET", "/api/v1/map/devices", "/api/v1/map/devices", null, Viewers),
        new("POST", "/api/v1/devices", "/api/v1/devices", "{}", Admins),
        new("PUT", "/api/v1/devices/{id}", "/api/v1/devices/no-such-device", "{}", Admins),
        new("POST", "/api/v1/devices/{id}/rotate-key", "/api/v1/devices/no-such-device/rotate-key", null, Admins),
        new("DELETE", "/api/v1/devices/{id}", "/api/v1/devices/no-such-device", null, Admins),
        new("GET", "/api/v1/devices/{id}/baseline", "/api/v1/devices/no-such-device/baseline?quantity=pm25", null, Viewers),
        new("POST", "/api/v1/observations", "/api/v1/observations", "{}", "device"),
        new("GET", "/api/v1/observations", "/api/v1/observations?device=no-such-device", null, Viewers),
        new("GET", "/api/v1/alarms", "/api/v1/alarms", null, Viewers),
        new("GET", "/api/v1/alarms/{id:long}", "/api/v1/alarms/987654321", null, Viewers),
        new("POST", "/api/v1/alarms/{id:long}/acknowledge", "/api/v1/alarms/987654321/acknowledge", null, Deskers + " analyst"),
        new("GET", "/api/v1/incidents", "/api/v1/incidents", null, Viewers),
        new("GET", "/api/v1/incidents/{id:long}", "/api/v1/incidents/987654321", null, Viewers),
        new("POST", "/api/v1/incidents", "/api/v1/incidents", "{}", Deskers),
        new("POST", "/api/v1/incidents/{id:long}/transition", "/api/v1/incidents/987654321/transition", "{}", "admin operator dispatcher responder"),
        new("POST", "/api/v1/incidents/{id:long}/notes", "/api/v1/incidents/987654321/notes", "{}", "admin operator dispatcher responder"),
        new("POST", "/api/v1/incidents/{id:long}/units", "/api/v1/incidents/987654321/units", "{}", "admin dispatcher"),
        new("GET", "/api/v1/units", "/api/v1/units", null, Viewers),
        new("PUT", "/api/v1/units/{id}", "/api/v1/units/no-such-unit", "{}", Admins),
        new("PATCH", "/api/v1/units/{id}", "/api/v1/units/no-such-unit", "{}", "admin dispatcher responder"),
        new("GET", "/api/v1/stream", "/api/v1/stream", null, Viewers),
        new("GET", "/api/v1/users", "/api/v1/users", null, Admins),
        new("POST", "/api/v1/users", "/api/v1/users", "{}", Admins),
        new("GET", "/api/v1/audit", "/api/v1/audit", null, "admin auditor"),
        new("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", null, "admin auditor"),

        // Browser pages and what the resident portal reads: public by design.
        new("GET", "/", "/", null, Anyone),
        new("GET", "/public/{**rest}", "/public/guides", null, Anyone),
        new("GET", "/api/v1/map/layers", "/api/v1/map/layers", null, Anyone),
        new("GET", "/api/v1/map/config", "/api/v1/map/config", null, Anyone),
        new("GET", "/api/v1/public/air-quality", "/api/v1/public/air-quality", null, Anyone),
        new("GET", "/api/v1/public/report-categories", "/api/v1/public/report-categories", null, Anyone),
        new("POST", "/api/v1/public/reports", "/api/v1/public/reports", "{}", Anyone),
        new("GET", "/api/v1/public/reports/{ticket}", "/api/v1/public/reports/R-NONE0-NONE0", null, Anyone),
        new("POST", "/api/v1/public/reports/{ticket}/reopen", "/api/v1/public/reports/R-NONE0-NONE0/reopen", "{}", Anyone),

        // Residents' reports as operators work them, and procedures.
        new("GET", "/api/v1/reports", "/api/v1/reports", null, Viewers),
        new("GET", "/api/v1/reports/{ticket}", "/api/v1/reports/R-NONE0-NONE0", null, Viewers),
        new("GET", "/api/v1/reports/{ticket}/photo", "/api/v1/reports/R-NONE0-NONE0/photo", null, Viewers),
        new("GET", "/api/v1/reports/{ticket}/contact", "/api/v1/reports/R-NONE0-NONE0/contact", null, "admin operator dispatcher responder"),
        new("GET", "/api/v1/reports/{ticket}/duplicates", "/api/v1/reports/R-NONE0-NONE0/duplicates", null, Viewers),
        new("POST", "/api/v1/reports/{ticket}/merge", "/api/v1/reports/R-NONE0-NONE0/merge", "{}", "admin operator dispatcher responder"),
        new("POST", "/api/v1/reports/{ticket}/status", "/api/v1/reports/R-NONE0-NONE0/status", "{}", "admin operator dispatcher responder"),
        new("GET", "/api/v1/sops", "/api/v1/sops", null, Viewers),
        new("GET", "/api/v1/sops/{type}", "/api/v1/sops/fire", null, Viewers),

        // Routing and dispatch by travel time.
        new("GET", "/api/v1/routes", "/api/v1/routes?from=0,0&to=0,0", null, Viewers),
        new("GET", "/api/v1/coverage", "/api/v1/coverage", null, Viewers),
        new("POST", "/api/v1/evacuations", "/api/v1/evacuations", "{}", Viewers),
        new("GET", "/api/v1/incidents/{id:long}/recommendations", "/api/v1/incidents/987654321/recommendations", null, Viewers),
        new("GET", "/api/v1/incidents/{id:long}/hospitals", "/api/v1/incidents/987654321/hospitals", null, Viewers),
        new("GET", "/api/v1/hospitals", "/api/v1/hospitals", null, Viewers),
        new("POST", "/api/v1/hospitals", "/api/v1/hospitals", "{}", Admins),
        new("PUT", "/api/v1/hospitals/{id}/capacity", "/api/v1/hospitals/no-such-hospital/capacity", "{}", Deskers),
        new("POST", "/api/v1/incidents/{id:long}/dispatch", "/api/v1/incidents/987654321/dispatch", "{}", "admin dispatcher"),

        // Place-based forecasts: planning material for analysts.
        new("GET", "/api/v1/forecasts", "/api/v1/forecasts", null, "admin analyst"),
        new("GET", "/api/v1/forecasts/patrols", "/api/v1/forecasts/patrols", null, "admin analyst"),
        // Guard tours: security supervisors, the desk, mobile patrol crews, and the guards themselves (their only permission).
        new("POST", "/api/v1/guard-tours", "/api/v1/guard-tours", "{}", "admin operator dispatcher responder guard"),
        // Public warnings: the desk drafts, a supervisor approves or cancels; published ones are public.
        new("GET", "/api/v1/alerts", "/api/v1/alerts", null, Viewers),
        new("GET", "/api/v1/alerts/{id}.xml", "/api/v1/alerts/no-such-alert.xml", null, Viewers),
        new("POST", "/api/v1/alerts", "/api/v1/alerts", "{}", Deskers),
        new("POST", "/api/v1/alerts/{id}/approve", "/api/v1/alerts/no-such-alert/approve", null, "admin operator"),
        new("POST", "/api/v1/alerts/{id}/update", "/api/v1/alerts/no-such-alert/update", "{}", Deskers),
        new("POST", "/api/v1/alerts/{id}/cancel", "/api/v1/alerts/no-such-alert/cancel", "{}", "admin operator"),
        new("GET", "/api/v1/public/alerts", "/api/v1/public/alerts", null, Anyone),
        new("GET", "/cap/feed.atom", "/cap/feed.atom", null, Anyone),
        new("GET", "/cap/alerts/{id}.xml", "/cap/alerts/no-such-alert.xml", null, Anyone),

        // Open311 GeoReport v2: open to every app; filing checks the app's api_key in the form, not a sign-in.
        new("GET", "/open311/v2/services.{format}", "/open311/v2/services.json", null, Anyone),
        new("GET", "/open311/v2/services/{code}.{format}", "/open311/v2/services/flooding.json", null, Anyone),
        new("POST", "/open311/v2/requests.{format}", "/open311/v2/requests.json", "{}", Anyone),
        new("GET", "/open311/v2/requests.{format}", "/open311/v2/requests.json", null, Anyone),
        new("GET", "/open311/v2/requests/{id}.{format}", "/open311/v2/requests/R-NONE0-NONE0.json", null, Anyone),
        new("GET", "/open311/v2/tokens/{id}.{format}", "/open311/v2/tokens/R-NONE0-NONE0.json", null, Anyone),
        new("GET", "/api/v1/api-keys", "/api/v1/api-keys", null, Admins),
        new("POST", "/api/v1/api-keys", "/api/v1/api-keys", "{}", Admins),
        new("DELETE", "/api/v1/api-keys/{id}", "/api/v1/api-keys/no-such-key", null, Admins),
        new("GET", "/api/v1/export/reports.{format}", "/api/v1/export/reports.csv", null, Viewers),
        new("GET", "/api/v1/export/incidents.{format}", "/api/v1/export/incidents.csv", null, Viewers),
        // Cameras: devices post detections; administrators configure; the desk watches tracks and events.
        new("POST", "/api/v1/cameras/detections", "/api/v1/cameras/detections", "{}", "device"),
        new("GET", "/api/v1/cameras", "/api/v1/cameras", null, Viewers),
        new("GET", "/api/v1/cameras/{id}", "/api/v1/cameras/no-such-camera", null, Viewers),
        new("PUT", "/api/v1/cameras/{id}/config", "/api/v1/cameras/no-such-camera/config", "{}", Admins),
        new("DELETE", "/api/v1/cameras/{id}/config", "/api/v1/cameras/no-such-camera/config", null, Admins),
        new("GET", "/api/v1/cameras/{id}/tracks", "/api/v1/cameras/no-such-camera/tracks", null, Viewers),
        new("GET", "/api/v1/cameras/{id}/events", "/api/v1/cameras/no-such-camera/events", null, Viewers),
        // Alert delivery: webhooks and the outbox are for those who issue warnings; residents subscribe without an account.
        new("GET", "/api/v1/subscribers", "/api/v1/subscribers", null, "admin operator"),
        new("POST", "/api/v1/subscribers/webhooks", "/api/v1/subscribers/webhooks", "{}", "admin operator"),
        new("DELETE", "/api/v1/subscribers/{id:long}", "/api/v1/subscribers/987654321", null, "admin operator"),
        new("GET", "/api/v1/deliveries", "/api/v1/deliveries", null, "admin operator"),
        new("POST", "/api/v1/deliveries/{id:long}/retry", "/api/v1/deliveries/987654321/retry", null, "admin operator"),
        new("POST", "/api/v1/outbreaks/counts", "/api/v1/outbreaks/counts", "{}", "admin analyst"),
        new("POST", "/api/v1/outbreaks/counts.csv", "/api/v1/outbreaks/counts.csv?period=day", "{}", "admin analyst"),
        new("GET", "/api/v1/outbreaks/signals", "/api/v1/outbreaks/signals", null, Viewers),
        new("POST", "/api/v1/public/subscriptions", "/api/v1/public/subscriptions", "{}", Anyone),
        new("GET", "/api/v1/public/subscriptions/{token}", "/api/v1/public/subscriptions/no-such-token", null, Anyone),
        new("DELETE", "/api/v1/public/subscriptions/{token}", "/api/v1/public/subscriptions/no-such-token", null, Anyone),
    ];

    private static readonly string[] Callers = ["anonymous", "device", "admin", "operator", "dispatcher", "analyst", "responder", "auditor", "guard"];

    public static TheoryData<string, string, string> Matrix()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var endpoint in Endpoints)
        {
            foreach (var caller in Callers)
            {
                data.Add(endpoint.Method, endpoint.Pattern, caller);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Caller_is_allowed_or_denied_as_the_matrix_says(string method, string pattern, string caller)
    {
        var endpoint = Array.Find(Endpoints, e => e.Method == method && e.Pattern == pattern)!;
        var client = await ClientAsync(caller);
        using var request = new HttpRequestMessage(new HttpMethod(method), endpoint.Path);
        if (endpoint.Body is { } body)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        // Read headers only: the live feed never ends.
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        var status = response.StatusCode;
        if (endpoint.Allowed.Split(' ').Contains(caller))
        {
            Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{caller} should reach {method} {pattern} but got {(int)status}");
        }
        else
        {
            // Not signed in as a person (no credentials, or a device key where a person is needed, or a person where a
            // device is needed) is 401; a person whose role lacks the permission is 403.
            var expected = caller is "anonymous" or "device" || endpoint.Allowed == "device" ? HttpStatusCode.Unauthorized : HttpStatusCode.Forbidden;
            Assert.True(expected == status, $"{caller} on {method} {pattern}: expected {(int)expected}, got {(int)status}");
        }
    }

    [Fact]
    public void Matrix_lists_every_mapped_endpoint_and_each_carries_an_explicit_policy_or_allows_anonymous()
    {
        var mapped = new List<string>();
        foreach (var source in ((IEndpointRouteBuilder)server.App).DataSources)
        {
            foreach (var endpoint in source.Endpoints)
            {
                var route = Assert.IsType<RouteEndpoint>(endpoint);
                var name = $"{string.Join(",", route.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {Normalise(route.RoutePattern.RawText)}";
                mapped.Add(name);
                var anonymous = route.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                var policies = route.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => !string.IsNullOrEmpty(a.Policy)).ToList();
                Assert.True(anonymous || policies.Count > 0, $"{name} names no policy and does not allow anonymous callers");
                Assert.False(anonymous && policies.Count > 0, $"{name} both allows anonymous callers and names a policy");
            }
        }

        var listed = Endpoints.Select(e => $"{e.Method} {e.Pattern}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(listed, mapped.Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task Forged_or_garbled_bearer_token_is_refused()
    {
        using var client = new HttpClient { BaseAddress = server.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJl");

        using var response = await client.GetAsync("/api/v1/alarms");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_problem()
    {
        using var response = await server.Anonymous.PostAsync(
            "/api/v1/auth/login", new StringContent("""{"userName":"admin","password":"not-the-password"}""", Encoding.UTF8, "application/json"));

        await Expect.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    private static string Normalise(string? pattern) => pattern is { Length: > 1 } p ? p.TrimEnd('/') : pattern ?? string.Empty;

    private async Task<HttpClient> ClientAsync(string caller) => caller switch
    {
        "anonymous" => server.Anonymous,
        "device" => (await server.SharedDeviceAsync()).Client,
        _ => await server.AsAsync(Enum.Parse<Role>(caller, ignoreCase: true)),
    };

    private sealed record EndpointCase(string Method, string Pattern, string Path, string? Body, string Allowed);
}
