using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// A 3-node RabbitMQ cluster under load loses one node, which comes back: every batch acknowledged meanwhile was
/// both stored and carried through the quorum queues to the rules (each one raises its own alarm).
/// </summary>
public sealed class BrokerFailoverTests
{
    private const int Devices = 60;

    [ScaleOutFact]
    public async Task Stopping_and_restarting_a_broker_node_under_load_loses_nothing_acknowledged()
    {
        await using var brokers = await RabbitCluster.StartAsync(3);
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var settings = cluster.NodeSettings("broker-failover");
        settings[Hosting.VigilApp.RabbitMqBusKey] = brokers.Amqp;
        var node = new VigilServer(settings);
        await node.InitializeAsync();
        try
        {
            var devices = new List<TestDevice>(Devices);
            for (var i = 0; i < Devices; i++)
            {
                devices.Add(await node.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]));
            }

            // Each device sends one gunshot batch; a third of them go out while broker node 1 is down.
            var acknowledged = new ConcurrentBag<TestDevice>();
            await SendAsync(devices[..20], acknowledged);
            await brokers.StopNodeAsync(1);
            await SendAsync(devices[20..40], acknowledged);
            await brokers.StartNodeAsync(1);
            await SendAsync(devices[40..], acknowledged);
            Assert.True(acknowledged.Count >= Devices / 2, $"only {acknowledged.Count} of {Devices} batches were acknowledged");

            var viewer = await node.AsAsync(Role.Operator);
            foreach (var device in acknowledged)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                JsonArray alarms;
                do
                {
                    alarms = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={device.Id}"))!;
                    if (alarms.Count > 0)
                    {
                        break;
                    }

                    await Task.Delay(200);
                }
                while (DateTime.UtcNow < deadline);
                Assert.True(alarms.Count == 1, $"acknowledged gunshot of {device.Id} raised {alarms.Count} alarms");
                Assert.Equal(2, (await TestDevice.StoredAsync(viewer, device.Id)).Count);
            }
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task SendAsync(List<TestDevice> devices, ConcurrentBag<TestDevice> acknowledged)
    {
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (device, _) =>
        {
            var now = DateTimeOffset.UtcNow;
            try
            {
                using var response = await device.PostAsync($"{device.Id}-gunshot", ("impulse_db", now.AddSeconds(-2), 60), ("impulse_db", now.AddSeconds(-1), 141.5));
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    acknowledged.Add(device);
                }
            }
            catch (HttpRequestException)
            {
                // Not acknowledged: it proves nothing either way.
            }
        });
    }
}
