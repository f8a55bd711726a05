using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>POST /api/v1/guard-tours on a server without a road network: the labelled straight-line fallback, and bad requests.</summary>
public sealed class GuardToursApiTests(VigilServer server) : IClassFixture<VigilServer>
{
    private static readonly object Start = new { lat = 45.0, lon = 7.0 };

    [Fact]
    public async Task Without_a_road_network_tours_use_labelled_straight_lines_within_the_shift()
    {
        // North gate is 1.1 km north of the start and East fence 790 m east (at 45° N); Reservoir is 33 km away.
        var guard = await server.AsAsync(Role.Guard);
        using var response = await guard.PostAsJsonAsync("/api/v1/guard-tours", new
        {
            checkpoints = new object[]
            {
                new { lat = 45.01, lon = 7.0, name = "North gate", dwellMinutes = 5 },
                new { lat = 45.0, lon = 7.01, name = "East fence", dwellMinutes = 5, priority = 3 },
                new { lat = 45.3, lon = 7.0, name = "Reservoir", dwellMinutes = 5 },
            },
            guards = 2,
            shiftMinutes = 30,
            start = Start,
            speedKmh = 20,
        });

        await Expect.StatusAsync(response, HttpStatusCode.OK);
        var plan = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("straight line", plan["travelModel"]!.GetValue<string>());
        Assert.Contains("20 km/h", plan["travel"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(2, plan["planned"]!.GetValue<int>());
        var visited = new List<string>();
        foreach (var tour in plan["tours"]!.AsArray())
        {
            Assert.InRange(tour!["minutes"]!.GetValue<double>(), 0, 30);
            Assert.Null(tour["route"]);
            var previous = -1.0;
            foreach (var stop in tour["stops"]!.AsArray())
            {
                var arrive = stop!["arriveMinute"]!.GetValue<double>();
                Assert.True(arrive > previous, "arrival minutes increase along a tour");
                previous = arrive;
                visited.Add(stop["name"]!.GetValue<string>());
            }
        }

        Assert.Equal(["East fence", "North gate"], visited.Order());
        var left = Assert.Single(plan["leftOut"]!.AsArray())!;
        Assert.Equal("Reservoir", left["name"]!.GetValue<string>());
        Assert.Equal("over-budget", left["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Guard_may_plan_tours_but_is_refused_dispatch_forecasts_the_desk_and_accounts()
    {
        var guard = await server.AsAsync(Role.Guard);
        using (var plan = await guard.PostAsJsonAsync("/api/v1/guard-tours", new
        {
            checkpoints = new object[] { new { lat = 45.01, lon = 7.0, name = "Gate" } },
            guards = 1,
            shiftMinutes = 60,
            start = Start,
        }))
        {
            await Expect.StatusAsync(plan, HttpStatusCode.OK);
        }

        using (var dispatch = await guard.PostAsJsonAsync("/api/v1/incidents/1/dispatch", new { }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, dispatch.StatusCode);
        }

        foreach (var path in (string[])["/api/v1/forecasts", "/api/v1/forecasts/patrols", "/api/v1/alarms", "/api/v1/incidents", "/api/v1/users"])
        {
            using var response = await guard.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: expected 403, got {(int)response.StatusCode}");
        }

        using var me = await guard.GetAsync("/api/v1/auth/me");
        await Expect.StatusAsync(me, HttpStatusCode.OK);
        Assert.Equal("Guard", JsonNode.Parse(await me.Content.ReadAsStringAsync())!["role"]!.GetValue<string>());
    }

    [Fact]
    public async Task Administrator_creates_a_guard_account_whose_token_carries_the_guard_role()
    {
        var admin = await server.AdminAsync();
        var userName = $"guard-{Guid.NewGuid():n}"[..20];
        using (var created = await admin.PostAsJsonAsync("/api/v1/users",
            new { userName, displayName = "Night guard", role = "Guard", password = VigilServer.UserPassword }))
        {
            await Expect.StatusAsync(created, HttpStatusCode.Created);
            Assert.Equal("Guard", JsonNode.Parse(await created.Content.ReadAsStringAsync())!["role"]!.GetValue<string>());
        }

        var guard = await server.SignInAsync(userName, VigilServer.UserPassword);
        using var me = await guard.GetAsync("/api/v1/auth/me");
        Assert.Equal("Guard", JsonNode.Parse(await me.Content.ReadAsStringAsync())!["role"]!.GetValue<string>());
        using var alarms = await guard.GetAsync("/api/v1/alarms");
        Assert.Equal(HttpStatusCode.Forbidden, alarms.StatusCode);
    }

    [Theory]
    [InlineData("""{"checkpoints":[],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7}}""", "checkpoints")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7}],"guards":0,"shiftMinutes":60,"start":{"lat":45,"lon":7}}""", "guards")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7}],"guards":1,"shiftMinutes":2,"start":{"lat":45,"lon":7}}""", "shiftMinutes")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7}],"guards":1,"shiftMinutes":60}""", "start")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7},{"lat":95,"lon":7}],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7}}""", "checkpoints[1].lat")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7,"priority":9}],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7}}""", "checkpoints[0].priority")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7,"dwellMinutes":-1}],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7}}""", "checkpoints[0].dwellMinutes")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7}],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7},"speedKmh":500}""", "speedKmh")]
    [InlineData("""{"checkpoints":[{"lat":45,"lon":7}],"guards":1,"shiftMinutes":60,"start":{"lat":45,"lon":7},"travel":"fly"}""", "travel")]
    public async Task Bad_request_is_a_problem_naming_the_field(string body, string field)
    {
        var supervisor = await server.AsAsync(Role.Operator);
        using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
        using var response = await supervisor.PostAsync("/api/v1/guard-tours", content);
        await Expect.FieldProblemAsync(response, field);
    }
}
