using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Alerting.Cap;
using Vigil.Alerting.Cap.Validation;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>CAP Update messages through the API: references filled in, the same two-person approval, the old alert replaced.</summary>
public sealed class AlertUpdateTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Update_references_the_alert_is_approved_by_a_second_person_and_supersedes_it()
    {
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        var supervisor = await server.AsAsync(Role.Operator);
        var original = await IssueAsync(dispatcher, supervisor, "Gas leak: stay away", new { description = "Mill Street", circle = new { lat = 30.0, lon = 31.0, radiusKm = 0.5 } });
        var originalXml = XDocumentOf(await server.Anonymous.GetStringAsync($"/cap/alerts/{original}.xml"));

        // A pending draft cannot be updated, only an issued alert.
        using (var pendingDraft = await dispatcher.PostAsJsonAsync("/api/v1/alerts", Body("Not yet issued", new { description = "x", circle = new { lat = 30.0, lon = 31.0, radiusKm = 0.5 } })))
        {
            var pendingId = (await pendingDraft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
            using var refused = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{pendingId}/update", Body("x", new { description = "x", circle = new { lat = 30.0, lon = 31.0, radiusKm = 1 } }));
            await Expect.ProblemAsync(refused, HttpStatusCode.Conflict);
        }

        // The update redraws the area as a polygon and restates the texts; references name the original message.
        using var update = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{original}/update", Body("Gas leak spreading: evacuate Mill Street", new
        {
            description = "Mill Street and the school",
            polygon = new[] { new { lat = 30.0, lon = 31.0 }, new { lat = 30.01, lon = 31.0 }, new { lat = 30.01, lon = 31.01 } },
        }));
        await Expect.StatusAsync(update, HttpStatusCode.Created);
        var drafted = (await update.Content.ReadFromJsonAsync<JsonObject>())!;
        var updateId = drafted["id"]!.GetValue<string>();
        Assert.Equal(("Update", "Pending", original), (drafted["msgType"]!.GetValue<string>(), drafted["status"]!.GetValue<string>(), drafted["updateOf"]!.GetValue<string>()));
        var expectedReference = $"{originalXml.Sender},{original},{CapDateTime.Format(originalXml.Sent)}";
        Assert.Equal(expectedReference, drafted["references"]!.GetValue<string>());
        var area = Assert.Single(drafted["areas"]!.AsArray())!;
        Assert.Single(area["polygons"]!.AsArray());
        Assert.Empty(area["circles"]!.AsArray());

        // Until a supervisor approves it, the original stays in force; a dispatcher may not approve.
        using (var byAuthor = await dispatcher.PostAsync($"/api/v1/alerts/{updateId}/approve", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, byAuthor.StatusCode);
        }

        Assert.Contains(original, await server.Anonymous.GetStringAsync("/api/v1/public/alerts"), StringComparison.Ordinal);
        using var approve = await supervisor.PostAsync($"/api/v1/alerts/{updateId}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);

        var xml = await server.Anonymous.GetStringAsync($"/cap/alerts/{updateId}.xml");
        var report = CapValidator.Validate(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
        Assert.True(report.IsValid, string.Join("; ", report.Findings));
        Assert.Equal(CapMsgType.Update, report.Alert!.MsgType);
        Assert.Equal(expectedReference, report.Alert.References);

        var alerts = (await supervisor.GetFromJsonAsync<JsonArray>("/api/v1/alerts?limit=1000"))!;
        var old = alerts.Single(a => a!["id"]!.GetValue<string>() == original)!;
        Assert.Equal(("Superseded", updateId), (old["status"]!.GetValue<string>(), old["supersededBy"]!.GetValue<string>()));
        var publicLayer = await server.Anonymous.GetStringAsync("/api/v1/public/alerts");
        Assert.Contains(updateId, publicLayer, StringComparison.Ordinal);
        Assert.DoesNotContain(original, publicLayer, StringComparison.Ordinal);

        // A replaced alert can be neither updated nor cancelled again; the update itself can be cancelled, naming the thread.
        using (var again = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{original}/update", Body("x", new { description = "x", circle = new { lat = 30.0, lon = 31.0, radiusKm = 1 } })))
        {
            await Expect.ProblemAsync(again, HttpStatusCode.Conflict);
        }

        using var cancel = await supervisor.PostAsJsonAsync($"/api/v1/alerts/{updateId}/cancel", new { });
        await Expect.StatusAsync(cancel, HttpStatusCode.OK);
        var references = (await cancel.Content.ReadFromJsonAsync<JsonObject>())!["references"]!.GetValue<string>();
        Assert.StartsWith(expectedReference + " ", references, StringComparison.Ordinal);
        Assert.Contains("," + updateId + ",", references, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Update_with_wrong_fields_or_of_an_unknown_alert_is_refused()
    {
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var unknown = await dispatcher.PostAsJsonAsync("/api/v1/alerts/no-such-alert/update", Body("x", new { description = "x", circle = new { lat = 1.0, lon = 1.0, radiusKm = 1 } }));
        await Expect.ProblemAsync(unknown, HttpStatusCode.NotFound);

        var original = await IssueAsync(dispatcher, await server.AsAsync(Role.Admin), "Flooding on the river road", new { description = "River road", circle = new { lat = 31.0, lon = 32.0, radiusKm = 1 } });
        using var wrong = await dispatcher.PostAsJsonAsync($"/api/v1/alerts/{original}/update", Body("x", new { description = "River road", circle = new { lat = 31.0, lon = 32.0, radiusKm = -1 } }));
        await Expect.FieldProblemAsync(wrong, "area.circle.radiusKm");
    }

    private static object Body(string headline, object area) => new
    {
        @event = "Gas Leak",
        category = "Safety",
        urgency = "Immediate",
        severity = "Severe",
        certainty = "Observed",
        headline,
        description = "Natural gas is escaping from a broken main.",
        instruction = "Leave the area on foot; do not use switches or phones nearby.",
        area,
    };

    private static async Task<string> IssueAsync(HttpClient author, HttpClient supervisor, string headline, object area)
    {
        using var draft = await author.PostAsJsonAsync("/api/v1/alerts", Body(headline, area));
        await Expect.StatusAsync(draft, HttpStatusCode.Created);
        var id = (await draft.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        using var approve = await supervisor.PostAsync($"/api/v1/alerts/{id}/approve", null);
        await Expect.StatusAsync(approve, HttpStatusCode.OK);
        return id;
    }

    private static CapAlert XDocumentOf(string xml)
    {
        var report = CapValidator.Validate(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(xml)));
        Assert.True(report.IsValid, string.Join("; ", report.Findings));
        return report.Alert!;
    }
}
