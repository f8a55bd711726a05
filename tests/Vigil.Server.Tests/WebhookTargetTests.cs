using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Vigil.Domain.Accounts;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Alerts;
using Vigil.Server.Configuration;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Webhooks may not reach internal addresses unless the deployment allows it: refused when subscribing, and checked
/// again when delivering, since a name may resolve elsewhere by then.
/// </summary>
public sealed class WebhookTargetTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hook", "loopback")]
    [InlineData("http://localhost/hook", "loopback")]
    [InlineData("http://[::1]/hook", "loopback")]
    [InlineData("http://10.1.2.3/hook", "private")]
    [InlineData("https://192.168.0.10/hook", "private")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://100.100.100.200/", "carrier-grade NAT")]
    [InlineData("http://[fd00::1]/hook", "unique-local")]
    [InlineData("http://[::ffff:127.0.0.1]/hook", "loopback")]
    [InlineData("http://0.0.0.0/hook", "unspecified")]
    [InlineData("http://224.0.0.1/hook", "multicast")]
    public async Task Webhook_to_an_internal_address_is_refused_naming_the_url(string url, string kind)
    {
        var admin = await server.AsAsync(Role.Admin);
        using var response = await admin.PostAsJsonAsync("/api/v1/subscribers/webhooks", new { name = "internal", url, area = new { point = new { lat = 30.0, lon = 40.0 } } });
        Assert.Contains(kind, await Expect.FieldProblemAsync(response, "url"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_to_a_public_address_is_accepted()
    {
        var admin = await server.AsAsync(Role.Admin);
        using var response = await admin.PostAsJsonAsync("/api/v1/subscribers/webhooks", new { name = "public", url = "https://93.184.216.34/hook", area = new { point = new { lat = 31.0, lon = 41.0 } } });
        await Expect.StatusAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task Delivery_to_a_host_that_now_is_internal_is_dead_lettered_with_the_reason_and_never_posted()
    {
        await using var receiver = await WebhookReceiver.StartAsync();

        // As if the name had passed the check when subscribing and resolved to loopback since: stored directly.
        var services = server.App.Services;
        var subscriber = await services.GetRequiredService<ISubscriberStore>().AddAsync(
            new NewSubscriber(SubscriberKind.Webhook, "rebound", new Uri(receiver.BaseAddress, "/rebound").AbsoluteUri, "whsec_test-secret-for-rebinding", null,
                new SubscriptionArea(new GeoView(32.0, 42.0), null, null), DateTimeOffset.UtcNow),
            default);
        services.GetRequiredService<SubscriberDirectory>().Invalidate();

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
            area = new { description = "Plant", circle = new { lat = 32.0, lon = 42.0, radiusKm = 1.0 } },
        });
        await Expect.StatusAsync(draft, HttpStatusCode.Created);
        var id = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var approve = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);

        var admin = await server.AsAsync(Role.Admin);
        var dead = await Expect.EventuallyAsync(
            async () => (await admin.GetFromJsonAsync<JsonArray>($"/api/v1/deliveries?subscriberId={subscriber.Id}"))!.FirstOrDefault(d => d!["state"]!.GetValue<string>() == "DeadLettered"),
            "the dead-lettered delivery");
        Assert.Equal(1, dead!["attempts"]!.GetValue<int>());
        Assert.Contains("loopback", dead["lastError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Guard_lets_a_loopback_receiver_through_when_the_deployment_allows_internal_targets()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var url = new Uri(receiver.BaseAddress, "/on-premises");
        foreach (var allow in new[] { false, true })
        {
            var guard = new WebhookTargetGuard(Options.Create(new AlertingOptions { AllowPrivateWebhookTargets = allow }));
            using var handler = new SocketsHttpHandler { UseProxy = false, ConnectCallback = guard.ConnectAsync };
            using var http = new HttpClient(handler);
            if (allow)
            {
                Assert.Null(await guard.RefusalAsync(url, default));
                using var response = await http.PostAsync(url, new StringContent("x"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                Assert.Contains("loopback", await guard.RefusalAsync(url, default), StringComparison.Ordinal);
                var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(url, new StringContent("x")));
                Assert.Contains("loopback", WebhookTargetGuard.RefusalIn(refused), StringComparison.Ordinal);
            }
        }

        Assert.Single(receiver.At("/on-premises"));
    }
}
