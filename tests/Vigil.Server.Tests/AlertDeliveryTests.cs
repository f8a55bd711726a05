using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;
using Vigil.Alerting.Delivery;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Geo-targeted delivery end to end: subscribers registered through the API, an alert issued over an area, signed
/// webhooks posted to a real HTTP receiver with retries and dead letters, and residents' inboxes.
/// </summary>
public sealed class AlertDeliveryTests(DeliveryServer server) : IClassFixture<DeliveryServer>
{
    // Each test works in its own patch of the map, so that alerts of one test never reach another test's subscribers.
    [Fact]
    public async Task Subscribers_in_the_area_get_the_alert_signed_retried_until_accepted_and_its_cancel_too()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = (path, n) => path == "/flaky" && n <= 2 ? 503 : 200;
        var admin = await server.AsAsync(Role.Admin);
        var (inside, insideSecret) = await AddWebhookAsync(admin, receiver, "/flaky", new { point = new { lat = 10.005, lon = 20.005 } });
        var (outside, _) = await AddWebhookAsync(admin, receiver, "/far", new { point = new { lat = 10.2, lon = 20.2 } });
        var (_, _) = await AddWebhookAsync(admin, receiver, "/ring", new
        {
            polygon = new[] { new { lat = 10.0, lon = 19.9 }, new { lat = 10.0, lon = 19.95 }, new { lat = 9.95, lon = 19.95 } },
        });

        using var subscribe = await server.Anonymous.PostAsJsonAsync("/api/v1/public/subscriptions", new { name = "Home", area = new { point = new { lat = 10.0, lon = 20.0 }, radiusKm = 0.5 } });
        await Expect.StatusAsync(subscribe, HttpStatusCode.Created);
        var token = (await subscribe.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();

        var id = await IssueAsync(new { description = "Plant", circle = new { lat = 10.0, lon = 20.0, radiusKm = 1.5 } });

        // Two 503s, then accepted: three attempts, one idempotency key, each signed over its own timestamp.
        var accepted = await Expect.EventuallyAsync(() => Task.FromResult(receiver.At("/flaky").FirstOrDefault(r => r.AnsweredWith == 200)), "the accepted delivery");
        var attempts = receiver.At("/flaky");
        Assert.Equal(3, attempts.Count);
        Assert.Equal(["1", "2", "3"], attempts.Select(a => a.Attempt));
        Assert.Single(attempts.Select(a => a.IdempotencyKey).Distinct());
        Assert.StartsWith("application/cap+xml", accepted.ContentType, StringComparison.Ordinal);
        var signer = new WebhookSigner(Encoding.UTF8.GetBytes(insideSecret));
        Assert.True(signer.TryVerify(accepted.Signature, accepted.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out var error), error);
        Assert.False(new WebhookSigner(Encoding.UTF8.GetBytes("whsec_some-other-secret-entirely")).TryVerify(accepted.Signature, accepted.Body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5), out _));
        var report = CapValidator.Validate(new MemoryStream(accepted.Body));
        Assert.True(report.IsValid, string.Join("; ", report.Findings));
        Assert.Equal(id, report.Alert!.Identifier);

        // The receiver has answered; the dispatcher records the outcome just after, so wait for it.
        var delivery = await Expect.EventuallyAsync(
            async () => Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?subscriberId={inside}"))!)!
                is { } d && d["state"]!.GetValue<string>() == "Delivered" ? d : null,
            "the delivery recorded as delivered");
        Assert.Equal("Delivered", delivery["state"]!.GetValue<string>());
        Assert.Equal(3, delivery["attempts"]!.GetValue<int>());

