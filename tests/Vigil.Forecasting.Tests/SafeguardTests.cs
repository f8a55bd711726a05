using System.Text;
using System.Text.Json;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Geo;
using Vigil.Forecasting.Grid;
using Vigil.Forecasting.Patrol;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Forecasting.Tests;

public sealed class SafeguardTests
{
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void Policy_excludes_discretionary_categories_without_justification()
    {
        var decision = CategoryPolicy.Decide(["BURGLARY", "Drug Offences", "Liquor Law Violation"], null);
        Assert.Equal(["BURGLARY"], decision.Allowed);
        Assert.Equal(2, decision.Excluded.Count);
        Assert.Empty(decision.IncludedByJustification);
    }

    [Fact]
    public void Policy_includes_discretionary_categories_with_a_recorded_justification()
    {
        var decision = CategoryPolicy.Decide(["Theft of Vehicle", "NARCOTICS"], "  council overdose-prevention study, outreach not enforcement ");
        Assert.Equal(["Theft of Vehicle", "NARCOTICS"], decision.Allowed);
        Assert.Equal(["NARCOTICS"], decision.IncludedByJustification);
        Assert.Equal("council overdose-prevention study, outreach not enforcement", decision.Justification);
    }

    [Theory]
    [InlineData("BURGLARY", false)]
    [InlineData("MOTOR VEHICLE THEFT", false)]
    [InlineData("Break and Enter Residential/Other", false)]
    [InlineData("Weapons Possession", true)]
    [InlineData("Prostitution", true)]
    public void Policy_classifies_known_categories(string category, bool discretionary) =>
        Assert.Equal(discretionary, CategoryPolicy.IsDiscretionary(category));

    [Fact]
    public void Disparity_report_compares_flagged_and_patrol_shares_with_incident_shares()
    {
        var grid = new ForecastGrid(Region.Rectangle("city", 0, 0, 4, 2), 1);
        Region[] districts = [Region.Rectangle("west", 0, 0, 2, 2), Region.Rectangle("east", 2, 0, 4, 2)];
        var incidents = new IncidentSet([0.5, 0.5, 0.5, 3.5], [0.5, 0.5, 0.5, 0.5], [1, 2, 3, 4], new int[4], ["A"]);
        var flagged = new[] { grid.CellOf(3.5, 0.5), grid.CellOf(0.5, 0.5) };
        IReadOnlyList<int>[] patrol = [[grid.CellOf(3.5, 0.5)]];
        var report = DisparityReport.Build(grid, districts, flagged, patrol, incidents, 0, 10);
        var west = report.Districts.Single(d => d.District == "west");
        var east = report.Districts.Single(d => d.District == "east");
        Assert.Equal(0.5, west.AreaShare, 12);
        Assert.Equal(0.5, east.FlaggedShare, 12);
        Assert.Equal(0.25, east.IncidentShare, 12);
        Assert.Equal(1, east.PatrolShare, 12);
        Assert.Equal(2, east.FlaggedToIncidentRatio, 12);
        Assert.Equal(["east"], report.OverTargeted().Select(d => d.District));
        Assert.Equal(4, report.Incidents);
    }

    [Fact]
    public void Feedback_monitor_warns_when_cells_stay_flagged_without_recent_incidents()
    {
        var grid = new ForecastGrid(Region.Rectangle("city", 0, 0, 10, 1), 1);
        var busy = grid.CellOf(0.5, 0.5);
        var quiet = grid.CellOf(5.5, 0.5);

        // Incidents keep occurring in the busy cell only; the quiet cell's last incident is long past.
        var days = Enumerable.Range(0, 400).Select(d => (double)d).ToArray();
        var xs = days.Select(d => d < 10 ? 5.5 : 0.5).ToArray();
        var incidents = new IncidentSet(xs, new double[days.Length], days, new int[days.Length], ["A"]);
        var monitor = new FeedbackLoopMonitor(grid, persistence: 4, recentDays: 90);
        FeedbackLoopStatus? status = null;
        for (var i = 0; i < 6; i++)
        {
            status = monitor.Observe(300 + (7 * i), [busy, quiet], incidents);
        }

        Assert.True(status!.Warning);
        Assert.Equal(1, status.Unexplained);
        Assert.Equal(2, status.Persistent);

        var fresh = new FeedbackLoopMonitor(grid, persistence: 4, recentDays: 90);
        for (var i = 0; i < 6; i++)
        {
            status = fresh.Observe(300 + (7 * i), [busy], incidents);
        }

        Assert.False(status.Warning);
        Assert.Equal(0, status.Unexplained);
    }

