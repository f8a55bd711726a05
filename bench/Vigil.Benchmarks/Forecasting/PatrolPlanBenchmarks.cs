using BenchmarkDotNet.Attributes;
using Vigil.Benchmarks.Routing;
using Vigil.Forecasting.Patrol;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using Vigil.Routing.Snapping;

namespace Vigil.Benchmarks.Forecasting;

/// <summary>
/// A patrol plan for K = 10 units over the top 200 cells on the malta extract (VIGIL_DATA; a synthetic 120 × 120 grid
/// without the shared data), as the server makes one: snap the cell centres and the base, one many-to-many CCH table,
/// the planner, then each loop's road line. The cells are the 200 squares of 250 m with the most junctions, a stand-in
/// for a forecast's top cells (hotspots sit in the dense urban cores). Baseline: the same planner on straight lines,
/// which is what patrol plans used before the routing engine was wired in.
/// </summary>
[MemoryDiagnoser]
public class PatrolPlanBenchmarks
{
    private const int Cells = 200;
    private const int Units = 10;
    private const double CellMetres = 250;
    private const double BudgetSeconds = 60 * 60;

    // The straight-line baseline's speed: the old default of the patrol endpoint, 25 km/h.
    private const double StraightLineMetresPerSecond = 25 / 3.6;

    private RoutingEngine _engine = null!;
    private CchTable _table = null!;
    private CchQuery _query = null!;
    private GeoPoint[] _points = null!;
    private PatrolSite[] _sites = null!;
    private (double X, double Y)[] _planar = null!;
    private TravelMatrix _roadMatrix = null!;
    private SnapPoint[] _snaps = null!;

    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchmarkNetworks.Load("malta-latest.osm.pbf", new CarProfile(), 120);

        _table = new CchTable(_engine.Graph, _engine.Topology);
        _query = _engine.CreateQuery();
        (_points, _sites, _planar) = TopCells(_engine);
        _snaps = Snap(_points);
        _roadMatrix = RoadMatrix(_snaps);
    }

    [Benchmark(Baseline = true)]
    public int StraightLinePlan() =>
        PatrolPlanner.Plan(_sites, Starts(), TravelMatrix.FromStraightLines(_planar, StraightLineMetresPerSecond), BudgetSeconds).Routes.Count;

    /// <summary>Snapping the 201 points and the 201 × 201 road travel-time table.</summary>
    [Benchmark]
    public int RoadMatrixOnly() => RoadMatrix(Snap(_points)).Count;

    /// <summary>The planner alone on a ready road matrix.</summary>
    [Benchmark]
    public int PlannerOnRoadMatrix() => PatrolPlanner.Plan(_sites, Starts(), _roadMatrix, BudgetSeconds).Routes.Count;

    /// <summary>Everything the server does for a plan by road: snap, table, plan, and every loop's road geometry.</summary>
    [Benchmark]
    public int RoadPlanWithLoops()
    {
        var snaps = Snap(_points);
        var plan = PatrolPlanner.Plan(_sites, Starts(), RoadMatrix(snaps), BudgetSeconds);
        return BenchmarkNetworks.DrawLoops(_engine, _query, plan, snaps);
    }

    private static int[] Starts()
    {
        var starts = new int[Units];
        Array.Fill(starts, Cells);
        return starts;
    }

    private SnapPoint[] Snap(GeoPoint[] points)
    {
        var snaps = new SnapPoint[points.Length];
        for (var i = 0; i < points.Length; i++)
        {
            if (!_engine.TrySnap(points[i], out snaps[i], 1000))
            {
                throw new InvalidOperationException($"Cell {i} has no road within 1 km, though it was chosen for its junctions.");
            }
        }

        return snaps;
    }

    private TravelMatrix RoadMatrix(SnapPoint[] snaps)
    {
        var ms = _table.Compute(_engine.Metric, snaps, snaps);
        var seconds = new double[ms.Length];
        for (var i = 0; i < ms.Length; i++)
        {
            seconds[i] = ms[i] >= CchMetric.Infinity ? double.PositiveInfinity : ms[i] / 1000.0;
        }

        return new TravelMatrix(snaps.Length, seconds, TravelMatrix.Road);
    }

    /// <summary>The 200 cells with the most junctions (centre and count), then the base: the median junction.</summary>
    private static (GeoPoint[] Points, PatrolSite[] Sites, (double X, double Y)[] Planar) TopCells(RoutingEngine engine)
    {
        var graph = engine.Graph;
        var lats = new double[graph.NodeCount];
        var lons = new double[graph.NodeCount];
        double minLat = double.MaxValue, minLon = double.MaxValue;
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var p = graph.NodePosition(v);
            lats[v] = p.Lat;
            lons[v] = p.Lon;
            minLat = Math.Min(minLat, p.Lat);
            minLon = Math.Min(minLon, p.Lon);
        }

        var metresPerLon = GeoMath.MetersPerDegreeLon(minLat);
        var counts = new Dictionary<(int Row, int Col), int>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            var key = ((int)((lats[v] - minLat) * GeoMath.MetersPerDegreeLat / CellMetres), (int)((lons[v] - minLon) * metresPerLon / CellMetres));
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }

        var ranked = counts.ToList();
        ranked.Sort((a, b) => b.Value != a.Value ? b.Value.CompareTo(a.Value) : a.Key.CompareTo(b.Key));
        var points = new GeoPoint[Cells + 1];
        var sites = new PatrolSite[Cells];
        var planar = new (double X, double Y)[Cells + 1];
        for (var i = 0; i < Cells; i++)
        {
            var ((row, col), count) = ranked[i];
            var y = (row + 0.5) * CellMetres;
            var x = (col + 0.5) * CellMetres;
            points[i] = new GeoPoint(minLat + (y / GeoMath.MetersPerDegreeLat), minLon + (x / metresPerLon));
            planar[i] = (x, y);
            sites[i] = new PatrolSite(x, y, count, i);
        }

        Array.Sort(lats);
        Array.Sort(lons);
        points[Cells] = new GeoPoint(lats[lats.Length / 2], lons[lons.Length / 2]);
        planar[Cells] = ((points[Cells].Lon - minLon) * metresPerLon, (points[Cells].Lat - minLat) * GeoMath.MetersPerDegreeLat);
        return (points, sites, planar);
    }
}
