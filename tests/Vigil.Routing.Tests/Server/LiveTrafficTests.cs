using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Devices;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using Vigil.Server.Apis;
using Vigil.Server.Routing;
using static Vigil.Routing.Tests.Server.RoutingServer;

namespace Vigil.Routing.Tests.Server;

public sealed class LiveTrafficTests
{
    [Fact]
    public async Task Slow_traffic_reading_reroutes_and_silence_restores_free_flow()
    {
        // A square: the direct street (south) and a detour (west, north, east); a jam on the direct street makes the detour faster.
        static GeoPoint P(double n, double e) => Road(At(n, e));
        var streets = new StreetNetwork()
            .Add([P(0, 0), P(0, 10)], "primary", "Direct Road")
            .Add([P(0, 0), P(3, 0)], "primary", "West Road")
            .Add([P(3, 0), P(3, 10)], "primary", "North Road")
            .Add([P(3, 10), P(0, 10)], "primary", "East Road");
        await using var server = await StartAsync(streets);
        const string route = "/api/v1/routes?from=45.0,7.0005&to=45.0,7.0095";
        var free = await RouteAsync(server, route);

        var services = server.Services;
        var (entry, _) = await DevicesApi.RegisterAsync(
            new DevicesApi.DeviceRequest("tr-1", "Counter on Direct Road", DeviceKind.Traffic, new GeoView(45.0, 7.005), "transport", [new QuantitySpec("speed", "km/h")]),
            "test", services.GetRequiredService<IDeviceStore>(), services.GetRequiredService<DeviceRegistry>(), TimeProvider.System, CancellationToken.None);
        Assert.NotNull(entry);
        var rows = IngestBatch.RentRows(1);
        rows[0] = new ObservationRow(DateTimeOffset.UtcNow.AddSeconds(-60).ToUnixTimeMilliseconds(), 0, 2.0);
        var batch = new IngestBatch("jam-1", entry, rows, 1, 0);
        await services.GetRequiredService<IObservationStore>().AppendAsync(batch, CancellationToken.None);
        batch.Release();

        var feed = services.GetRequiredService<TrafficSpeedFeed>();
        Assert.Equal(1, await feed.RefreshAsync(CancellationToken.None));
        var jammed = await RouteAsync(server, route);

        Assert.True(jammed.Duration > free.Duration);
        Assert.True(jammed.Distance > free.Distance + 400, "the jam should send the route round the detour");

        // The reading is a minute old: within the default two-minute window, outside a 30-second one, where the
        // sensor counts as silent and its road returns to free flow.
        server.Services.GetRequiredService<CityRouter>().Options.TrafficWindow = TimeSpan.FromSeconds(30);
        Assert.Equal(0, await feed.RefreshAsync(CancellationToken.None));
        var again = await RouteAsync(server, route);
        Assert.Equal(free.Duration, again.Duration);
    }

    private static async Task<(double Duration, double Distance)> RouteAsync(RoutingServer server, string path)
    {
        using var doc = await server.GetJsonAsync(path);
        return (doc.RootElement.GetProperty("durationSeconds").GetDouble(), doc.RootElement.GetProperty("distanceMeters").GetDouble());
    }
}
