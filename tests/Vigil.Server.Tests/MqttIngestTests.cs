using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// A device that speaks MQTT: <c>mosquitto_pub -q 1</c> to RabbitMQ's MQTT plugin with the device's id and API key
/// leads to an alarm, and a wrong key is refused by the broker, which asks Vigil (rabbitmq_auth_backend_http).
/// </summary>
public sealed class MqttIngestTests
{
    [MqttFact]
    public async Task A_QoS1_publish_with_the_device_key_raises_an_alarm_and_a_wrong_key_is_refused()
    {
        await using var cluster = await ScaleOutCluster.CreateAsync();
        var settings = cluster.NodeSettings("mqtt-node");
        settings["urls"] = $"http://127.0.0.1:{MqttFactAttribute.AuthPort}";
        var node = new VigilServer(settings);
        await node.InitializeAsync();
        try
        {
            var device = await node.RegisterDeviceAsync(DeviceKind.Acoustic, ["impulse_db"]);
            var now = DateTimeOffset.UtcNow;
            var batch = new JsonObject
            {
                ["batchId"] = "mqtt-1",
                ["observations"] = new JsonArray(
                    new JsonObject { ["quantity"] = "impulse_db", ["time"] = now.AddSeconds(-2).ToString("O"), ["value"] = 60 },
                    new JsonObject { ["quantity"] = "impulse_db", ["time"] = now.AddSeconds(-1).ToString("O"), ["value"] = 141.5 }),
            }.ToJsonString();

            var refused = await PublishAsync(device.Id, device.ApiKey + "-wrong", $"vigil/devices/{device.Id}/observations", batch);
            Assert.NotEqual(0, refused.ExitCode);

            var published = await PublishAsync(device.Id, device.ApiKey, $"vigil/devices/{device.Id}/observations", batch);
            Assert.True(published.ExitCode == 0, $"mosquitto_pub failed ({published.ExitCode}): {published.Output}");

            var viewer = await node.AsAsync(Role.Operator);
            var deadline = DateTime.UtcNow.AddSeconds(30);
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
            Assert.Equal("gunshot-impulse", Assert.Single(alarms)!["ruleId"]!.GetValue<string>());

            // Stored once, although the refused attempt carried the same batch.
            Assert.Equal(2, (await TestDevice.StoredAsync(viewer, device.Id)).Count);
        }
        finally
        {
            await node.DisposeAsync();
        }
    }

    private static async Task<(int ExitCode, string Output)> PublishAsync(string user, string password, string topic, string message)
    {
        var start = new ProcessStartInfo(MqttFactAttribute.MosquittoPub!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "-h", "127.0.0.1", "-p", MqttFactAttribute.MqttPort!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-q", "1", "-i", "vigil-test-" + Guid.NewGuid().ToString("N")[..8], "-u", user, "-P", password, "-t", topic, "-m", message,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await stdout);
    }
}
