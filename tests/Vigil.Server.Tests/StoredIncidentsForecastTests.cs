using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>With no incidents file configured, forecasts come from the incidents recorded in Vigil over the city map.</summary>
public sealed class StoredIncidentsForecastTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly GeoView Centre = new(44.4949, 11.3426);

    [Fact]
    public async Task Recorded_incidents_over_the_city_map_are_forecast_with_default_settings()
    {
        var admin = await server.AdminAsync();
        var c = Centre;
        var time = server.App.Services.GetRequiredService<TimeProvider>();
        await server.App.Services.GetRequiredService<ICityMapStore>().SaveAsync(
            new CityLayers("Test City", c,
                [
                    new MapDistrict("West", [new(c.Lat - 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon), new(c.Lat - 0.01, c.Lon)]),
                    new MapDistrict("East", [new(c.Lat - 0.01, c.Lon), new(c.Lat + 0.01, c.Lon), new(c.Lat + 0.01, c.Lon + 0.02), new(c.Lat - 0.01, c.Lon + 0.02)]),
                ],
                []),
            new AuditRecord(time.GetUtcNow(), "test", "map.replace", "map", "city", null, null),
            CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/incidents", new { type = "Fire", priority = 2, location = new { lat = c.Lat + 0.002, lon = c.Lon - (0.01 + (0.0002 * i)) } });
            await Expect.StatusAsync(created, HttpStatusCode.Created);
        }

        var body = await Expect.EventuallyAsync(async () =>
        {
            using var response = await admin.GetAsync("/api/v1/forecasts?category=fire&horizonDays=7");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return null;
            }

            await Expect.StatusAsync(response, HttpStatusCode.OK);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }, "the forecast fit", TimeSpan.FromMinutes(2));

        var forecast = body["forecast"]!;
        Assert.Equal("vigil incidents", forecast["dataSource"]!.GetValue<string>());
        Assert.Equal(6, forecast["incidents"]!.GetValue<int>());
        Assert.Contains("too little history", forecast["settings"]!.GetValue<string>(), StringComparison.Ordinal);
        var districts = body["disparity"]!["districts"]!.AsArray();
        var west = districts.Single(d => d!["district"]!.GetValue<string>() == "West")!;
        Assert.Equal(1.0, west["incidentShare"]!.GetValue<double>(), 6);

        // The top-ranked cell is where the incidents were: in the western district.
        var top = body["features"]![0]!["geometry"]!["coordinates"]![0]![0]!.AsArray();
        Assert.InRange(top[0]!.GetValue<double>(), c.Lon - 0.02, c.Lon);
    }
}