        // The resident's inbox has the alert; subscribers whose area the alert misses got nothing.
        var inbox = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/public/subscriptions/{token}"))!;
        Assert.Equal(id, Assert.Single(inbox["alerts"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?subscriberId={outside}"))!);
        Assert.Empty(receiver.At("/far"));
        Assert.Empty(receiver.At("/ring"));

        // The Cancel message goes to the same subscribers, referencing the alert.
        using var cancel = await admin.PostAsJsonAsync($"/api/v1/alerts/{id}/cancel", new { note = "All clear." });
        await Expect.StatusAsync(cancel, HttpStatusCode.OK);
        var cancelled = await Expect.EventuallyAsync(
            () => Task.FromResult(receiver.At("/flaky").FirstOrDefault(r => r.AnsweredWith == 200 && Encoding.UTF8.GetString(r.Body).Contains("<msgType>Cancel</msgType>", StringComparison.Ordinal))),
            "the Cancel message");
        var cancelReport = CapValidator.Validate(new MemoryStream(cancelled.Body));
        Assert.True(cancelReport.IsValid, string.Join("; ", cancelReport.Findings));
        Assert.Contains("," + id + ",", cancelReport.Alert!.References, StringComparison.Ordinal);
        Assert.NotEqual(accepted.IdempotencyKey, cancelled.IdempotencyKey);
        inbox = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/public/subscriptions/{token}"))!;
        Assert.Equal(2, inbox["alerts"]!.AsArray().Count);

        // Unsubscribing closes the inbox.
        using var unsubscribe = await server.Anonymous.DeleteAsync($"/api/v1/public/subscriptions/{token}");
        Assert.Equal(HttpStatusCode.NoContent, unsubscribe.StatusCode);
        using var gone = await server.Anonymous.GetAsync($"/api/v1/public/subscriptions/{token}");
        await Expect.ProblemAsync(gone, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delivery_that_fails_every_attempt_is_dead_lettered_and_an_operators_retry_delivers_it()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var down = true;
        receiver.Respond = (path, _) => path == "/down" && down ? 500 : path == "/gone" ? 410 : 200;
        var admin = await server.AsAsync(Role.Admin);
        var (hook, _) = await AddWebhookAsync(admin, receiver, "/down", new { point = new { lat = -30.0, lon = 40.0 } });
        var (gone, _) = await AddWebhookAsync(admin, receiver, "/gone", new { point = new { lat = -30.001, lon = 40.001 } });

        await IssueAsync(new { description = "Quarry", circle = new { lat = -30.0, lon = 40.0, radiusKm = 1.0 } });

        var dead = await Expect.EventuallyAsync(async () =>
            (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?state=DeadLettered&subscriberId={hook}"))!.FirstOrDefault(), "the dead letter");
        Assert.Equal(DeliveryServer.MaxAttempts, dead!["attempts"]!.GetValue<int>());
        Assert.Equal("HTTP 500", dead["lastError"]!.GetValue<string>());
        Assert.Equal(DeliveryServer.MaxAttempts, receiver.At("/down").Count);

        // 410 Gone will not get better by retrying: dead-lettered after one attempt.
        var refused = await Expect.EventuallyAsync(async () =>
            (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?state=DeadLettered&subscriberId={gone}"))!.FirstOrDefault(), "the refused delivery");
        Assert.Equal(1, refused!["attempts"]!.GetValue<int>());

        down = false;
        var deliveryId = dead["id"]!.GetValue<long>();
        using var retry = await admin.PostAsync($"/api/v1/deliveries/{deliveryId}/retry", null);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        await Expect.EventuallyAsync(async () =>
            (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?state=Delivered&subscriberId={hook}"))!.FirstOrDefault(), "the retried delivery");
        Assert.Single(receiver.At("/down"), r => r.AnsweredWith == 200);

        using var again = await admin.PostAsync($"/api/v1/deliveries/{deliveryId}/retry", null);
        await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Update_that_redraws_the_area_reaches_subscribers_of_the_old_area_and_the_new()
    {
        using var oldOnly = await server.Anonymous.PostAsJsonAsync("/api/v1/public/subscriptions", new { area = new { point = new { lat = 50.0, lon = 60.0 } } });
        using var newOnly = await server.Anonymous.PostAsJsonAsync("/api/v1/public/subscriptions", new { area = new { point = new { lat = 50.0, lon = 60.1 } } });
        var oldToken = (await oldOnly.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var newToken = (await newOnly.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        var id = await IssueAsync(new { description = "West bank", circle = new { lat = 50.0, lon = 60.0, radiusKm = 1.0 } });

        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var update = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{id}/update", new
        {
            @event = "Chemical Release",
            category = "CBRNE",
            urgency = "Immediate",
            severity = "Severe",
            certainty = "Observed",
            headline = "The plume has moved east",
            description = "The plume now covers the east bank only.",
            area = new { description = "East bank", circle = new { lat = 50.0, lon = 60.1, radiusKm = 1.0 } },
        });
        await Expect.StatusAsync(update, HttpStatusCode.Created);
        var updateId = (await update.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var approve = await (await server.AsAsync(Role.Operator)).PostAsync($"/api/v1/alerts/{updateId}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);

        var oldInbox = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/public/subscriptions/{oldToken}"))!["alerts"]!.AsArray();
        var newInbox = (await server.Anonymous.GetFromJsonAsync<JsonObject>($"/api/v1/public/subscriptions/{newToken}"))!["alerts"]!.AsArray();
        Assert.Equal([updateId, id], oldInbox.Select(a => a!["id"]!.GetValue<string>()));
        Assert.Equal([updateId], newInbox.Select(a => a!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Subscriptions_with_wrong_fields_are_refused_naming_each_field()
    {
        var admin = await server.AsAsync(Role.Admin);
        using var webhook = await admin.PostAsJsonAsync("/api/v1/subscribers/webhooks", new
        {
            url = "ftp://example.org/x",
            area = new { point = new { lat = 1.0, lon = 2.0 }, polygon = new[] { new { lat = 1.0, lon = 2.0 } } },
        });
        var problem = await Expect.ProblemAsync(webhook, HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("name") && errors.ContainsKey("url") && errors.ContainsKey("area"), problem.ToJsonString());

        using var resident = await server.Anonymous.PostAsJsonAsync("/api/v1/public/subscriptions", new { area = new { point = new { lat = 95.0, lon = 2.0 }, radiusKm = 80.0 } });
        await Expect.FieldProblemAsync(resident, "area.point");
        using var noArea = await server.Anonymous.PostAsJsonAsync("/api/v1/public/subscriptions", new { name = "x" });
        await Expect.FieldProblemAsync(noArea, "area");

        var operatorClient = await server.AsAsync(Role.Operator);
        using var missing = await operatorClient.DeleteAsync("/api/v1/subscribers/987654321");
        await Expect.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    private static async Task<(long Id, string Secret)> AddWebhookAsync(HttpClient admin, WebhookReceiver receiver, string path, object area)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/subscribers/webhooks", new { name = "receiver " + path, url = new Uri(receiver.BaseAddress, path), area });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return (body["subscriber"]!["id"]!.GetValue<long>(), body["secret"]!.GetValue<string>());
    }

    private async Task<string> IssueAsync(object area)
    {
        var author = await server.AsAsync(Role.Dispatcher);
        var supervisor = await server.AsAsync(Role.Operator);
        using var draft = await author.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Chemical Release",
            category = "CBRNE",
            urgency = "Immediate",
            severity = "Severe",
            certainty = "Observed",
            headline = "Chemical release: stay indoors",
            description = "A chlorine leak at the plant.",
            instruction = "Go indoors and close windows.",
            area,
        });
        await Expect.StatusAsync(draft, HttpStatusCode.Created);
        var id = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var approve = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);
        return id;
    }
}
