using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Messaging.RabbitMq;
using Vigil.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Vigil.Server.Tests;

/// <summary>
/// A partition taken over after a SIGKILL carries its devices' learned state: node A learns a feeder's voltage over a
/// week of readings and snapshots it; A is killed; node B, now the partition's active consumer, loads the snapshot at
/// the device's next batch and raises the anomaly that only a learned baseline can raise (a fresh detector is still
/// learning for its first 288 readings).
/// </summary>
public sealed class ScaleOutTakeOverTests(ITestOutputHelper output)
{
    private const int Points = 1900;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [ScaleOutFact]
    public async Task Survivor_of_a_SIGKILL_continues_from_the_dead_nodes_snapshot_and_raises_the_anomaly_only_a_baseline_can()
    {
        // One partition: A subscribes first and ranks first ("node-a" < "node-b"), so A owns every device until it dies.
        await using var cluster = await ScaleOutCluster.CreateAsync(partitions: 1);
        cluster.Extra["Vigil:Pipeline:SnapshotInterval"] = "00:00:01";
        cluster.Extra["Vigil:Pipeline:SilenceCheckInterval"] = "00:00:01";
        using var nodeA = await cluster.StartProcessAsync("node-a");
        var nodeB = new VigilServer(cluster.NodeSettings("node-b"));
        await nodeB.InitializeAsync();
        try
        {
            var control = nodeB.App.Services.GetRequiredService<RabbitMqControl>();
            await WaitForAsync(() => control.Membership.Count == 2, TimeSpan.FromSeconds(20), "B sees both nodes");

            var device = await nodeB.RegisterDeviceAsync(DeviceKind.PowerGrid, [("voltage", "V")]);
            var viewerB = await nodeB.AsAsync(Role.Operator);
            using var viewerA = new HttpClient { BaseAddress = nodeA.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            viewerA.DefaultRequestHeaders.Authorization = viewerB.DefaultRequestHeaders.Authorization;

            // The readings of the single-node anomaly test (same seed): a week of daily cycle, then a spike to 249 V.
            var random = new Random(5);
            var start = DateTimeOffset.UtcNow - (Step * Points);
            var readings = new (string, DateTimeOffset, double)[Points];
            for (var i = 0; i < Points; i++)
            {
                var value = 230 + (4 * Math.Sin(2 * Math.PI * i / 288)) + (0.5 * ((random.NextDouble() * 2) - 1));
                readings[i] = ("voltage", start + (Step * i), i == Points - 1 ? 249 : value);
            }

            for (var offset = 0; offset < Points - 1; offset += 500)
            {
                using var response = await device.PostAsync($"week-{offset}", readings[offset..Math.Min(Points - 1, offset + 500)]);
                await Expect.StatusAsync(response, HttpStatusCode.Accepted);
            }

            // A evaluated the whole week (its band is at the last reading), and has snapshotted it since.
            var lastLearned = readings[Points - 2].Item2.ToUnixTimeMilliseconds();
            await Expect.EventuallyAsync(
                async () => await BaselineAtAsync(viewerA, device.Id) == lastLearned ? "learned" : null, "A's band at the week's last reading", TimeSpan.FromSeconds(60));
            var learnedAt = DateTimeOffset.UtcNow;
            await Expect.EventuallyAsync(
                async () => await SnapshotTimeAsync(cluster, device.Id) > learnedAt.AddMilliseconds(200) ? "saved" : null, "A's snapshot after learning", TimeSpan.FromSeconds(30));
            Assert.False(await BaselineLearnedAsync(viewerB, device.Id), "B holds no state for a device it does not own");

            nodeA.Kill();
            var sinceKill = Stopwatch.StartNew();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
            while (true)
            {
                using var response = await device.PostAsync("spike", readings[Points - 1]);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    break;
                }

                Assert.True(DateTime.UtcNow < deadline, $"the spike was refused after the kill: {(int)response.StatusCode}");
                await Task.Delay(100);
            }

            var alarm = await Expect.EventuallyAsync(() => FindAlarmAsync(viewerB, device.Id, "feeder-voltage-anomaly"), "the anomaly alarm raised by B", TimeSpan.FromSeconds(30));
            output.WriteLine($"SIGKILL of A to B's anomaly alarm from restored state: {sinceKill.ElapsedMilliseconds} ms");
            Assert.Equal(249, alarm["explanation"]!["observedValue"]!.GetValue<double>());
            Assert.InRange(alarm["explanation"]!["expectedHigh"]!.GetValue<double>(), 225, 240);
            Assert.True(await BaselineLearnedAsync(viewerB, device.Id), "B now owns the device's learned band");
        }
        finally
        {
            await nodeB.DisposeAsync();
        }
    }

    private static async Task<long?> BaselineAtAsync(HttpClient viewer, string deviceId)
    {
        var band = (await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/devices/{deviceId}/baseline?quantity=voltage"))!;
        return band["learned"]!.GetValue<bool>() ? band["at"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds() : null;
    }

    private static async Task<bool> BaselineLearnedAsync(HttpClient viewer, string deviceId) => await BaselineAtAsync(viewer, deviceId) is not null;

    private static async Task<DateTimeOffset?> SnapshotTimeAsync(ScaleOutCluster cluster, string deviceId)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT saved_at FROM detector_state WHERE device = $1", connection);
        query.Parameters.Add(new NpgsqlParameter { Value = deviceId });
        return await query.ExecuteScalarAsync() is DateTime at ? new DateTimeOffset(at, TimeSpan.Zero) : null;
    }

    private static async Task<JsonNode?> FindAlarmAsync(HttpClient viewer, string deviceId, string ruleId)
    {
        var alarms = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={deviceId}"))!;
        foreach (var alarm in alarms)
        {
            if (alarm!["ruleId"]!.GetValue<string>() == ruleId)
            {
                return alarm;
            }
        }

        return null;
    }

    private static async Task WaitForAsync(Func<bool> condition, TimeSpan limit, string what)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < deadline, $"not within {limit.TotalSeconds:0} s: {what}");
            await Task.Delay(100);
        }
    }
}
