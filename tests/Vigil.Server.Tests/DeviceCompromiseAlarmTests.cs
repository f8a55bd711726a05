using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// Device-compromise signals through the real server: failed-authentication bursts, message-rate jumps, one key used
/// from several addresses at once and a device reporting itself far from its registered place are security alarms.
/// </summary>
public sealed class DeviceCompromiseAlarmTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly TimeSpan AlarmTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Burst_of_wrong_keys_claiming_a_device_raises_a_security_alarm()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Flood, ["level_cm"]);
        var guesser = server.NewClient();
        guesser.DefaultRequestHeaders.Add("X-Api-Key", "vk_not-the-key");
        guesser.DefaultRequestHeaders.Add("X-Device-Id", device.Id);
        for (var i = 0; i < 10; i++)
        {
            using var response = await guesser.PostAsJsonAsync("/api/v1/observations", new { batchId = $"g{i}", observations = Array.Empty<object>() });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "device-auth-failures");
        AssertSecurity(alarm);
        Assert.Contains("failed authentications", alarm["explanation"]!["observed"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sudden_jump_in_message_rate_raises_a_security_alarm()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Flood, ["level_cm"]);
        var now = DateTimeOffset.UtcNow;
        var usual = new (string, DateTimeOffset, double)[15];
        for (var i = 0; i < usual.Length; i++)
        {
            usual[i] = ("level_cm", now.AddMinutes(i - 16), 20);
        }

        using (var response = await device.PostAsync("usual", usual))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var flood = new (string, DateTimeOffset, double)[200];
        for (var i = 0; i < flood.Length; i++)
        {
            flood[i] = ("level_cm", now.AddSeconds(-50).AddMilliseconds(i * 200), 20 + (i % 2));
        }

        using (var response = await device.PostAsync("flood", flood))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        AssertSecurity(await WaitForAlarmAsync(device.Id, "device-message-rate"));
    }

    [Fact]
    public async Task One_key_used_from_three_addresses_at_once_raises_a_security_alarm()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Flood, ["level_cm"]);
        var now = DateTimeOffset.UtcNow;
        for (var origin = 2; origin <= 4; origin++)
        {
            using var client = FromAddress(IPAddress.Parse($"127.0.0.{origin}"), device.ApiKey);
            using var response = await client.PostAsJsonAsync("/api/v1/observations", new
            {
                batchId = $"from-{origin}",
                observations = new[] { new { quantity = "level_cm", time = now.AddSeconds(origin - 10), value = 20.0 } },
            });
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "device-key-spread");
        AssertSecurity(alarm);
        Assert.Equal(3, alarm["explanation"]!["observedValue"]!.GetValue<double>());
    }

    [Fact]
    public async Task Device_reporting_itself_five_km_from_its_registered_place_raises_a_security_alarm()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Flood, ["level_cm"]);
        var elsewhere = device.Location.Offset(5000, 0);
        using (var response = await device.Client.PostAsJsonAsync("/api/v1/observations", new
        {
            batchId = "moved",
            location = new { lat = elsewhere.Lat, lon = elsewhere.Lon },
            observations = new[] { new { quantity = "level_cm", time = DateTimeOffset.UtcNow.AddSeconds(-1), value = 20.0 } },
        }))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "device-location-drift");
        AssertSecurity(alarm);
        Assert.InRange(alarm["explanation"]!["observedValue"]!.GetValue<double>(), 4900, 5100);
    }

    [Fact]
    public async Task Reported_location_without_longitude_is_rejected_naming_the_field()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Flood, ["level_cm"]);
        using var response = await device.PostRawAsync(
            "{\"batchId\":\"half\",\"location\":{\"lat\":44.5},\"observations\":[{\"quantity\":\"level_cm\",\"time\":\"" +
            DateTimeOffset.UtcNow.AddSeconds(-1).ToString("O") + "\",\"value\":20}]}");
        await Expect.FieldProblemAsync(response, "location.lon");
    }

    private HttpClient FromAddress(IPAddress local, string apiKey)
    {
        // Linux answers on the whole 127/8 block, so binding the client socket gives the server a distinct origin.
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(local, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static void AssertSecurity(JsonNode alarm)
    {
        Assert.Equal("Security", alarm["category"]!.GetValue<string>());
        Assert.Null(alarm["incidentId"]?.GetValue<long?>());
    }

    private async Task<JsonNode?> FindAlarmAsync(string deviceId, string ruleId)
    {
        var viewer = await server.AsAsync(Vigil.Domain.Accounts.Role.Operator);
        var alarms = (await viewer.GetFromJsonAsync<JsonArray>($"/api/v1/alarms?device={deviceId}"))!;
        return alarms.FirstOrDefault(a => a!["ruleId"]!.GetValue<string>() == ruleId);
    }

    private Task<JsonNode> WaitForAlarmAsync(string deviceId, string ruleId) =>
        Expect.EventuallyAsync(() => FindAlarmAsync(deviceId, ruleId), $"alarm {ruleId} on {deviceId}", AlarmTimeout);
}
