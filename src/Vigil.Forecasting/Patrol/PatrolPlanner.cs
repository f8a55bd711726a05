using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Patrol;

/// <summary>
/// Greedy team orienteering: each unit in turn starts at the most valuable site left and adds, by cheapest insertion,
/// the site with the best value per extra minute while its closed tour stays within the budget (the insertion
/// heuristic of Tsiligirides 1984 for the orienteering problem, run once per unit as in Chao, Golden and Wasil 1996).
/// Priorities are tiers: a site of lower priority enters a tour only once no site of a higher one still fits anywhere.
/// The planner reads travel times from a <see cref="TravelMatrix"/> and nothing else, so the same code plans on the
/// road network, on straight lines when no map is loaded, for forecast cells and for guard-tour checkpoints.
/// </summary>
public static class PatrolPlanner
{
    /// <summary>Closed loops without a base, on straight lines in the sites' own unit (the budget is a distance).</summary>
    public static PatrolPlan Plan(IReadOnlyList<PatrolSite> sites, int units, double travelBudget)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        var points = new (double X, double Y)[sites.Count];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = (sites[i].X, sites[i].Y);
        }

        var starts = new int[units];
        Array.Fill(starts, -1);
        return Plan(sites, starts, TravelMatrix.FromStraightLines(points, 1), travelBudget);
    }

    /// <summary>
    /// Tours for one unit per entry of <paramref name="starts"/>. Site i is point i of <paramref name="travel"/>; a start
    /// is the matrix index of the unit's base (at or after the sites), or -1 for a loop that may begin anywhere on it.
    /// Every tour's travel plus dwell stays within <paramref name="budget"/> (in the matrix's unit).
    /// </summary>
    public static PatrolPlan Plan(IReadOnlyList<PatrolSite> sites, IReadOnlyList<int> starts, TravelMatrix travel, double budget)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(travel);
        if (!(budget >= 0) || double.IsInfinity(budget))
        {
            throw new ArgumentOutOfRangeException(nameof(budget), budget, "The budget must be a non-negative, finite time.");
        }

        if (travel.Count < sites.Count)
        {
            throw new ArgumentException($"The matrix has {travel.Count} points for {sites.Count} sites.", nameof(travel));
        }

        foreach (var start in starts)
        {
            if (start != -1 && (start < sites.Count || start >= travel.Count))
            {
                throw new ArgumentException($"Start {start} is not a matrix point after the {sites.Count} sites.", nameof(starts));
            }
        }

        var candidateValue = 0.0;
        foreach (var s in sites)
        {
            if (!(s.Dwell >= 0) || double.IsInfinity(s.Dwell))
            {
                throw new ArgumentException("A site's dwell must be a non-negative, finite time.", nameof(sites));
            }

            candidateValue += s.Value;
        }

        var planner = new State(sites, starts, travel, budget);
        foreach (var tier in Tiers(sites))
        {
            for (var u = 0; u < starts.Count; u++)
            {
                planner.Fill(u, tier);
            }
        }

        return planner.Result(candidateValue);
    }

    /// <summary>Sites from the best <paramref name="count"/> cells of a ranking (cell centres, forecast scores as values).</summary>
    public static PatrolSite[] SitesFromForecast(ForecastGrid grid, ReadOnlySpan<double> scores, ReadOnlySpan<int> ranking, int count)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var n = Math.Min(count, ranking.Length);
        var sites = new PatrolSite[n];
        for (var i = 0; i < n; i++)
        {
            var cell = ranking[i];
            sites[i] = new PatrolSite(grid.CentreX(cell), grid.CentreY(cell), scores[cell], cell);
        }

        return sites;
    }

    /// <summary>The distinct priorities, highest first.</summary>
    private static int[] Tiers(IReadOnlyList<PatrolSite> sites)
    {
        var set = new SortedSet<int>();
        foreach (var s in sites)
        {
            set.Add(s.Priority);
        }

        var tiers = new int[set.Count];
        set.CopyTo(tiers);
        Array.Reverse(tiers);
        return tiers;
    }

    /// <summary>The tours under construction. Each tour is a cycle of matrix indices; a unit's base, if any, stays first.</summary>
    private sealed class State(IReadOnlyList<PatrolSite> sites, IReadOnlyList<int> starts, TravelMatrix travel, double budget)
    {
        private readonly bool[] _used = new bool[sites.Count];
        private readonly List<int>[] _tours = NewTours(starts);
        private readonly double[] _spent = new double[starts.Count];

        public void Fill(int unit, int tier)
        {
            var tour = _tours[unit];
            if (SiteCount(unit) == 0 && !Seed(unit, tier))
            {
                return;
            }

            while (true)
            {
                int bestSite = -1, bestPos = -1;
                double bestRatio = double.NegativeInfinity, bestCost = 0;
                for (var i = 0; i < sites.Count; i++)
                {
                    if (_used[i] || sites[i].Priority != tier)
                    {
                        continue;
                    }

                    var (pos, cost) = CheapestInsertion(tour, i);
                    if (!(_spent[unit] + cost <= budget))
                    {
                        continue;
                    }

                    // A small floor on cost keeps co-located sites from dividing by zero while still preferring them.
                    var ratio = sites[i].Value / Math.Max(cost, 1e-9 * (1 + budget));
                    if (ratio > bestRatio)
                    {
                        bestRatio = ratio;
                        bestSite = i;
                        bestPos = pos;
                        bestCost = cost;
                    }
                }

                if (bestSite < 0)
                {
                    return;
                }

                _used[bestSite] = true;
                tour.Insert(bestPos, bestSite);
                _spent[unit] += bestCost;
            }
        }

        public PatrolPlan Result(double candidateValue)
        {
            var routes = new List<PatrolRoute>(starts.Count);
            var covered = 0.0;
            for (var u = 0; u < starts.Count; u++)
            {
                var tour = _tours[u];
                var first = starts[u] >= 0 ? 1 : 0;
                if (tour.Count == first)
                {
                    continue;
                }

                var order = new int[tour.Count - first];
                var visited = new PatrolSite[order.Length];
                double value = 0, dwell = 0, moving = 0;
                for (var i = 0; i < order.Length; i++)
                {
                    order[i] = tour[first + i];
                    visited[i] = sites[order[i]];
                    value += visited[i].Value;
                    dwell += visited[i].Dwell;
                }

                if (tour.Count > 1)
                {
                    for (var i = 0; i < tour.Count; i++)
                    {
                        moving += travel[tour[i], tour[(i + 1) % tour.Count]];
                    }
                }

                covered += value;
                routes.Add(new PatrolRoute(u + 1, starts[u], order, visited, moving, dwell, value));
            }

            var leftOut = new List<LeftOutSite>();
            for (var i = 0; i < sites.Count; i++)
            {
                if (_used[i])
                {
                    continue;
                }

                var solo = double.PositiveInfinity;
                for (var u = 0; u < starts.Count; u++)
                {
                    solo = Math.Min(solo, Solo(u, i));
                }

                var reason = double.IsPositiveInfinity(solo) && starts.Count > 0 ? LeftOutReason.Unreachable
                    : solo > budget ? LeftOutReason.OverBudget
                    : LeftOutReason.NoTimeLeft;
                leftOut.Add(new LeftOutSite(i, reason, solo));
            }

            return new PatrolPlan(routes, leftOut, travel.Model, budget, covered, candidateValue);
        }

        private static List<int>[] NewTours(IReadOnlyList<int> starts)
        {
            var tours = new List<int>[starts.Count];
            for (var u = 0; u < tours.Length; u++)
            {
                tours[u] = starts[u] >= 0 ? [starts[u]] : [];
            }

            return tours;
        }

        private int SiteCount(int unit) => _tours[unit].Count - (starts[unit] >= 0 ? 1 : 0);

        /// <summary>Starts an empty tour at the most valuable site of the tier that fits on its own.</summary>
        private bool Seed(int unit, int tier)
        {
            var seed = -1;
            var seedCost = 0.0;
            for (var i = 0; i < sites.Count; i++)
            {
                if (_used[i] || sites[i].Priority != tier || (seed >= 0 && !(sites[i].Value > sites[seed].Value)))
                {
                    continue;
                }

                var cost = Solo(unit, i);
                if (cost <= budget)
                {
                    seed = i;
                    seedCost = cost;
                }
            }

            if (seed < 0)
            {
                return false;
            }

            _used[seed] = true;
            _tours[unit].Add(seed);
            _spent[unit] = seedCost;
            return true;
        }

        /// <summary>A tour of this one site: from the unit's base and back, plus the stay; a loop without a base only stays.</summary>
        private double Solo(int unit, int site)
        {
            var start = starts[unit];
            return start < 0 ? sites[site].Dwell : travel[start, site] + sites[site].Dwell + travel[site, start];
        }

        private (int Position, double Cost) CheapestInsertion(List<int> tour, int candidate)
        {
            var dwell = sites[candidate].Dwell;
            if (tour.Count == 1)
            {
                return (1, travel[tour[0], candidate] + travel[candidate, tour[0]] + dwell);
            }

            var bestPos = 0;
            var bestCost = double.PositiveInfinity;
            for (var i = 0; i < tour.Count; i++)
            {
                var a = tour[i];
                var b = tour[(i + 1) % tour.Count];
                var cost = travel[a, candidate] + travel[candidate, b] - travel[a, b];
                if (cost < bestCost)
                {
                    bestCost = cost;
                    bestPos = i + 1;
                }
            }

            return (bestPos, bestCost + dwell);
        }
    }
}
