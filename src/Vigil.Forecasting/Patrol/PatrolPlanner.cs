using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Patrol;

/// <summary>
/// Greedy team orienteering: each unit in turn starts at the most valuable site left and adds, by cheapest insertion,
/// the site with the best value per extra distance while its closed tour stays within the travel budget (the
/// insertion heuristic of Tsiligirides 1984 for the orienteering problem, run once per unit as in Chao, Golden and
/// Wasil 1996). Distances are straight lines until a road router is plugged in. The same planner builds guard tours
/// from checkpoints given as sites.
/// </summary>
public static class PatrolPlanner
{
    public static PatrolPlan Plan(IReadOnlyList<PatrolSite> sites, int units, double travelBudget)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentOutOfRangeException.ThrowIfNegative(units);
        if (!(travelBudget >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(travelBudget), travelBudget, "The travel budget must be a non-negative distance.");
        }

        var used = new bool[sites.Count];
        var candidateValue = 0.0;
        foreach (var s in sites)
        {
            candidateValue += s.Value;
        }

        var routes = new List<PatrolRoute>(units);
        var covered = 0.0;
        var tour = new List<int>();
        for (var u = 0; u < units; u++)
        {
            tour.Clear();
            var seed = -1;
            for (var i = 0; i < sites.Count; i++)
            {
                if (!used[i] && (seed < 0 || sites[i].Value > sites[seed].Value))
                {
                    seed = i;
                }
            }

            if (seed < 0)
            {
                break;
            }

            used[seed] = true;
            tour.Add(seed);
            var length = 0.0;
            while (true)
            {
                int bestSite = -1, bestPos = -1;
                double bestRatio = double.NegativeInfinity, bestCost = 0;
                for (var i = 0; i < sites.Count; i++)
                {
                    if (used[i])
                    {
                        continue;
                    }

                    var (pos, cost) = CheapestInsertion(sites, tour, i);
                    if (length + cost > travelBudget)
                    {
                        continue;
                    }

                    // A small floor on cost keeps co-located sites from dividing by zero while still preferring them.
                    var ratio = sites[i].Value / Math.Max(cost, 1e-9 * (1 + travelBudget));
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
                    break;
                }

                used[bestSite] = true;
                tour.Insert(bestPos, bestSite);
                length += bestCost;
            }

            var visited = new PatrolSite[tour.Count];
            var value = 0.0;
            for (var i = 0; i < tour.Count; i++)
            {
                visited[i] = sites[tour[i]];
                value += visited[i].Value;
            }

            covered += value;
            routes.Add(new PatrolRoute(u + 1, visited, TourLength(visited), value));
        }

        return new PatrolPlan(routes, travelBudget, covered, candidateValue);
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

    /// <summary>Length of the closed tour through the sites in order.</summary>
    public static double TourLength(IReadOnlyList<PatrolSite> tour)
    {
        ArgumentNullException.ThrowIfNull(tour);
        if (tour.Count < 2)
        {
            return 0;
        }

        var length = 0.0;
        for (var i = 0; i < tour.Count; i++)
        {
            var next = tour[(i + 1) % tour.Count];
            length += Distance(tour[i], next);
        }

        return length;
    }

    private static (int Position, double Cost) CheapestInsertion(IReadOnlyList<PatrolSite> sites, List<int> tour, int candidate)
    {
        var s = sites[candidate];
        if (tour.Count == 1)
        {
            return (1, 2 * Distance(sites[tour[0]], s));
        }

        var bestPos = 0;
        var bestCost = double.PositiveInfinity;
        for (var i = 0; i < tour.Count; i++)
        {
            var a = sites[tour[i]];
            var b = sites[tour[(i + 1) % tour.Count]];
            var cost = Distance(a, s) + Distance(s, b) - Distance(a, b);
            if (cost < bestCost)
            {
                bestCost = cost;
                bestPos = i + 1;
            }
        }

        return (bestPos, bestCost);
    }

    private static double Distance(PatrolSite a, PatrolSite b)
    {
        var dx = a.X - b.X;
        var dy = a.Y - b.Y;
        return Math.Sqrt((dx * dx) + (dy * dy));
    }
}