    [Fact]
    public void Audit_record_hashes_the_data_and_uses_the_injected_clock()
    {
        var at = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        var decision = CategoryPolicy.Decide(["BURGLARY", "Drugs"], null);
        var record = ForecastAuditRecord.Create(new FixedClock(at), "analyst.kim", "forecast eval", "abc.csv", new MemoryStream(Encoding.ASCII.GetBytes("abc")), new Dictionary<string, string> { ["cell"] = "500" }, decision);

        // SHA-256("abc") from FIPS 180-2, appendix B.1.
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", record.DataSha256);
        Assert.Equal(at, record.At);
        Assert.Equal(["Drugs"], record.ExcludedCategories);
        using var json = JsonDocument.Parse(record.ToJsonLine());
        Assert.Equal("analyst.kim", json.RootElement.GetProperty("RunBy").GetString());
        Assert.DoesNotContain('\n', record.ToJsonLine());
    }

    [Fact]
    public void Audit_record_refuses_an_anonymous_run() =>
        Assert.Throws<ArgumentException>(() => ForecastAuditRecord.Create(TimeProvider.System, " ", "x", "y", new MemoryStream(), new Dictionary<string, string>(), CategoryPolicy.Decide([], null)));

    [Fact]
    public void Patrol_plan_keeps_every_tour_within_the_straight_line_budget()
    {
        var rng = new Random(1);
        var sites = Enumerable.Range(0, 60).Select(i => new PatrolSite(rng.NextDouble() * 10_000, rng.NextDouble() * 10_000, rng.NextDouble(), i)).ToArray();
        var plan = PatrolPlanner.Plan(sites, units: 3, travelBudget: 8_000);
        Assert.Equal(3, plan.Routes.Count);
        Assert.All(plan.Routes, r => Assert.True(r.Travel <= 8_000 + 1e-6));
        Assert.Equal(TravelMatrix.StraightLine, plan.TravelModel);
        var visited = plan.Routes.SelectMany(r => r.Sites).Select(s => s.Cell).ToList();
        Assert.Equal(visited.Count, visited.Distinct().Count());
        Assert.Contains(sites.MaxBy(s => s.Value).Cell, visited);
        Assert.InRange(plan.CoveredShare, 0, 1);
    }

    [Fact]
    public void Patrol_plan_with_zero_budget_sends_each_unit_to_one_top_site()
    {
        PatrolSite[] sites = [new(0, 0, 1, 0), new(100, 0, 5, 1), new(200, 0, 3, 2)];
        var plan = PatrolPlanner.Plan(sites, units: 2, travelBudget: 0);
        Assert.Equal([1, 2], plan.Routes.Select(r => r.Sites.Single().Cell));
        Assert.Equal(0, plan.Routes[0].Travel);
    }

    [Fact]
    public void Patrol_plan_covers_a_line_of_sites_when_the_budget_allows_the_round_trip()
    {
        PatrolSite[] sites = [new(0, 0, 1, 0), new(100, 0, 1, 1), new(200, 0, 1, 2)];
        var plan = PatrolPlanner.Plan(sites, units: 1, travelBudget: 400);
        Assert.Equal(3, plan.Routes[0].Sites.Count);
        Assert.Equal(400, plan.Routes[0].Travel, 9);
        Assert.Equal(1, plan.CoveredShare, 12);
    }
}
