using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Geo;
using Vigil.Domain.Units;
using Vigil.Platform.Operations;
using Vigil.Server.Tests.Infrastructure;
using Vigil.Simulation;

namespace Vigil.Server.Tests;

/// <summary>The demo's fleet: a dispatched unit drives to its incident through the real units API, then back.</summary>
public sealed class FleetDriverTests(VigilServer server) : IClassFixture<VigilServer>
{
    [Fact]
    public async Task Dispatched_unit_reports_positions_along_its_way_then_on_scene_then_home_and_available()
    {
        var station = TestPlaces.Next();
        var scene = station.Offset(1500, 0);
        var unitId = "FLEET-" + Guid.NewGuid().ToString("n")[..6];
        await server.App.Services.GetRequiredService<OperationsDesk>().RegisterUnitsAsync(
            [new ResponseUnit { Id = unitId, CallSign = "Engine " + unitId, AgencyId = "fire", Kind = UnitKind.Fire, Location = station, Station = station }],
            "test", CancellationToken.None);
        var dispatcher = await server.AsAsync(Role.Dispatcher);
        using var create = await dispatcher.PostAsJsonAsync("/api/v1/incidents", new { type = "fire", priority = 2, location = new { lat = scene.Lat, lon = scene.Lon } });
        await Expect.StatusAsync(create, HttpStatusCode.Created);
        var incidentId = (await create.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        using (var send = await dispatcher.PostAsJsonAsync($"/api/v1/incidents/{incidentId}/units", new { unitId }))
        {
            await Expect.StatusAsync(send, HttpStatusCode.OK);
        }

        var clock = new SteppedClock(DateTimeOffset.UtcNow);
        var fleet = new FleetDriver(dispatcher, clock);

        // This server has no road network, so the unit drives the straight 1.5 km at the town speed (11 m/s).
        await fleet.StepAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(60));
        await fleet.StepAsync(CancellationToken.None);
        var halfway = await UnitAsync(dispatcher, unitId);
        Assert.Equal("EnRoute", halfway["status"]!.GetValue<string>());
        var at = Location(halfway);
        Assert.InRange(station.DistanceTo(at), 600, 720);
        Assert.InRange(scene.DistanceTo(at), 780, 900);

        clock.Advance(TimeSpan.FromSeconds(120));
        await fleet.StepAsync(CancellationToken.None);
        var arrived = await UnitAsync(dispatcher, unitId);
        Assert.Equal("OnScene", arrived["status"]!.GetValue<string>());
        Assert.True(scene.DistanceTo(Location(arrived)) < 1);

        using (var recall = await dispatcher.PatchAsJsonAsync($"/api/v1/units/{unitId}", new { status = "Returning" }))
        {
            await Expect.StatusAsync(recall, HttpStatusCode.OK);
        }

        await fleet.StepAsync(CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(300));
        await fleet.StepAsync(CancellationToken.None);
        var home = await UnitAsync(dispatcher, unitId);
        Assert.Equal("Available", home["status"]!.GetValue<string>());
        Assert.True(station.DistanceTo(Location(home)) < 1);
        Assert.Equal(2, fleet.Arrivals);
    }

    [Fact]
    public void Point_along_a_line_is_measured_from_its_start_and_stops_at_its_ends()
    {
        var a = new GeoPoint(44.49, 11.34);
        var b = a.Offset(0, 1000);
        var c = b.Offset(500, 0);
        GeoPoint[] line = [a, b, c];
        Assert.InRange(Polyline.Length(line), 1495, 1505);
        Assert.True(Polyline.PointAt(line, 1250).DistanceTo(b.Offset(250, 0)) < 3);
        Assert.Equal(a, Polyline.PointAt(line, -5));
        Assert.Equal(c, Polyline.PointAt(line, 99_999));
    }

    private static async Task<JsonObject> UnitAsync(HttpClient client, string id)
    {
        var units = (await client.GetFromJsonAsync<JsonArray>("/api/v1/units"))!;
        foreach (var unit in units)
        {
            if (unit!["id"]!.GetValue<string>() == id)
            {
                return unit.AsObject();
            }
        }

        throw new InvalidOperationException($"No unit {id}.");
    }

    private static GeoPoint Location(JsonObject unit) => new(unit["location"]!["lat"]!.GetValue<double>(), unit["location"]!["lon"]!.GetValue<double>());

    private sealed class SteppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
