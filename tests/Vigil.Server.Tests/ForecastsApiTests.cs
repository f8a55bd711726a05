using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Vigil.Domain.Accounts;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>GET /api/v1/forecasts on a synthetic incident history: the grid, its safeguards, and what it refuses.</summary>
public sealed class ForecastsApiTests(ForecastingServer server) : IClassFixture<ForecastingServer>
{
    [Fact]
    public async Task Forecast_is_a_geojson_grid_with_ranked_hotspots_disparity_report_and_audit()
    {
        var analyst = await server.AsAsync(Role.Analyst);

        var body = await FitAsync(analyst, "/api/v1/forecasts?category=burglary&horizonDays=7");

        Assert.Equal("FeatureCollection", body["type"]!.GetValue<string>());
        var forecast = body["forecast"]!.AsObject();
        Assert.Equal("burglary", forecast["category"]!.GetValue<string>());
        Assert.Equal(7, forecast["horizonDays"]!.GetValue<double>());
        Assert.Equal("kde-decay", forecast["model"]!.GetValue<string>());
        Assert.Contains("synthetic", forecast["dataLabel"]!.GetValue<string>(), StringComparison.Ordinal);

        var features = body["features"]!.AsArray();
        var flagged = forecast["flaggedCells"]!.GetValue<int>();
        Assert.Equal(forecast["cells"]!.GetValue<int>(), features.Count);
        Assert.InRange(flagged, 1, features.Count - 1);
        var total = 0.0;
        var lowestHotspot = double.MaxValue;
        var highestOther = 0.0;
        for (var i = 0; i < features.Count; i++)
        {
            var feature = features[i]!;
            var properties = feature["properties"]!;
            var intensity = properties["intensity"]!.GetValue<double>();
            total += intensity;
            Assert.Equal(i + 1, properties["rank"]!.GetValue<int>());
            var hotspot = properties["hotspot"]!.GetValue<bool>();
            Assert.Equal(i < flagged, hotspot);
            if (hotspot)
            {
                lowestHotspot = Math.Min(lowestHotspot, intensity);
            }
            else
            {
                highestOther = Math.Max(highestOther, intensity);
            }

            Assert.Equal("Polygon", feature["geometry"]!["type"]!.GetValue<string>());
            var ring = feature["geometry"]!["coordinates"]![0]!.AsArray();
            Assert.Equal(5, ring.Count);
            Assert.Equal(ring[0]!.ToJsonString(), ring[4]!.ToJsonString());
        }

        Assert.Equal(1.0, total, 6);
        Assert.True(lowestHotspot >= highestOther, "every hotspot cell must outrank every other cell");

        var disparity = body["disparity"]!.AsObject();
        var districts = disparity["districts"]!.AsArray();
        Assert.NotEmpty(districts);
        Assert.True(disparity["incidents"]!.GetValue<int>() > 0);
        Assert.Equal(1.0, districts.Sum(d => d!["areaShare"]!.GetValue<double>()), 6);
        Assert.Equal(1.0, districts.Sum(d => d!["flaggedShare"]!.GetValue<double>()), 6);
        Assert.Equal(1.0, districts.Sum(d => d!["incidentShare"]!.GetValue<double>()), 6);

        var audit = body["audit"]!.AsObject();
        Assert.StartsWith("analyst", audit["runBy"]!.GetValue<string>(), StringComparison.Ordinal);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(server.IncidentsFile)));
        Assert.Equal(sha, audit["dataSha256"]!.GetValue<string>());
        Assert.Contains("drug offence", audit["excludedCategories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.NotNull(body["feedbackLoop"]?["message"]);
    }

    [Fact]
    public async Task Forecast_of_every_allowed_category_leaves_out_the_discretionary_one()
    {
        var admin = await server.AdminAsync();

        var body = await FitAsync(admin, "/api/v1/forecasts?horizonDays=14");

        var categories = body["forecast"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()).ToList();
        Assert.Equal(["burglary", "robbery", "vehicle theft"], categories.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Discretionary_category_is_refused_with_a_problem_naming_category()
    {
        var analyst = await server.AsAsync(Role.Analyst);

        using var response = await analyst.GetAsync("/api/v1/forecasts?category=drug%20offence&horizonDays=7");

        var message = await Expect.FieldProblemAsync(response, "category");
        Assert.Contains("category policy", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discretionary_category_is_forecast_with_a_justification_and_the_override_is_audited_with_it()
    {
        var analyst = await server.AsAsync(Role.Analyst);
        const string Reason = "Council review of needle-exchange siting, ticket 4411";
        using (var tooShort = await analyst.GetAsync("/api/v1/forecasts?category=drug%20offence&horizonDays=35&justification=because"))
        {
            await Expect.FieldProblemAsync(tooShort, "justification");
        }

        var body = await Expect.EventuallyAsync(async () =>
        {
            using var response = await analyst.GetAsync("/api/v1/forecasts?category=drug%20offence&horizonDays=35&justification=" + Uri.EscapeDataString(Reason));
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return null;
            }

            await Expect.StatusAsync(response, HttpStatusCode.OK);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }, "the overridden forecast", TimeSpan.FromMinutes(3));
        Assert.Contains("drug offence", body["forecast"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()));

        var admin = await server.AdminAsync();
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/v1/audit?entityType=forecast&entityId=" + Uri.EscapeDataString("drug offence/35d")))!;
        var overrides = audit.Where(a => a!["record"]!["action"]!.GetValue<string>() == "forecast.category_override").ToList();
        Assert.NotEmpty(overrides);
        var record = overrides[0]!["record"]!;
        Assert.StartsWith("analyst", record["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(Reason, record["after"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("category=arson", "category")]
    [InlineData("category=burglary&horizonDays=0", "horizonDays")]
    [InlineData("category=burglary&horizonDays=93", "horizonDays")]
    [InlineData("category=burglary&horizonDays=2.5", "horizonDays")]
    [InlineData("category=burglary&horizonDays=7d", "horizonDays")]
    public async Task Bad_request_is_a_problem_naming_the_field(string query, string field)
    {
        var analyst = await server.AsAsync(Role.Analyst);

        using var response = await analyst.GetAsync("/api/v1/forecasts?" + query);

        await Expect.FieldProblemAsync(response, field);
    }

    [Fact]
    public async Task Patrol_plan_shares_flagged_cells_among_units_within_the_budget_and_reports_district_time_shares()
    {
        var analyst = await server.AsAsync(Role.Analyst);

        // A horizon no other test asks for, so this test's fit never answers another test's first request.
        var plan = await Expect.EventuallyAsync(async () =>
        {
            using var response = await analyst.GetAsync("/api/v1/forecasts/patrols?category=burglary&horizonDays=21&units=3&budgetMinutes=45&speedKmh=20");
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                return null;
            }

            await Expect.StatusAsync(response, HttpStatusCode.OK);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }, "the patrol plan", TimeSpan.FromMinutes(3));

        Assert.Contains("straight-line", plan["distanceModel"]!.GetValue<string>(), StringComparison.Ordinal);
        var routes = plan["routes"]!.AsArray();
        Assert.InRange(routes.Count, 1, 3);
        var cells = new HashSet<int>();
        foreach (var route in routes)
        {
            Assert.InRange(route!["loopMinutes"]!.GetValue<double>(), 0, 45.01);
            foreach (var stop in route["stops"]!.AsArray())
            {
                Assert.True(cells.Add(stop!["cell"]!.GetValue<int>()), "no cell is patrolled by two units");
                Assert.InRange(stop["lat"]!.GetValue<double>(), -90, 90);
            }
        }

        Assert.InRange(plan["coveredShare"]!.GetValue<double>(), 0.0001, 1);
        var shares = plan["districts"]!.AsArray();
        Assert.NotEmpty(shares);
        var total = 0.0;
        foreach (var d in shares)
        {
            total += d!["patrolTimeShare"]!.GetValue<double>();
            Assert.NotNull(d["incidentShare"]);
        }

        Assert.InRange(total, 0.99, 1.01);
    }

    [Theory]
    [InlineData("units=0", "units")]
    [InlineData("units=two", "units")]
    [InlineData("budgetMinutes=1", "budgetMinutes")]
    [InlineData("speedKmh=500", "speedKmh")]
    public async Task Patrol_plan_with_a_bad_parameter_is_a_problem_naming_it(string query, string field)
    {
        var analyst = await server.AsAsync(Role.Analyst);
        using var response = await analyst.GetAsync("/api/v1/forecasts/patrols?category=burglary&" + query);
        await Expect.FieldProblemAsync(response, field);
    }

    /// <summary>Polls through the 202 answers of the background fit until the forecast is served.</summary>
    private static async Task<JsonObject> FitAsync(HttpClient client, string path)
    {
        var sawProgress = false;
        var body = await Expect.EventuallyAsync(async () =>
        {
            using var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.Accepted)
            {
                var progress = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.Equal("fitting", progress["status"]!.GetValue<string>());
                Assert.InRange(progress["progress"]!.GetValue<double>(), 0, 1);
                sawProgress = true;
                return null;
            }

            await Expect.StatusAsync(response, HttpStatusCode.OK);
            Assert.Equal("application/geo+json", response.Content.Headers.ContentType?.MediaType);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        }, "the forecast fit", TimeSpan.FromMinutes(3));

        // The first request of a key never blocks on the fit.
        Assert.True(sawProgress, "the first request should have answered 202 while the fit ran");
        return body;
    }
}
