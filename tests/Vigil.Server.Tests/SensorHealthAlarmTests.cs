using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Devices;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// The built-in rules through the real server: a learned anomaly explains its band, and each sensor fault (stuck,
/// impossible, dropout, late, at odds with its neighbours) is a device-fault alarm that opens no incident.
/// </summary>
public sealed class SensorHealthAlarmTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly TimeSpan AlarmTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Voltage_spike_after_a_week_of_learning_raises_an_anomaly_with_its_expected_band_and_no_incident()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.PowerGrid, [("voltage", "V")]);
        var random = new Random(5);
        const int Points = 1900;
        var step = TimeSpan.FromMinutes(5);
        var start = DateTimeOffset.UtcNow - (step * Points);
        var readings = new (string, DateTimeOffset, double)[Points];
        for (var i = 0; i < Points; i++)
        {
            var value = 230 + (4 * Math.Sin(2 * Math.PI * i / 288)) + (0.5 * ((random.NextDouble() * 2) - 1));
            readings[i] = ("voltage", start + (step * i), i == Points - 1 ? 249 : value);
        }

        for (var offset = 0; offset < Points; offset += 500)
        {
            using var response = await device.PostAsync($"week-{offset}", readings[offset..Math.Min(Points, offset + 500)]);
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "feeder-voltage-anomaly");
        Assert.Equal("Emergency", alarm["category"]!.GetValue<string>());
        Assert.Null(alarm["incidentId"]?.GetValue<long?>());
        var explanation = alarm["explanation"]!;
        Assert.Equal(249, explanation["observedValue"]!.GetValue<double>());
        var high = explanation["expectedHigh"]!.GetValue<double>();
        Assert.InRange(high, 225, 240);
        Assert.True(explanation["expectedLow"]!.GetValue<double>() < high);
        Assert.Contains("above the expected band", explanation["observed"]!.GetValue<string>(), StringComparison.Ordinal);

        var viewer = await server.AsAsync(Vigil.Domain.Accounts.Role.Operator);
        var band = (await viewer.GetFromJsonAsync<JsonObject>($"/api/v1/devices/{device.Id}/baseline?quantity=voltage"))!;
        Assert.True(band["learned"]!.GetValue<bool>());
        Assert.Equal(249, band["observed"]!.GetValue<double>());
    }

    [Fact]
    public async Task Stuck_pressure_sensor_raises_a_device_fault_without_an_incident()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Water, [("pressure", "kPa")]);
        var now = DateTimeOffset.UtcNow;
        var readings = new (string, DateTimeOffset, double)[15];
        for (var i = 0; i < readings.Length; i++)
        {
            readings[i] = ("pressure", now.AddMinutes(i - 15), 300);
        }

        using (var response = await device.PostAsync("stuck", readings))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "pressure-stuck");
        AssertDeviceFault(alarm);
        Assert.Contains("stuck at 300", alarm["explanation"]!["observed"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Impossible_speed_raises_a_device_fault_naming_the_physical_range()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.Traffic, [("speed", "km/h")]);
        using (var response = await device.PostAsync("negative", ("speed", DateTimeOffset.UtcNow.AddSeconds(-1), -12)))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "speed-impossible");
        AssertDeviceFault(alarm);
        Assert.Equal(-12, alarm["explanation"]!["observedValue"]!.GetValue<double>());
        Assert.Equal(0, alarm["explanation"]!["expectedLow"]!.GetValue<double>());
        Assert.Equal(400, alarm["explanation"]!["expectedHigh"]!.GetValue<double>());
    }

    [Fact]
    public async Task Gap_of_many_usual_intervals_raises_a_dropout_device_fault()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, [("pm25", "ug/m3")]);
        var now = DateTimeOffset.UtcNow;
        var readings = new (string, DateTimeOffset, double)[12];
        for (var i = 0; i < 11; i++)
        {
            readings[i] = ("pm25", now.AddSeconds(i - 100), 10 + (i % 3));
        }

        readings[11] = ("pm25", now.AddSeconds(-1), 11);
        using (var response = await device.PostAsync("gap", readings))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "device-dropout");
        AssertDeviceFault(alarm);
        Assert.Equal(89, alarm["explanation"]!["observedValue"]!.GetValue<double>());
        Assert.Contains("dropout", alarm["explanation"]!["observed"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_received_ten_minutes_after_it_was_taken_raises_a_late_data_device_fault()
    {
        var device = await server.RegisterDeviceAsync(DeviceKind.AirQuality, [("pm25", "ug/m3")]);
        using (var response = await device.PostAsync("late", ("pm25", DateTimeOffset.UtcNow.AddMinutes(-10), 12)))
        {
            await Expect.StatusAsync(response, HttpStatusCode.Accepted);
        }

        var alarm = await WaitForAlarmAsync(device.Id, "device-late-data");
        AssertDeviceFault(alarm);
        Assert.InRange(alarm["explanation"]!["observedValue"]!.GetValue<double>(), 590, 700);
    }

    [Fact]
    public async Task Sensor_reading_far_from_its_neighbours_for_a_quarter_hour_raises_a_device_fault_with_their_band()
    {
        var place = TestPlaces.Next();
        var neighbours = new TestDevice[3];
        for (var i = 0; i < neighbours.Length; i++)
        {
            neighbours[i] = await server.RegisterDeviceAsync(DeviceKind.AirQuality, [("pm25", "ug/m3")], place.Offset(100 * (i + 1), 0));
        }

        var odd = await server.RegisterDeviceAsync(DeviceKind.AirQuality, [("pm25", "ug/m3")], place);
        var now = DateTimeOffset.UtcNow;
        for (var minute = 20; minute >= 0; minute--)
        {
            var at = now.AddMinutes(-minute).AddSeconds(-1);
            for (var i = 0; i < neighbours.Length; i++)
            {
                using var response = await neighbours[i].PostAsync($"n{i}-{minute}", ("pm25", at, 10 + i));
                await Expect.StatusAsync(response, HttpStatusCode.Accepted);
            }

            // The neighbours' readings must reach their partitions before the odd one is compared with them.
            await Task.Delay(20);
            using (var response = await odd.PostAsync($"odd-{minute}", ("pm25", at, 45)))
            {
                await Expect.StatusAsync(response, HttpStatusCode.Accepted);
            }
        }

        var alarm = await WaitForAlarmAsync(odd.Id, "pm25-neighbours");
        AssertDeviceFault(alarm);
        var explanation = alarm["explanation"]!;
        Assert.Equal(45, explanation["observedValue"]!.GetValue<double>());
        Assert.True(explanation["expectedHigh"]!.GetValue<double>() < 45);
        Assert.True(explanation["expectedLow"]!.GetValue<double>() < 11);
        foreach (var neighbour in neighbours)
        {
            Assert.Null(await FindAlarmAsync(neighbour.Id, "pm25-neighbours"));
        }
    }

    private static void AssertDeviceFault(JsonNode alarm)
    {
        Assert.Equal("DeviceFault", alarm["category"]!.GetValue<string>());
        Assert.Null(alarm["incidentId"]?.GetValue<long?>());
        Assert.Null(alarm["incidentType"]?.GetValue<string>());
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
