using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Messaging.RabbitMq;
using Vigil.Platform.Operations;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Two Vigil nodes over one PostgreSQL and one RabbitMQ: a <c>vigil serve</c> process (A) and an in-process node (B).
/// They split the partitions, alarms raised anywhere reach SSE clients of either node, and when A is killed with
/// SIGKILL, B takes over its partitions and the operations desk, while every acknowledged observation is stored once.
/// </summary>
public sealed class ScaleOutTests
{
    private const int Devices = 6;
    private static readonly TimeSpan TakeoverLimit = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan AlarmWait = TimeSpan.FromSeconds(30);

    [ScaleOutFact]
    public async Task Two_nodes_share_the_load_and_the_survivor_of_a_SIGKILL_takes_over_without_losing_acknowledged_data()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();

        // A starts first, so it holds the desk; the node ids order A before B, so A keeps the even partitions.
        using var nodeA = await cluster.StartProcessAsync("node-a");
        var nodeB = new VigilServer(cluster.NodeSettings("node-b"));
        await nodeB.InitializeAsync();
        try
        {
            var control = nodeB.App.Services.GetRequiredService<RabbitMqControl>();
            await WaitForAsync(() => control.Membership.Count == 2, TimeSpan.FromSeconds(20), "B sees both nodes");
            var lease = nodeB.App.Services.GetRequiredService<DeskLease>();
            Assert.False(lease.IsHeld);

            var devices = new List<TestDevice>(Devices);
            for (var i = 0; i < Devices; i++)
            {
                devices.Add(await nodeB.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]));
            }

            var viewerB = await nodeB.AsAsync(Role.Operator);
            await using var streamB = await SseReader.OpenAsync(viewerB);

            // Alarms raised on the desk of A reach the SSE clients of B.
            await PostImpulseAsync(devices[0], nodeA.BaseAddress, "pre");
            await streamB.ReadUntilAsync(e => IsRaisedFor(e, devices[0].Id), AlarmWait);

            // Load on both nodes; A dies in the middle of it.
            var acknowledged = new ConcurrentDictionary<string, long>();
            var start = DateTimeOffset.UtcNow.AddMinutes(-30).ToUnixTimeMilliseconds();
            using var stop = new CancellationTokenSource();
            var next = -1;
            var senders = new Task[4];
            for (var s = 0; s < senders.Length; s++)
            {
                var target = s % 2 == 0 ? nodeA.BaseAddress : nodeB.BaseAddress;
                senders[s] = Task.Run(() => SendAsync(devices, target, start, () => Interlocked.Increment(ref next), acknowledged, stop.Token));
            }

            await WaitForAsync(() => acknowledged.Count >= 40, TimeSpan.FromSeconds(60), "40 batches acknowledged before the kill");
            nodeA.Kill();
            await WaitForAsync(() => lease.IsHeld, TakeoverLimit, "B holds the desk within 10 s of the kill");
            var countAtKill = acknowledged.Count;
            await WaitForAsync(() => acknowledged.Count >= countAtKill + 40, TimeSpan.FromSeconds(60), "40 more batches acknowledged by B");
            await stop.CancelAsync();
            await Task.WhenAll(senders);

            // B now owns every partition: a gunshot on each device raises its alarm, delivered to B's SSE clients.
            foreach (var device in devices)
            {
                await PostImpulseAsync(device, nodeB.BaseAddress, "post");
            }

            foreach (var device in devices)
            {
                if (device == devices[0])
                {
                    continue;
                }

                await streamB.ReadUntilAsync(e => IsRaisedFor(e, device.Id), AlarmWait);
            }

            // Every acknowledged observation is stored, and none twice.
            foreach (var device in devices)
            {
                var stored = await TestDevice.StoredAsync(viewerB, device.Id);
                var times = new HashSet<long>();
                foreach (var row in stored)
                {
                    Assert.True(times.Add(row!["time"]!.GetValue<DateTimeOffset>().ToUnixTimeMilliseconds()), $"an observation of {device.Id} is stored twice");
                }

                foreach (var (batchId, firstMs) in acknowledged)
                {
                    if (batchId.StartsWith(device.Id, StringComparison.Ordinal))
                    {
                        Assert.Contains(firstMs, times);
                        Assert.Contains(firstMs + 1, times);
                    }
                }
            }
        }
        finally
        {
            await nodeB.DisposeAsync();
        }
    }

    private static bool IsRaisedFor(SseEvent e, string deviceId) =>
        e.Type == "alarm.raised" && e.Data["alarm"]?["deviceId"]?.GetValue<string>() == deviceId;

    private static async Task PostImpulseAsync(TestDevice device, Uri node, string tag)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-Api-Key", device.ApiKey);
        var now = DateTimeOffset.UtcNow;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            // A device registered on another node a moment ago is known here once the registry change has arrived.
            using var response = await client.PostAsJsonAsync("/api/v1/observations", new
            {
                batchId = $"{device.Id}-{tag}",
                observations = new[]
                {
                    new { quantity = "impulse_db", time = now.AddSeconds(-2), value = 60.0 },
                    new { quantity = "impulse_db", time = now.AddSeconds(-1), value = 141.5 },
                },
            });
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the gunshot for {device.Id} was refused: {(int)response.StatusCode}");
            await Task.Delay(200);
        }
    }

    private static async Task SendAsync(
        List<TestDevice> devices, Uri node, long start, Func<int> nextBatch, ConcurrentDictionary<string, long> acknowledged, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = node, Timeout = TimeSpan.FromSeconds(30) };
        while (!stop.IsCancellationRequested)
        {
            var n = nextBatch();
            var device = devices[n % devices.Count];

            // Batch n holds the two milliseconds start + 2n and start + 2n + 1, so each observation is findable by time.
            var firstMs = start + (2L * n);
            var batchId = $"{device.Id}-load-{n}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/observations")
            {
                Content = JsonContent.Create(new
                {
                    batchId,
                    observations = new[]
                    {
                        new { quantity = "impulse_db", time = DateTimeOffset.FromUnixTimeMilliseconds(firstMs), value = 55.0 },
                        new { quantity = "impulse_db", time = DateTimeOffset.FromUnixTimeMilliseconds(firstMs + 1), value = 56.0 },
                    },
                }),
            };
            request.Headers.Add("X-Api-Key", device.ApiKey);
            try
            {
                using var response = await client.SendAsync(request, stop);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged[batchId] = firstMs;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                // The node was killed (or the test is stopping): this batch was not acknowledged, so it proves nothing.
                await Task.Delay(50, CancellationToken.None);
            }
        }
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
