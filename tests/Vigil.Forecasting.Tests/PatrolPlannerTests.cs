using Vigil.Forecasting.Patrol;

namespace Vigil.Forecasting.Tests;

/// <summary>The planner on travel-time matrices: budgets with bases and dwell, priorities, asymmetry, and what it leaves out.</summary>
public sealed class PatrolPlannerTests
{
    [Fact]
    public void Every_tour_from_a_base_fits_the_budget_counting_travel_both_ways_and_dwell()
    {
        var rng = new Random(7);
        const int Sites = 80;
        var (sites, travel) = RandomProblem(rng, Sites, bases: 2);
        int[] starts = [Sites, Sites + 1, Sites, Sites + 1];

        var plan = PatrolPlanner.Plan(sites, starts, travel, budget: 3_600);

        Assert.NotEmpty(plan.Routes);
        foreach (var route in plan.Routes)
        {
            // Recomputed from the matrix, not trusted from the route: base → stops → base, plus every stay.
            var at = route.Start;
            var total = 0.0;
            foreach (var site in route.Order)
            {
                total += travel[at, site] + sites[site].Dwell;
                at = site;
            }

            total += travel[at, route.Start];
            Assert.Equal(total, route.Duration, 6);
            Assert.True(route.Duration <= 3_600, $"unit {route.Unit} takes {route.Duration} s");
        }

        var visited = plan.Routes.SelectMany(r => r.Order).ToList();
        Assert.Equal(visited.Count, visited.Distinct().Count());
        Assert.Equal(Sites, visited.Count + plan.LeftOut.Count);
        Assert.Equal(TravelMatrix.Road, plan.TravelModel);
    }

    [Fact]
    public void Higher_priority_site_is_visited_before_cheaper_lower_priority_ones()
    {
        // Three routine checkpoints next to the base, one high-priority checkpoint far away. The budget covers either
        // the far one alone or the three near ones, not both: priority must win over value per minute.
        PatrolSite[] sites =
        [
            new(0, 0, 1, 0, Dwell: 60, Priority: 1),
            new(0, 0, 1, 1, Dwell: 60, Priority: 1),
            new(0, 0, 1, 2, Dwell: 60, Priority: 1),
            new(0, 0, 1, 3, Dwell: 60, Priority: 3),
        ];
        var travel = Matrix(5, (from, to) => from == to ? 0 : (from == 3 || to == 3) ? 400 : 30);

        var plan = PatrolPlanner.Plan(sites, [4], travel, budget: 900);

        var route = Assert.Single(plan.Routes);
        Assert.Contains(3, route.Order);
        Assert.All(plan.LeftOut, l => Assert.Equal(LeftOutReason.NoTimeLeft, l.Reason));
        Assert.True(route.Duration <= 900);

        // The same problem without priorities takes the three cheap ones instead: the tiers, not the values, decided.
        var flat = Array.ConvertAll(sites, s => s with { Priority = 1 });
        var plain = PatrolPlanner.Plan(flat, [4], travel, budget: 900);
        Assert.DoesNotContain(3, Assert.Single(plain.Routes).Order);
    }

    [Fact]
    public void Plan_is_deterministic_for_the_same_input()
    {
        var (sites, travel) = RandomProblem(new Random(3), 120, bases: 1);
        int[] starts = [120, 120, 120];

        var first = PatrolPlanner.Plan(sites, starts, travel, 2_400);
        var second = PatrolPlanner.Plan(sites, starts, travel, 2_400);

        Assert.Equal(first.Routes.Select(r => string.Join(",", r.Order)), second.Routes.Select(r => string.Join(",", r.Order)));
        Assert.Equal(first.LeftOut, second.LeftOut);
    }

    [Fact]
    public void Tour_follows_one_way_streets()
    {
        // A one-way ring base → 0 → 1 → 2 → base costs 4 × 60 s; any other order drives the ring almost twice.
        var travel = Matrix(4, (from, to) => from == to ? 0 : ((to - from + 4) % 4) * 60.0);
        PatrolSite[] sites = [new(0, 0, 1, 0), new(0, 0, 1, 1), new(0, 0, 1, 2)];

        var plan = PatrolPlanner.Plan(sites, [3], travel, budget: 240);

        var route = Assert.Single(plan.Routes);
        Assert.Equal([0, 1, 2], route.Order);
        Assert.Equal(240, route.Travel, 9);
    }

    [Fact]
    public void Left_out_sites_say_whether_unreachable_too_far_or_crowded_out()
    {
        PatrolSite[] sites =
        [
            new(0, 0, 5, 0, Dwell: 100),
            new(0, 0, 4, 1, Dwell: 100),
            new(0, 0, 1, 2, Dwell: 100),
            new(0, 0, 9, 3, Dwell: 100),
        ];
        var travel = Matrix(5, (from, to) =>
            from == to ? 0
            : from == 2 || to == 2 ? double.PositiveInfinity
            : from == 3 || to == 3 ? 1_000
            : 50);

        var plan = PatrolPlanner.Plan(sites, [4], travel, budget: 300);

        var route = Assert.Single(plan.Routes);
        Assert.Equal([0], route.Order);
        Assert.Equal(200, route.Duration, 9);
        var reasons = plan.LeftOut.ToDictionary(l => l.Index, l => l.Reason);
        Assert.Equal(LeftOutReason.NoTimeLeft, reasons[1]);
        Assert.Equal(LeftOutReason.Unreachable, reasons[2]);
        Assert.Equal(LeftOutReason.OverBudget, reasons[3]);
        Assert.Equal(2_100, plan.LeftOut.Single(l => l.Index == 3).SoloTime, 9);
    }

    [Fact]
    public void Start_that_is_not_a_base_point_is_refused()
    {
        PatrolSite[] sites = [new(0, 0, 1, 0)];
        var travel = Matrix(2, (_, _) => 0);
        Assert.Throws<ArgumentException>(() => PatrolPlanner.Plan(sites, [0], travel, 60));
        Assert.Throws<ArgumentException>(() => PatrolPlanner.Plan(sites, [2], travel, 60));
    }

    [Fact]
    public void Matrix_refuses_negative_times_and_a_wrong_size()
    {
        Assert.Throws<ArgumentException>(() => new TravelMatrix(2, [0, 1, 1], TravelMatrix.Road));
        Assert.Throws<ArgumentException>(() => new TravelMatrix(2, [0, -1, 1, 0], TravelMatrix.Road));
    }

    private static TravelMatrix Matrix(int n, Func<int, int, double> time)
    {
        var times = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                times[(i * n) + j] = time(i, j);
            }
        }

        return new TravelMatrix(n, times, TravelMatrix.Road);
    }

    /// <summary>Sites in a 10 km square with bases after them; times are Manhattan distance at 10 m/s, 20 % slower one way.</summary>
    private static (PatrolSite[] Sites, TravelMatrix Travel) RandomProblem(Random rng, int count, int bases)
    {
        var n = count + bases;
        var xs = new double[n];
        var ys = new double[n];
        for (var i = 0; i < n; i++)
        {
            xs[i] = rng.NextDouble() * 10_000;
            ys[i] = rng.NextDouble() * 10_000;
        }

        var sites = new PatrolSite[count];
        for (var i = 0; i < count; i++)
        {
            sites[i] = new PatrolSite(xs[i], ys[i], rng.NextDouble(), i, Dwell: rng.Next(0, 300));
        }

        var travel = Matrix(n, (a, b) => (Math.Abs(xs[a] - xs[b]) + Math.Abs(ys[a] - ys[b])) / 10 * (a < b ? 1.2 : 1));
        return (sites, travel);
    }
}
