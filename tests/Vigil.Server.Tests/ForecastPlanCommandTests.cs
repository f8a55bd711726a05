using System.Globalization;
using System.Text.Json;
using Vigil.Routing.Graph;
using Vigil.Server.Tests.Infrastructure;

namespace Vigil.Server.Tests;

/// <summary>
/// <c>vigil forecast plan</c> run as a user would: by road with a graph file written as <c>vigil city import</c> writes
/// it, by straight line without one, each labelled, and every run audited with its travel model.
/// </summary>
public sealed class ForecastPlanCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigil-forecast-plan-" + Guid.NewGuid().ToString("N"));
    private readonly string _incidents;
    private readonly string _districts;
    private readonly string _graph;
    private readonly string _auditLog;
    private readonly string _base;

    public ForecastPlanCommandTests()
    {
        Directory.CreateDirectory(_folder);
        (_incidents, _districts) = SyntheticForecastData.Write(_folder);
        var city = SyntheticForecastData.City();
        var engine = CityStreets.Engine(city);
        _graph = Path.Combine(_folder, "city.vgraph");
        using (var file = File.Create(_graph))
        {
            RoadGraphFile.Write(file, engine.Graph, [.. engine.Order]);
        }

        _auditLog = Path.Combine(_folder, "forecast-audit.jsonl");
        var at = city.Streets[0].Points[0];
        _base = string.Create(CultureInfo.InvariantCulture, $"{at.Lat},{at.Lon}");
    }

    [Fact]
    public async Task With_a_graph_the_plan_loops_by_road_from_the_base_within_the_budget_and_is_audited_as_such()
    {
        var run = await PlanAsync("--graph", _graph, "--budget-minutes", "30", "--units", "3", "--start", _base);
        Assert.True(run.ExitCode == 0, run.Error);

        using var doc = JsonDocument.Parse(run.Output);
        var patrol = doc.RootElement.GetProperty("patrol");
        Assert.Equal("road", patrol.GetProperty("travelModel").GetString());
        Assert.Contains("road travel time", patrol.GetProperty("distanceModel").GetString(), StringComparison.Ordinal);
        var routes = patrol.GetProperty("routes");
        Assert.InRange(routes.GetArrayLength(), 1, 3);
        var flagged = doc.RootElement.GetProperty("flagged").EnumerateArray().Select(c => c.GetProperty("cell").GetInt32()).ToHashSet();
        foreach (var route in routes.EnumerateArray())
        {
            Assert.InRange(route.GetProperty("loopMinutes").GetDouble(), 0, 30.01);
            foreach (var stop in route.GetProperty("stops").EnumerateArray())
            {
                Assert.Contains(stop.GetProperty("cell").GetInt32(), flagged);
            }

            // The loop is drawn on the streets, leaving from the base and coming back to it.
            var coordinates = route.GetProperty("road").GetProperty("coordinates");
            Assert.True(coordinates.GetArrayLength() >= 2);
            Assert.Equal(coordinates[0].GetRawText(), coordinates[coordinates.GetArrayLength() - 1].GetRawText());
        }

        var audit = Assert.Single(File.ReadAllLines(_auditLog));
        Assert.Contains("forecast plan", audit, StringComparison.Ordinal);
        Assert.Contains("budget_minutes_road", audit, StringComparison.Ordinal);
        Assert.Contains("city.vgraph", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_graph_the_plan_says_it_used_straight_lines()
    {
        var run = await PlanAsync("--budget-miles", "5", "--units", "2");
        Assert.True(run.ExitCode == 0, run.Error);

        using var doc = JsonDocument.Parse(run.Output);
        var patrol = doc.RootElement.GetProperty("patrol");
        Assert.Equal("straight line", patrol.GetProperty("travelModel").GetString());
        Assert.Contains("not road network", patrol.GetProperty("distanceModel").GetString(), StringComparison.Ordinal);
        Assert.Contains("budget_miles_straight_line", Assert.Single(File.ReadAllLines(_auditLog)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--start", "0,0")]
    [InlineData("--start", "north gate")]
    [InlineData("--budget-minutes", "0")]
    public async Task A_bad_road_option_is_refused_naming_it_before_anything_is_audited(string option, string value)
    {
        var run = await PlanAsync("--graph", _graph, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(option, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_auditLog));
    }

    [Fact]
    public async Task A_missing_graph_file_is_refused_naming_the_option()
    {
        var run = await PlanAsync("--graph", Path.Combine(_folder, "nowhere.vgraph"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--graph", run.Error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private Task<(int ExitCode, string Output, string Error)> PlanAsync(params string[] extra) =>
        VigilCli.RunAsync(TimeSpan.FromMinutes(3), [
            "--json", "forecast", "plan", "--data", _incidents, "--boundary", _districts, "--districts", _districts,
            "--model", "kde", "--horizon", "14d", "--audit-log", _auditLog, "--user", "analyst.test", .. extra,
        ]);
}
