using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Health counts through the API (JSON and CSV) and the outbreak signals computed from them.</summary>
public sealed class OutbreaksApiTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly DateOnly Start = new(2026, 1, 1);

    [Fact]
    public async Task Daily_counts_with_a_spike_raise_an_ears_signal_with_the_observed_count_and_upper_bound()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        var syndrome = "ili-" + Guid.NewGuid().ToString("n")[..6];

        // Sixty quiet days (9, 10 or 11 visits) as JSON, then the last day's 40 visits from a CSV upload.
        var counts = Enumerable.Range(0, 60).Select(i => new { syndrome, district = "Harbour", period = "Day", start = Start.AddDays(i), count = 9 + (i % 3) });
        using var json = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts });
        await Expect.StatusAsync(json, HttpStatusCode.OK);
        var csv = $"date,syndrome,district,count\n{Start.AddDays(60):yyyy-MM-dd},{syndrome},Harbour,40\n";
        using var upload = await analyst.PostAsync("/api/v1/outbreaks/counts.csv?period=day", new StringContent(csv, Encoding.UTF8, "text/csv"));
        await Expect.StatusAsync(upload, HttpStatusCode.OK);
        Assert.Equal(1, (await upload.Content.ReadFromJsonAsync<JsonObject>())!["counts"]!.GetValue<int>());

        var viewer = await server.AsAsync(Role.Responder);
        foreach (var method in new[] { "ears-c1", "ears-c2" })
        {
            var signals = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/outbreaks/signals?method={method}"))!
                .Where(s => s!["syndrome"]!.GetValue<string>() == syndrome).ToList();
            var signal = Assert.Single(signals)!;
            Assert.Equal((Start.AddDays(60).ToString("yyyy-MM-dd"), 40, method), (signal["start"]!.GetValue<string>(), signal["observed"]!.GetValue<int>(), signal["method"]!.GetValue<string>()));
            var bound = signal["upperBound"]!.GetValue<double>();
            Assert.InRange(bound, 10, 40);
        }

        // C3 alarms when the two previous periods were already high (Hutwagner et al. 2003; as R's surveillance::earsC):
        // a one-day spike after quiet days raises none.
        Assert.DoesNotContain((await viewer.GetFromJsonAsync<JsonArray>("/api/v1/outbreaks/signals?method=ears-c3"))!, s => s!["syndrome"]!.GetValue<string>() == syndrome);

        // A correction of the spike replaces it, and the signal goes away.
        using var fix = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts = new[] { new { syndrome, district = "Harbour", period = "Day", start = Start.AddDays(60), count = 10 } } });
        await Expect.StatusAsync(fix, HttpStatusCode.OK);
        var after = (await viewer.GetFromJsonAsync<JsonArray>("/api/v1/outbreaks/signals"))!;
        Assert.DoesNotContain(after, s => s!["syndrome"]!.GetValue<string>() == syndrome);
    }

    [Fact]
    public async Task Demo_series_with_an_injected_outbreak_is_flagged_in_the_outbreak_district()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        var prefix = Guid.NewGuid().ToString("n")[..6];
        string[] districts = [prefix + "-Old Town", prefix + "-Riverside", prefix + "-Hillside"];
        var last = new DateOnly(2026, 6, 30);
        var series = Vigil.Simulation.HealthCountsGenerator.Generate(districts, last, days: 90, outbreakDays: 3, seed: 11);
        var counts = series.Select(c => new { syndrome = Vigil.Simulation.HealthCountsGenerator.Syndrome, district = c.District, period = "Day", start = c.Day, count = c.Count });
        using var post = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts });
        await Expect.StatusAsync(post, HttpStatusCode.OK);

        // What `vigil demo` posts raises outbreak alarms in the outbreak district, each above its bound.
        Assert.True((await post.Content.ReadFromJsonAsync<JsonObject>())!["alarms"]!.GetValue<int>() >= 1);
        var alarms = (await analyst.GetFromJsonAsync<JsonArray>("/api/v1/alarms?category=PublicHealth&limit=1000"))!
            .Where(a => a!["outbreak"]!["district"]!.GetValue<string>() == districts[0]).ToList();
        Assert.NotEmpty(alarms);
        Assert.All(alarms, a => Assert.True(a!["outbreak"]!["observed"]!.GetValue<int>() > a["outbreak"]!["upperBound"]!.GetValue<double>()));

        var signals = (await analyst.GetFromJsonAsync<JsonArray>("/api/v1/outbreaks/signals?recent=3"))!
            .Where(s => s!["district"]!.GetValue<string>() == districts[0]).ToList();
        Assert.NotEmpty(signals);
        Assert.All(signals, s => Assert.True(s!["observed"]!.GetValue<int>() > s["upperBound"]!.GetValue<double>()));
    }

    [Fact]
    public async Task Counts_with_wrong_fields_are_refused_naming_each_field()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        using var json = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts = new object[] { new { syndrome = "", district = "North", period = "Day", start = "2026-01-01", count = -1 } } });
        var problem = await Expect.ProblemAsync(json, HttpStatusCode.BadRequest);
        Assert.True(problem["errors"]!.AsObject().ContainsKey("counts[0].syndrome") && problem["errors"]!.AsObject().ContainsKey("counts[0].count"), problem.ToJsonString());

        using var badDate = await analyst.PostAsync("/api/v1/outbreaks/counts.csv?period=week", new StringContent("date,syndrome,district,count\n01/02/2026,ili,North,3\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("line 2", await Expect.FieldProblemAsync(badDate, "csv"), StringComparison.Ordinal);
        using var noHeader = await analyst.PostAsync("/api/v1/outbreaks/counts.csv?period=day", new StringContent("2026-01-01,ili,North,3\n", Encoding.UTF8, "text/csv"));
        await Expect.FieldProblemAsync(noHeader, "csv");
        using var noPeriod = await analyst.PostAsync("/api/v1/outbreaks/counts.csv", new StringContent("date,syndrome,district,count\n", Encoding.UTF8, "text/csv"));
        await Expect.FieldProblemAsync(noPeriod, "period");
        using var method = await analyst.GetAsync("/api/v1/outbreaks/signals?method=cusum");
        await Expect.FieldProblemAsync(method, "method");
    }

    [Fact]
    public async Task Spike_raises_one_outbreak_alarm_with_count_and_bound_that_a_reupload_does_not_repeat_and_an_analyst_acknowledges()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        var syndrome = "gi-" + Guid.NewGuid().ToString("n")[..6];

        // Sixty quiet days (9, 10 or 11 visits), then 45 on the last day: EARS C2, the daily default, must flag it.
        var counts = Enumerable.Range(0, 61).Select(i => new { syndrome, district = "Harbour", period = "Day", start = Start.AddDays(i), count = i == 60 ? 45 : 9 + (i % 3) }).ToList();
        using var post = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts });
        await Expect.StatusAsync(post, HttpStatusCode.OK);
        var stored = (await post.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((61, 1), (stored["counts"]!.GetValue<int>(), stored["alarms"]!.GetValue<int>()));

        var alarm = Assert.Single(await OutbreakAlarmsAsync(analyst, syndrome));
        Assert.Null(alarm["deviceId"]);
        Assert.Null(alarm["incidentId"]);
        Assert.Equal(("PublicHealth", "Active", "outbreak:ears-c2"), (alarm["category"]!.GetValue<string>(), alarm["state"]!.GetValue<string>(), alarm["ruleId"]!.GetValue<string>()));
        var outbreak = alarm["outbreak"]!;
        Assert.Equal(("Harbour", "Day", Start.AddDays(60).ToString("yyyy-MM-dd"), 45), (outbreak["district"]!.GetValue<string>(), outbreak["period"]!.GetValue<string>(), outbreak["start"]!.GetValue<string>(), outbreak["observed"]!.GetValue<int>()));
        var bound = outbreak["upperBound"]!.GetValue<double>();
        Assert.InRange(bound, 10, 45);
        Assert.InRange(outbreak["expected"]!.GetValue<double>(), 9, 11);

        // The same counts again, as CSV this time: stored again, and no second alarm for the same series and day.
        var csv = "date,syndrome,district,count\n" + string.Concat(counts.Select(c => $"{c.start:yyyy-MM-dd},{syndrome},Harbour,{c.count}\n"));
        using var again = await analyst.PostAsync("/api/v1/outbreaks/counts.csv?period=day", new StringContent(csv, Encoding.UTF8, "text/csv"));
        await Expect.StatusAsync(again, HttpStatusCode.OK);
        Assert.Equal(0, (await again.Content.ReadFromJsonAsync<JsonObject>())!["alarms"]!.GetValue<int>());
        Assert.Single(await OutbreakAlarmsAsync(analyst, syndrome));

        // Outbreak alarms are the analysts': acknowledging works like any alarm's, and it is not an emergency incident.
        var id = alarm["id"]!.GetValue<long>();
        using var ack = await analyst.PostAsync($"/api/v1/alarms/{id}/acknowledge", null);
        await Expect.StatusAsync(ack, HttpStatusCode.OK);
        var acknowledged = (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/alarms/{id}"))!;
        Assert.Equal("Acknowledged", acknowledged["state"]!.GetValue<string>());
        Assert.Null(acknowledged["incidentId"]);
        using var twice = await analyst.PostAsync($"/api/v1/alarms/{id}/acknowledge", null);
        await Expect.ProblemAsync(twice, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Outbreak_alarm_clears_itself_once_three_later_days_are_back_within_the_bound_with_a_feed_event()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        var syndrome = "resp-" + Guid.NewGuid().ToString("n")[..6];
        await using var stream = await SseReader.OpenAsync(analyst);
        var counts = Enumerable.Range(0, 61).Select(i => new { syndrome, district = "Harbour", period = "Day", start = Start.AddDays(i), count = i == 60 ? 45 : 9 + (i % 3) }).ToList();
        using (var spike = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts }))
        {
            await Expect.StatusAsync(spike, HttpStatusCode.OK);
        }

        var id = Assert.Single(await OutbreakAlarmsAsync(analyst, syndrome))["id"]!.GetValue<long>();

        // Two ordinary days: not yet enough (Vigil:Alerting:Outbreaks:ClearAfterDays is 3).
        Assert.Equal(0, await UploadDayAsync(analyst, syndrome, 61, 10));
        Assert.Equal(0, await UploadDayAsync(analyst, syndrome, 62, 11));
        Assert.Equal("Active", (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/alarms/{id}"))!["state"]!.GetValue<string>());

        // The third clears it, whether or not anyone acknowledged it, and says why.
        Assert.Equal(1, await UploadDayAsync(analyst, syndrome, 63, 9));
        var cleared = (await analyst.GetFromJsonAsync<JsonObject>($"/api/v1/alarms/{id}"))!;
        Assert.Equal("Cleared", cleared["state"]!.GetValue<string>());
        Assert.NotNull(cleared["clearedAt"]);
        Assert.Contains($"excess over: 3 days within the bound from {Start.AddDays(61):yyyy-MM-dd}", cleared["explanation"]!["observed"]!.GetValue<string>(), StringComparison.Ordinal);
        await stream.ReadUntilAsync(e => e.Type == "alarm.cleared" && e.Data["alarm"]?["id"]?.GetValue<long>() == id, TimeSpan.FromSeconds(30));

        // Nothing open is left for the series, so a further ordinary day clears nothing and raises nothing.
        Assert.Equal(0, await UploadDayAsync(analyst, syndrome, 64, 10));
        Assert.DoesNotContain(await OutbreakAlarmsAsync(analyst, syndrome), a => a["state"]!.GetValue<string>() != "Cleared");
    }

    private static async Task<int> UploadDayAsync(HttpClient analyst, string syndrome, int day, int count)
    {
        using var response = await analyst.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts = new[] { new { syndrome, district = "Harbour", period = "Day", start = Start.AddDays(day), count } } });
        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var stored = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(0, stored["alarms"]!.GetValue<int>());
        return stored["cleared"]!.GetValue<int>();
    }

    [Fact]
    public async Task Analyst_may_not_acknowledge_a_device_alarm()
    {
        var device = await server.RegisterDeviceAsync(Vigil.Domain.Devices.DeviceKind.Acoustic, ["impulse_db"]);
        using (var shot = await device.PostAsync("b1", ("impulse_db", DateTimeOffset.UtcNow.AddSeconds(-1), 141.5)))
        {
            await Expect.StatusAsync(shot, HttpStatusCode.Accepted);
        }

        var analyst = await server.AsAsync(Role.Analyst);
        var alarm = await Expect.EventuallyAsync(
            async () => (await analyst.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={device.Id}"))!.FirstOrDefault(),
            "the device's alarm");
        using var ack = await analyst.PostAsync($"/api/v1/alarms/{alarm!["id"]!.GetValue<long>()}/acknowledge", null);
        Assert.Contains("public-health", (await Expect.ProblemAsync(ack, HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<List<JsonNode>> OutbreakAlarmsAsync(HttpClient client, string syndrome) =>
        (await client.GetFromJsonAsync<JsonArray>("/api/v1/alarms?category=PublicHealth&limit=1000"))!
            .Where(a => a!["outbreak"]?["syndrome"]?.GetValue<string>() == syndrome).Select(a => a!).ToList();
}
