using Vigil.Forecasting.Patrol;
using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Snapping;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;

namespace Vigil.Server.Routing;

/// <summary>
/// Travel times among the places of a tour problem (patrol cells, guard checkpoints, a base) for the pure planner in
/// <see cref="PatrolPlanner"/>. With a road network loaded the points are snapped and timed by the routing engine on
/// the live metric, one-way streets and all (on foot, with the walking router: footways and both directions), and each
/// planned loop can be drawn on the network; without one, times are great-circle distance at a stated speed and the
/// plan says so.
/// </summary>
public sealed class TourTravel
{
    private readonly CityRouter? _router;
    private readonly SnapPoint[] _snaps;

    private TourTravel(TravelMatrix matrix, string description, CityRouter? router, SnapPoint[] snaps)
    {
        Matrix = matrix;
        Description = description;
        _router = router;
        _snaps = snaps;
    }

    /// <summary>Times in seconds between the points, in the order given.</summary>
    public TravelMatrix Matrix { get; }

    /// <summary>What the times are, in words, for people reading the plan.</summary>
    public string Description { get; }

    public bool ByRoad => _router is not null;

    /// <summary>Which points lie within the router's snapping distance of a road; all of them when there is no road network.</summary>
    public static bool[] OnRoad(CityRouter router, IReadOnlyList<DomainPoint> points)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(points);
        var onRoad = new bool[points.Count];
        var byRoad = router.Engine is not null;
        for (var i = 0; i < points.Count; i++)
        {
            onRoad[i] = !byRoad || router.TrySnap(points[i], out _);
        }

        return onRoad;
    }

    /// <summary>
    /// The matrix among <paramref name="points"/>, which must all be on a road when a network is loaded (see
    /// <see cref="OnRoad"/>). <paramref name="fallbackKmh"/> turns distance into time when there is no network.
    /// </summary>
    public static TourTravel Build(CityRouter router, IReadOnlyList<DomainPoint> points, double fallbackKmh)
    {
        ArgumentNullException.ThrowIfNull(router);
        ArgumentNullException.ThrowIfNull(points);
        var n = points.Count;
        var seconds = new double[n * n];
        if (router.Engine is null)
        {
            var metresPerSecond = fallbackKmh / 3.6;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    seconds[(i * n) + j] = GeoMath.HaversineMeters(points[i].Lat, points[i].Lon, points[j].Lat, points[j].Lon) / metresPerSecond;
                }
            }

            return new TourTravel(new TravelMatrix(n, seconds, TravelMatrix.StraightLine),
                router.Walking
                    ? $"straight-line distance at {fallbackKmh:0.#} km/h walking speed (no walking network loaded)"
                    : $"straight-line distance at {fallbackKmh:0} km/h (no road network loaded)",
                null, []);
        }

        var snaps = new SnapPoint[n];
        for (var i = 0; i < n; i++)
        {
            if (!router.TrySnap(points[i], out snaps[i]))
            {
                throw new InvalidOperationException($"Point {i} is off the road network; callers leave such points out first.");
            }
        }

        var ms = router.Table(snaps);
        for (var i = 0; i < ms.Length; i++)
        {
            seconds[i] = ms[i] >= CchMetric.Infinity ? double.PositiveInfinity : ms[i] / 1000.0;
        }

        return router.Walking
            ? new TourTravel(new TravelMatrix(n, seconds, TravelMatrix.Footpath), $"walking time on {router.Description ?? "the walking network"}", router, snaps)
            : new TourTravel(new TravelMatrix(n, seconds, TravelMatrix.Road), $"road travel time on {router.Description ?? "the road network"}", router, snaps);
    }

    /// <summary>
    /// The closed loop through the points at <paramref name="cycle"/> (matrix indices, in driving order) as one line on
    /// the roads, leg after leg; null without a road network, where only the stops are known.
    /// </summary>
    public LineStringGeometry? Loop(IReadOnlyList<int> cycle)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        if (_router is null || cycle.Count < 2)
        {
            return null;
        }

        var coordinates = new List<double[]>();
        for (var i = 0; i < cycle.Count; i++)
        {
            if (_router.Route(_snaps[cycle[i]], _snaps[cycle[(i + 1) % cycle.Count]]) is not { } leg)
            {
                continue;
            }

            // Each leg starts where the last one ended: skip its first position so the line has no repeated point.
            for (var p = coordinates.Count == 0 ? 0 : 1; p < leg.Geometry.Count; p++)
            {
                coordinates.Add([Math.Round(leg.Geometry[p].Lon, 7), Math.Round(leg.Geometry[p].Lat, 7)]);
            }
        }

        return coordinates.Count < 2 ? null : new LineStringGeometry("LineString", coordinates);
    }
}
