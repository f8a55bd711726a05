using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>GET /api/v1/map/devices: every device in columns, for the console's map.</summary>
public sealed class DeviceMapTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Map_columns_line_up_with_the_full_device_list()
    {
        var first = await server.RegisterDeviceAsync(DeviceKind.Acoustic, ["spl"], new GeoPoint(44.4912345678, 11.3398765432));
        var second = await server.RegisterDeviceAsync(DeviceKind.AirQuality, ["pm25"], new GeoPoint(44.5, 11.35));
        var client = await server.AsAsync(Vigil.Domain.Accounts.Role.Operator);

        var map = (await client.GetFromJsonAsync<JsonObject>("/api/v1/map/devices"))!;
        var list = (await client.GetFromJsonAsync<JsonArray>("/api/v1/devices"))!;
        var ids = map["ids"]!.AsArray();
        Assert.Equal(list.Count, ids.Count);
        foreach (var column in new[] { "lat", "lon", "kind", "agency" })
        {
            Assert.Equal(ids.Count, map[column]!.AsArray().Count);
        }

        for (var i = 0; i < list.Count; i++)
        {
            var device = list[i]!;
            var id = device["id"]!.GetValue<string>();
            Assert.Equal(id, ids[i]!.GetValue<string>());
            Assert.Equal(device["kind"]!.GetValue<string>(), map["kinds"]![map["kind"]![i]!.GetValue<int>()]!.GetValue<string>());
            Assert.Equal(device["agencyId"]!.GetValue<string>(), map["agencies"]![map["agency"]![i]!.GetValue<int>()]!.GetValue<string>());
            Assert.Equal(device["location"]!["lat"]!.GetValue<double>(), map["lat"]![i]!.GetValue<double>(), 6);
            Assert.Equal(device["location"]!["lon"]!.GetValue<double>(), map["lon"]![i]!.GetValue<double>(), 6);
        }

        var at = IndexOf(ids, first.Id);
        Assert.Equal(44.491235, map["lat"]![at]!.GetValue<double>());
        Assert.Equal(11.339877, map["lon"]![at]!.GetValue<double>());
        Assert.True(IndexOf(ids, second.Id) >= 0);
    }

    [Fact]
    public async Task Map_is_refused_without_signing_in()
    {
        using var anonymous = server.NewClient();
        using var response = await anonymous.GetAsync("/api/v1/map/devices");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static int IndexOf(JsonArray ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i]!.GetValue<string>() == id)
            {
                return i;
            }
        }

        return -1;
    }
}
