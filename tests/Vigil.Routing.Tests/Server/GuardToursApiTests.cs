using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using static Vigil.Routing.Tests.Server.RoutingServer;

namespace Vigil.Routing.Tests.Server;

/// <summary>POST /api/v1/guard-tours on a road network: road times, tours drawn on the streets, and checkpoints left out.</summary>
public sealed class GuardToursApiTests
{
    // Two west–east streets about 220 m apart, joined only at their east end about 790 m away: a checkpoint on the
    // north street is a few hundred metres from the start as the crow flies and about 1.7 km by road.
    private static StreetNetwork Streets()
    {
        static GeoPoint P(double n, double e) => Road(At(n, e));
        return new StreetNetwork()
            .Add([P(0, 0), P(0, 2), P(0, 4), P(0, 6), P(0, 8), P(0, 10)], "residential", "South Street")
            .Add([P(2, 0), P(2, 2), P(2, 4), P(2, 6), P(2, 8), P(2, 10)], "residential", "North Street")
            .Add([P(0, 10), P(2, 10)], "residential", "East Lane");
    }

    [Fact]
    public async Task Tours_by_road_time_each_stop_as_the_router_does_and_draw_the_loop_on_the_streets()
    {
        await using var server = await StartAsync(Streets());
        var start = At(0, 0);
        var north = At(2, 1);
        var south = At(0, 5);
        var offRoad = At(60, 60);

        var plan = await PlanAsync(server, new
        {
            checkpoints = new object[]
            {
                new { lat = north.Lat, lon = north.Lon, name = "North gate", dwellMinutes = 2 },
                new { lat = south.Lat, lon = south.Lon, name = "South yard", dwellMinutes = 2 },
                new { lat = offRoad.Lat, lon = offRoad.Lon, name = "Field hut" },
            },
            guards = 1,
            shiftMinutes = 60,
            start = new { lat = start.Lat, lon = start.Lon },
        });
        var root = plan.RootElement;

        Assert.Equal("road", root.GetProperty("travelModel").GetString());
        var tour = Assert.Single(root.GetProperty("tours").EnumerateArray().ToArray());
        var stops = tour.GetProperty("stops").EnumerateArray().ToArray();
        Assert.Equal([0, 1], stops.Select(s => s.GetProperty("checkpoint").GetInt32()).Order().ToArray());
        Assert.InRange(tour.GetProperty("minutes").GetDouble(), 0, 60);

        // The first stop's arrival is the router's own travel time from the start, not a straight line.
        var first = stops[0];
        var to = new GeoPoint(first.GetProperty("lat").GetDouble(), first.GetProperty("lon").GetDouble());
        using (var route = await server.GetJsonAsync($"/api/v1/routes?from={Road(start)}&to={to}"))
        {
            var seconds = route.RootElement.GetProperty("durationSeconds").GetDouble();
            Assert.Equal(seconds / 60, first.GetProperty("arriveMinute").GetDouble(), 0.051);
        }

        // Driving to the north street means going round by East Lane: the loop's line covers it.
        var line = tour.GetProperty("route");
        Assert.Equal("LineString", line.GetProperty("type").GetString());
        var lons = line.GetProperty("coordinates").EnumerateArray().Select(c => c[0].GetDouble()).ToArray();
        Assert.Equal(At(0, 10).Lon, lons.Max(), 6);
        var ends = line.GetProperty("coordinates").EnumerateArray().ToArray();
        Assert.Equal(start.Lon, ends[0][0].GetDouble(), 6);
        Assert.Equal(start.Lon, ends[^1][0].GetDouble(), 6);

        var left = Assert.Single(root.GetProperty("leftOut").EnumerateArray().ToArray());
        Assert.Equal(2, left.GetProperty("checkpoint").GetInt32());
        Assert.Equal("off-road", left.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Checkpoint_near_as_the_crow_flies_but_far_by_road_is_left_out_of_a_short_shift()
    {
        await using var server = await StartAsync(Streets());
        var start = At(0, 0);
        var north = At(2, 1);
        var south = At(0, 5);

        // At 25 km/h the north checkpoint's round trip by road is about 8 minutes; the south one's about 2.
        var plan = await PlanAsync(server, new
        {
            checkpoints = new object[]
            {
                new { lat = north.Lat, lon = north.Lon, name = "North gate", dwellMinutes = 1, priority = 5 },
                new { lat = south.Lat, lon = south.Lon, name = "South yard", dwellMinutes = 1 },
            },
            guards = 2,
            shiftMinutes = 6,
            start = new { lat = start.Lat, lon = start.Lon },
        });
        var root = plan.RootElement;

        var tour = Assert.Single(root.GetProperty("tours").EnumerateArray().ToArray());
        Assert.Equal("South yard", Assert.Single(tour.GetProperty("stops").EnumerateArray().ToArray()).GetProperty("name").GetString());
        var left = Assert.Single(root.GetProperty("leftOut").EnumerateArray().ToArray());
        Assert.Equal("North gate", left.GetProperty("name").GetString());
        Assert.Equal("over-budget", left.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Start_far_from_any_road_is_a_problem_naming_it()
    {
        await using var server = await StartAsync(Streets());
        var far = At(60, 60);
        var near = At(0, 5);
        using var response = await server.Client.PostAsJsonAsync("/api/v1/guard-tours", new
        {
            checkpoints = new[] { new { lat = near.Lat, lon = near.Lon } },
            guards = 1,
            shiftMinutes = 30,
            start = new { lat = far.Lat, lon = far.Lon },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("start", out _));
    }

    [Fact]
    public async Task Tour_on_foot_takes_the_footpath_at_walking_speed_and_says_so()
    {
        // The walking network adds a footway joining the two streets at their west end, which cars cannot use.
        var walking = Streets().Add([Road(At(0, 0)), Road(At(2, 0))], "footway", "West Path");
        await using var server = await StartAsync(Streets(), walking);
        var start = At(0, 0);
        var north = At(2, 1);
        object Body(string? travel) => new
        {
            checkpoints = new object[] { new { lat = north.Lat, lon = north.Lon, name = "North gate" } },
            guards = 1,
            shiftMinutes = 60,
            start = new { lat = start.Lat, lon = start.Lon },
            travel,
        };

        // Left out, travel is walking because a walking network is loaded.
        var walked = (await PlanAsync(server, Body(null))).RootElement;
        Assert.Equal("walk", walked.GetProperty("mode").GetString());
        Assert.Equal("footpath", walked.GetProperty("travelModel").GetString());
        Assert.StartsWith("walk on footpaths", walked.GetProperty("travel").GetString(), StringComparison.Ordinal);

        // Up the 222 m path and 79 m along North Street, at 5 km/h: about 3.6 minutes, the route drawn over the path.
        var metres = GeoMath.HaversineMeters(start.Lat, start.Lon, At(2, 0).Lat, At(2, 0).Lon) + GeoMath.HaversineMeters(At(2, 0).Lat, At(2, 0).Lon, north.Lat, north.Lon);
        var stop = Assert.Single(Assert.Single(walked.GetProperty("tours").EnumerateArray().ToArray()).GetProperty("stops").EnumerateArray().ToArray());
        Assert.Equal(metres / (5000.0 / 60), stop.GetProperty("arriveMinute").GetDouble(), 0.11);
        var lons = walked.GetProperty("tours")[0].GetProperty("route").GetProperty("coordinates").EnumerateArray().Select(c => c[0].GetDouble()).ToArray();
        Assert.True(lons.Max() < At(0, 2).Lon, "the walk stays at the west end instead of going round by East Lane");

        // Asked to drive, the same tour goes round by road on the road network.
        var driven = (await PlanAsync(server, Body("drive"))).RootElement;
        Assert.Equal("drive", driven.GetProperty("mode").GetString());
        Assert.Equal("road", driven.GetProperty("travelModel").GetString());
        Assert.StartsWith("drive on roads", driven.GetProperty("travel").GetString(), StringComparison.Ordinal);
        var droveLons = driven.GetProperty("tours")[0].GetProperty("route").GetProperty("coordinates").EnumerateArray().Select(c => c[0].GetDouble()).ToArray();
        Assert.Equal(At(0, 10).Lon, droveLons.Max(), 6);
    }

    [Fact]
    public async Task Without_a_walking_network_tours_drive_unless_asked_to_walk_which_is_timed_in_straight_lines()
    {
        await using var server = await StartAsync(Streets());
        var start = At(0, 0);
        var north = At(2, 1);
        object Body(string? travel) => new
        {
            checkpoints = new object[] { new { lat = north.Lat, lon = north.Lon } },
            guards = 1,
            shiftMinutes = 60,
            start = new { lat = start.Lat, lon = start.Lon },
            travel,
        };

        Assert.Equal("drive", (await PlanAsync(server, Body(null))).RootElement.GetProperty("mode").GetString());
        var walked = (await PlanAsync(server, Body("walk"))).RootElement;
        Assert.Equal("walk", walked.GetProperty("mode").GetString());
        Assert.Equal("straight line", walked.GetProperty("travelModel").GetString());
        Assert.Contains("5 km/h walking speed", walked.GetProperty("travel").GetString(), StringComparison.Ordinal);
        var crow = GeoMath.HaversineMeters(start.Lat, start.Lon, north.Lat, north.Lon);
        var stop = walked.GetProperty("tours")[0].GetProperty("stops")[0];
        Assert.Equal(crow / (5000.0 / 60), stop.GetProperty("arriveMinute").GetDouble(), 0.051);
    }

    private static async Task<JsonDocument> PlanAsync(RoutingServer server, object body)
    {
        using var response = await server.Client.PostAsJsonAsync("/api/v1/guard-tours", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }
}
