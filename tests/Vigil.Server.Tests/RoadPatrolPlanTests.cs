using System.Net;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>GET /api/v1/forecasts/patrols when the server has a road network: road travel times, loops on the roads, a base.</summary>
public sealed class RoadPatrolPlanTests(RoadForecastingServer server) : IClassFixture<RoadForecastingServer>
{
    [Fact]
    public async Task Patrol_plan_with_a_road_network_times_loops_by_road_from_the_base_and_draws_them_on_the_streets()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        var city = Simulation.CityGenerator.Generate(seed: 11, deviceCount: 7);
        var baseAt = city.Streets[0].Points[0];
        var query = FormattableString.Invariant($"/api/v1/forecasts/patrols?category=burglary&horizonDays=14&units=3&budgetMinutes=40&start={baseAt.Lat},{baseAt.Lon}");

        var plan = await Expect.EventuallyAsync(async () =>
        {
            using var response = await analyst.GetAsync(query);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return null;
            }

            await Expect.StatusAsync(response, HttpStatusCode.OK);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }, "the patrol plan", TimeSpan.FromMinutes(3));

        Assert.Equal("road", plan["travelModel"]!.GetValue<string>());
        Assert.Contains("road travel time", plan["distanceModel"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(plan["speedKmh"]);
        Assert.Equal(baseAt.Lat, plan["start"]!["lat"]!.GetValue<double>(), 9);
        var routes = plan["routes"]!.AsArray();
        Assert.InRange(routes.Count, 1, 3);
        foreach (var route in routes)
        {
            Assert.InRange(route!["loopMinutes"]!.GetValue<double>(), 0, 40.01);
            var line = route["road"]!;
            Assert.Equal("LineString", line["type"]!.GetValue<string>());
            var coordinates = line["coordinates"]!.AsArray();
            Assert.True(coordinates.Count >= 2);

            // Each loop leaves from the base and comes back to it (both ends snapped to the same road point).
            Assert.Equal(coordinates[0]!.ToJsonString(), coordinates[^1]!.ToJsonString());
            Assert.Equal(baseAt.Lon, coordinates[0]![0]!.GetValue<double>(), 3);
        }

        Assert.InRange(plan["offRoadCells"]!.GetValue<int>(), 0, plan["candidateCells"]!.GetValue<int>());
    }

    [Fact]
    public async Task Patrol_base_far_from_any_road_is_a_problem_naming_it()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        using var response = await analyst.GetAsync("/api/v1/forecasts/patrols?category=burglary&start=0,0");
        await Expect.FieldProblemAsync(response, "start");
    }
}
