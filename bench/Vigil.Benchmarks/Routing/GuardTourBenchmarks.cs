using BenchmarkDotNet.Attributes;
using Vigil.Forecasting.Patrol;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using Vigil.Routing.Snapping;

namespace Vigil.Benchmarks.Routing;

/// <summary>
/// Guard tours on foot on the porto extract's walking graph (VIGIL_DATA; a synthetic 60 × 60 grid without the shared
/// data), as <c>POST /api/v1/guard-tours</c> plans one with a walking graph loaded: snap the checkpoints and the start,
/// one many-to-many CCH table on the foot metric, the planner over a 4-hour shift with 2 minutes at each checkpoint,
/// then each tour's line on the paths. Two sizes: one guard with 40 checkpoints (a site's round) and five guards with
/// 200 (the request limit). Checkpoints are junctions drawn at random (fixed seed) within 1 km of the start, the
/// median junction. Baseline: the same planner on straight lines at 5 km/h, the fallback without a walking graph.
/// </summary>
[MemoryDiagnoser]
public class GuardTourBenchmarks
{
    private const double ShiftSeconds = 4 * 60 * 60;
    private const double DwellSeconds = 2 * 60;
    private const double RadiusMetres = 1000;
    private const double WalkMetresPerSecond = 5 / 3.6;

    private RoutingEngine _engine = null!;
    private CchTable _table = null!;
    private CchQuery _query = null!;
    private GeoPoint[] _points = null!;
    private PatrolSite[] _sites = null!;
    private (double X, double Y)[] _planar = null!;

    /// <summary>Checkpoints; the guards are one per 40 of them.</summary>
    [Params(40, 200)]
    public int Checkpoints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchmarkNetworks.Load("porto.osm.pbf", new FootProfile(), 60);

        _table = new CchTable(_engine.Graph, _engine.Topology);
        _query = _engine.CreateQuery();
        (_points, _sites, _planar) = Choose(_engine, Checkpoints);
    }

    [Benchmark(Baseline = true)]
    public int StraightLineTours() =>
        PatrolPlanner.Plan(_sites, Starts(), TravelMatrix.FromStraightLines(_planar, WalkMetresPerSecond), ShiftSeconds).Routes.Count;

    /// <summary>Everything the server does for a tour on foot: snap, table, plan, and every tour's line on the paths.</summary>
    [Benchmark]
    public int FootToursWithLines()
    {
        var snaps = new SnapPoint[_points.Length];
        for (var i = 0; i < snaps.Length; i++)
        {
            if (!_engine.TrySnap(_points[i], out snaps[i], 1000))
            {
                throw new InvalidOperationException($"Checkpoint {i} is off the walking graph, though it is one of its junctions.");
            }
        }

        var ms = _table.Compute(_engine.Metric, snaps, snaps);
        var seconds = new double[ms.Length];
        for (var i = 0; i < ms.Length; i++)
        {
            seconds[i] = ms[i] >= CchMetric.Infinity ? double.PositiveInfinity : ms[i] / 1000.0;
        }

        var plan = PatrolPlanner.Plan(_sites, Starts(), new TravelMatrix(snaps.Length, seconds, TravelMatrix.Footpath), ShiftSeconds);
        return BenchmarkNetworks.DrawLoops(_engine, _query, plan, snaps);
    }

    private int[] Starts()
    {
        var starts = new int[Math.Max(1, Checkpoints / 40)];
        Array.Fill(starts, Checkpoints);
        return starts;
    }

    /// <summary>The start (the median junction) last, after <paramref name="count"/> junctions drawn within the radius of it.</summary>
    private static (GeoPoint[] Points, PatrolSite[] Sites, (double X, double Y)[] Planar) Choose(RoutingEngine engine, int count)
    {
        var graph = engine.Graph;
        var start = graph.MedianNodePosition();
        var near = new List<int>();
        for (var v = 0; v < graph.NodeCount; v++)
        {
            if (GeoMath.HaversineMeters(start, graph.NodePosition(v)) <= RadiusMetres)
            {
                near.Add(v);
            }
        }

        if (near.Count < count)
        {
            throw new InvalidOperationException($"Only {near.Count} junctions lie within {RadiusMetres} m of the start; {count} are needed.");
        }

        var random = new Random(17);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(near));
        var metresPerLon = GeoMath.MetersPerDegreeLon(start.Lat);
        var points = new GeoPoint[count + 1];
        var sites = new PatrolSite[count];
        var planar = new (double X, double Y)[count + 1];
        for (var i = 0; i <= count; i++)
        {
            var p = i < count ? graph.NodePosition(near[i]) : start;
            points[i] = p;
            planar[i] = ((p.Lon - start.Lon) * metresPerLon, (p.Lat - start.Lat) * GeoMath.MetersPerDegreeLat);
            if (i < count)
            {
                sites[i] = new PatrolSite(planar[i].X, planar[i].Y, 1, i, DwellSeconds, 1);
            }
        }

        return (points, sites, planar);
    }
}
