using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>Observations posted with a device key lead to an alarm and an incident, seen through the API and the live feed.</summary>
public sealed class CoreLoopTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly TimeSpan FeedTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Impulse_over_threshold_raises_alarm_and_opens_incident_seen_through_api_and_stream()
    {
        var operatorClient = await server.AsAsync(Role.Operator);
        await using var stream = await SseReader.OpenAsync(operatorClient);
        var device = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
        var now = DateTimeOffset.UtcNow;

        using (var quiet = await device.PostAsync("b1", ("impulse_db", now.AddSeconds(-2), 62)))
        {
            await Expect.StatusAsync(quiet, HttpStatusCode.Accepted);
        }

        using (var shot = await device.PostAsync("b2", ("impulse_db", now.AddSeconds(-1), 141.5)))
        {
            await Expect.StatusAsync(shot, HttpStatusCode.Accepted);
            var body = (await shot.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal(("b2", 1, false), (body["batchId"]!.GetValue<string>(), body["accepted"]!.GetValue<int>(), body["duplicate"]!.GetValue<bool>()));
        }

        // Through the live feed. The desk commits the alarm and its incident together, in either order.
        SseEvent? raised = null;
        SseEvent? created = null;
        var incidentsSeen = new List<SseEvent>();
        await stream.ReadUntilAsync(
            e =>
            {
                if (e.Type == "alarm.raised" && e.Data["alarm"]?["deviceId"]?.GetValue<string>() == device.Id)
                {
                    raised = e;
                }
                else if (e.Type == "incident.created" && e.Data["incident"]?["type"]?.GetValue<string>() == "gunshot")
                {
                    incidentsSeen.Add(e);
                }

                created = raised is null ? null : incidentsSeen.Find(i =>
                    i.Data["incident"]!["alarmIds"]!.AsArray().Any(a => a!.GetValue<long>() == raised.Data["alarm"]!["id"]!.GetValue<long>()));
                return created is not null;
            },
            FeedTimeout);
        var alarmId = raised!.Data["alarm"]!["id"]!.GetValue<long>();
        Assert.Equal("gunshot-impulse", raised.Data["alarm"]!["ruleId"]!.GetValue<string>());
        Assert.Equal(141.5, raised.Data["alarm"]!["explanation"]!["observedValue"]!.GetValue<double>());

        // Through the API.
        using var alarms = await operatorClient.GetAsync($"/api/v1/alarms?device={device.Id}");
        await Expect.StatusAsync(alarms, HttpStatusCode.OK);
        var alarm = Assert.Single((await alarms.Content.ReadFromJsonAsync<JsonArray>())!)!;
        Assert.Equal(alarmId, alarm["id"]!.GetValue<long>());
        Assert.Equal("Active", alarm["state"]!.GetValue<string>());
        Assert.Equal("Critical", alarm["severity"]!.GetValue<string>());
        var incidentId = alarm["incidentId"]!.GetValue<long>();
        Assert.Equal(created!.Data["incident"]!["id"]!.GetValue<long>(), incidentId);

        using var incidents = await operatorClient.GetAsync("/api/v1/incidents?type=gunshot&open=true");
        var listed = (await incidents.Content.ReadFromJsonAsync<JsonArray>())!.Single(i => i!["id"]!.GetValue<long>() == incidentId)!;
        Assert.Equal("sensor", listed["source"]!.GetValue<string>());
        Assert.Equal("New", listed["status"]!.GetValue<string>());
        Assert.Equal(1, listed["priority"]!.GetValue<int>());
        Assert.Contains(alarmId, listed["alarmIds"]!.AsArray().Select(a => a!.GetValue<long>()));
    }

    [Fact]
    public async Task Stream_resumed_with_Last_Event_ID_replays_only_later_events_then_goes_live()
    {
        var viewer = await server.AsAsync(Role.Analyst);
        await using var first = await SseReader.OpenAsync(viewer);
        var device = await server.RegisterDeviceAsync(DeviceKind.PanicButton, ["pressed"]);
        using (var press = await device.PostAsync("press-1", ("pressed", DateTimeOffset.UtcNow, 1)))
        {
            await Expect.StatusAsync(press, HttpStatusCode.Accepted);
        }

        // Our device's alarm and its incident: two events, in whichever order the desk committed them.
        var ours = new List<SseEvent>();
        await first.ReadUntilAsync(
            e =>
            {
                if ((e.Type == "alarm.raised" && e.Data["alarm"]?["deviceId"]?.GetValue<string>() == device.Id) ||
                    (e.Type == "incident.created" && e.Data["incident"]?["type"]?.GetValue<string>() == "panic" && IsNear(e.Data["incident"]!, device)))
                {
                    ours.Add(e);
                }

                return ours.Count == 2;
            },
            FeedTimeout);
        var resumeFrom = ours[0].Id;
        var alarmId = ours.Single(e => e.Type == "alarm.raised").Data["alarm"]!["id"]!.GetValue<long>();

        await using var resumed = await SseReader.OpenAsync(viewer, resumeFrom);
        var replay = await resumed.ReadUntilAsync(e => e.Id == ours[1].Id, FeedTimeout);
        Assert.All(replay, e => Assert.True(e.Id > resumeFrom, $"event {e.Id} is not after Last-Event-ID {resumeFrom}"));
        Assert.Equal(ours[1].Type, replay[^1].Type);

        // After the backlog the same connection carries live events, each once.
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using (var ack = await dispatcher.PostAsync($"/api/v1/alarms/{alarmId}/acknowledge", null))
        {
            await Expect.StatusAsync(ack, HttpStatusCode.OK);
        }

        var live = await resumed.ReadUntilAsync(e => e.Type == "alarm.acknowledged" && e.Data["alarm"]!["id"]!.GetValue<long>() == alarmId, FeedTimeout);
        var ids = replay.Concat(live).Select(e => e.Id).ToList();
        Assert.Equal(ids.Order().Distinct(), ids);
        Assert.Equal("Acknowledged", live[^1].Data["alarm"]!["state"]!.GetValue<string>());
    }

    private static bool IsNear(JsonNode incident, TestDevice device) =>
        Math.Abs(incident["location"]!["lat"]!.GetValue<double>() - device.Location.Lat) < 1e-6 &&
        Math.Abs(incident["location"]!["lon"]!.GetValue<double>() - device.Location.Lon) < 1e-6;
}
