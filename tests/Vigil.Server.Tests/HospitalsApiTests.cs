using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Hospitals through the API: registration, capacity reports, bad input, and the nearest hospitals with capacity for a
/// medical incident. This server has no road network, so the ranking is the labelled straight-line fallback.
/// </summary>
public sealed class HospitalsApiTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Admin_registers_a_hospital_once_and_the_desk_reports_its_capacity()
    {
        var admin = await server.AdminAsync();
        var id = "reg-" + Guid.NewGuid().ToString("n")[..8];
        using var created = await admin.PostAsJsonAsync("/api/v1/hospitals", new { id, name = "St Luke's", location = new { lat = -30.0, lon = 20.0 } });
        await Expect.StatusAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/v1/hospitals/{id}", created.Headers.Location?.OriginalString);
        var hospital = (await created.Content.ReadFromJsonAsync<JsonObject>())!;

        // Registered without a report: open, but with no free bed, so it has no capacity yet.
        Assert.Equal(("Open", 0, false, "admin"), (hospital["edStatus"]!.GetValue<string>(), hospital["freeBeds"]!.GetValue<int>(), hospital["hasCapacity"]!.GetValue<bool>(), hospital["updatedBy"]!.GetValue<string>()));

        using var again = await admin.PostAsJsonAsync("/api/v1/hospitals", new { id, name = "Other", location = new { lat = 1.0, lon = 1.0 } });
        await Expect.ProblemAsync(again, HttpStatusCode.Conflict);

        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var report = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{id}/capacity", new { edStatus = "diverting", freeBeds = 4 });
        await Expect.StatusAsync(report, HttpStatusCode.OK);
        var viewer = await server.AsAsync(Role.Responder);
        var listed = (await viewer.GetFromJsonAsync<JsonArray>("/api/v1/hospitals"))!.Single(h => h!["id"]!.GetValue<string>() == id)!;
        Assert.Equal(("St Luke's", "Diverting", 4, false), (listed["name"]!.GetValue<string>(), listed["edStatus"]!.GetValue<string>(), listed["freeBeds"]!.GetValue<int>(), listed["hasCapacity"]!.GetValue<bool>()));
        Assert.Equal(-30.0, listed["location"]!["lat"]!.GetValue<double>());
        Assert.NotEqual("admin", listed["updatedBy"]!.GetValue<string>());

        using var trail = await admin.GetAsync(new Uri($"/api/v1/audit?entityType=hospital&entityId={id}", UriKind.Relative));
        await Expect.StatusAsync(trail, HttpStatusCode.OK);
        var text = await trail.Content.ReadAsStringAsync();
        Assert.True(text.IndexOf("hospital.register", StringComparison.Ordinal) is >= 0 and var at && text.IndexOf("hospital.capacity", StringComparison.Ordinal) > at, text);

        using var missing = await dispatcher.PutAsJsonAsync("/api/v1/hospitals/no-such-hospital/capacity", new { edStatus = "open", freeBeds = 1 });
        await Expect.ProblemAsync(missing, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_registration_and_capacity_fields_are_named()
    {
        var admin = await server.AdminAsync();
        using var bad = await admin.PostAsJsonAsync("/api/v1/hospitals", new { id = "has space", name = "", location = new { lat = 91.0 }, edStatus = "full", freeBeds = -1 });
        foreach (var field in new[] { "id", "name", "location.lat", "location.lon", "edStatus", "freeBeds" })
        {
            await Expect.FieldProblemAsync(bad, field);
        }

        using var noCapacity = await admin.PutAsJsonAsync("/api/v1/hospitals/any/capacity", new { edStatus = "2", freeBeds = 100_001 });
        await Expect.FieldProblemAsync(noCapacity, "edStatus");
        using var combined = await admin.PutAsJsonAsync("/api/v1/hospitals/any/capacity", new { edStatus = "open,diverting", freeBeds = 1 });
        await Expect.FieldProblemAsync(combined, "edStatus");
        using var noBeds = await admin.PutAsJsonAsync("/api/v1/hospitals/any/capacity", new { edStatus = "open" });
        await Expect.FieldProblemAsync(noBeds, "freeBeds");
    }

    [Fact]
    public async Task Medical_incident_ranks_hospitals_with_capacity_by_straight_line_skipping_diverting_and_full_ones()
    {
        var admin = await server.AdminAsync();
        var prefix = "rank-" + Guid.NewGuid().ToString("n")[..6] + "-";

        // North of the scene at 10 N 10 E: 'next-door' is closest but diverting, 'full' is next but has no bed.
        (string Id, double Lat, string Status, int Beds)[] hospitals =
        [
            (prefix + "next-door", 10.001, "diverting", 30),
            (prefix + "full", 10.002, "open", 0),
            (prefix + "near", 10.010, "open", 2),
            (prefix + "far", 10.050, "open", 40),
            (prefix + "closed", 10.003, "closed", 9),
        ];
        foreach (var (id, lat, status, beds) in hospitals)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/hospitals", new { id, name = id, location = new { lat, lon = 10.0 }, edStatus = status, freeBeds = beds });
            await Expect.StatusAsync(created, HttpStatusCode.Created);
        }

        var dispatcher = await server.AsAsync(Role.Dispatcher);
        var medical = await OpenIncidentAsync(dispatcher, "medical");
        var ranking = (await dispatcher.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{medical}/hospitals?count=20"))!;
        Assert.Equal("straight-line", ranking["method"]!.GetValue<string>());
        Assert.Contains("straight-line", ranking["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(ranking["withoutCapacity"]!.GetValue<int>() >= 3);
        var mine = Mine(ranking, prefix);
        Assert.Equal([prefix + "near", prefix + "far"], mine.Select(o => o["hospital"]!["id"]!.GetValue<string>()));
        Assert.All(mine, o => Assert.Null(o["etaSeconds"]?.GetValue<double?>()));

        // 0.010° of latitude is about 1.11 km on the sphere.
        Assert.InRange(mine[0]["distanceMeters"]!.GetValue<double>(), 1100, 1125);
        Assert.True(mine[0]["rank"]!.GetValue<int>() < mine[1]["rank"]!.GetValue<int>());

        // The diverting hospital reopens with beds and goes to the top; the near one fills up and drops out.
        using (var reopen = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{prefix}next-door/capacity", new { edStatus = "open", freeBeds = 3 }))
        {
            await Expect.StatusAsync(reopen, HttpStatusCode.OK);
        }

        using (var fill = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{prefix}near/capacity", new { edStatus = "Open", freeBeds = 0 }))
        {
            await Expect.StatusAsync(fill, HttpStatusCode.OK);
        }

        var after = Mine((await dispatcher.GetFromJsonAsync<JsonObject>($"/api/v1/incidents/{medical}/hospitals?count=20"))!, prefix);
        Assert.Equal([prefix + "next-door", prefix + "far"], after.Select(o => o["hospital"]!["id"]!.GetValue<string>()));

        var fire = await OpenIncidentAsync(dispatcher, "fire");
        using var notMedical = await dispatcher.GetAsync(new Uri($"/api/v1/incidents/{fire}/hospitals", UriKind.Relative));
        await Expect.ProblemAsync(notMedical, HttpStatusCode.Conflict);
        using var badCount = await dispatcher.GetAsync(new Uri($"/api/v1/incidents/{medical}/hospitals?count=0", UriKind.Relative));
        await Expect.FieldProblemAsync(badCount, "count");
        using var noIncident = await dispatcher.GetAsync(new Uri("/api/v1/incidents/987654321/hospitals", UriKind.Relative));
        await Expect.ProblemAsync(noIncident, HttpStatusCode.NotFound);
    }

    private static List<JsonNode> Mine(JsonObject ranking, string prefix) =>
        ranking["hospitals"]!.AsArray().Where(o => o!["hospital"]!["id"]!.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal)).Select(o => o!).ToList();

    private static async Task<long> OpenIncidentAsync(HttpClient dispatcher, string type)
    {
        using var create = await dispatcher.PostAsJsonAsync("/api/v1/incidents", new { type, priority = 2, location = new { lat = 10.0, lon = 10.0 }, title = type + " call" });
        await Expect.StatusAsync(create, HttpStatusCode.Created);
        return (await create.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task Capacity_change_is_announced_on_the_live_feed_and_a_repeat_of_the_same_capacity_is_not()
    {
        var admin = await server.AdminAsync();
        var id = "feed-" + Guid.NewGuid().ToString("n")[..8];
        using var created = await admin.PostAsJsonAsync("/api/v1/hospitals", new { id, name = "Harbour General", location = new { lat = -31.0, lon = 21.0 } });
        await Expect.StatusAsync(created, HttpStatusCode.Created);

        var viewer = await server.AsAsync(Role.Responder);
        await using var stream = await SseReader.OpenAsync(viewer);
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var open = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{id}/capacity", new { edStatus = "open", freeBeds = 7 });
        await Expect.StatusAsync(open, HttpStatusCode.OK);
        using var same = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{id}/capacity", new { edStatus = "open", freeBeds = 7 });
        await Expect.StatusAsync(same, HttpStatusCode.OK);
        using var full = await dispatcher.PutAsJsonAsync($"/api/v1/hospitals/{id}/capacity", new { edStatus = "open", freeBeds = 0 });
        await Expect.StatusAsync(full, HttpStatusCode.OK);

        var seen = await stream.ReadUntilAsync(e => e.Type == "hospital.updated" && e.Data["hospital"]!["id"]!.GetValue<string>() == id && e.Data["hospital"]!["freeBeds"]!.GetValue<int>() == 0, TimeSpan.FromSeconds(30));
        var ours = seen.Where(e => e.Type == "hospital.updated" && e.Data["hospital"]!["id"]!.GetValue<string>() == id).ToList();
        Assert.Equal([(7, true), (0, false)], ours.Select(e => (e.Data["hospital"]!["freeBeds"]!.GetValue<int>(), e.Data["hospital"]!["hasCapacity"]!.GetValue<bool>())));
        Assert.All(ours, e => Assert.Equal("Open", e.Data["hospital"]!["edStatus"]!.GetValue<string>()));
    }
}
