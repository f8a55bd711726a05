using BenchmarkDotNet.Attributes;
using Vigil.Routing;
using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Benchmarks.Routing;

/// <summary>
/// One travel-time query and one unit ranking on a malta graph (VIGIL_DATA) or, without the shared data, a synthetic
/// 120 × 120 grid. Baseline: plain Dijkstra over the same turn graph. The memory diagnoser shows what each call
/// allocates (a ranking returns its short list). The latency percentiles in docs/benchmarks.md come from
/// <c>vigil route bench</c>; this harness is for comparing changes to the engine.
/// </summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private const int Pairs = 256;
    private RoutingEngine _engine = null!;
    private CchQuery _query = null!;
    private DijkstraRouter _dijkstra = null!;
    private EtaRanker _ranker = null!;
    private SnapPoint[] _points = null!;
    private SnapPoint[] _fleet = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _engine = BenchmarkNetworks.Load("malta-latest.osm.pbf", new CarProfile(), 120);

        _query = _engine.CreateQuery();
        _dijkstra = new DijkstraRouter(_engine.Graph);
        _ranker = new EtaRanker(_engine.Graph);
        var random = new Random(42);
        _points = Snaps(2 * Pairs, random);
        _fleet = Snaps(1000, random);
    }

    [Benchmark(Baseline = true)]
    public int Dijkstra()
    {
        var i = Next();
        return _dijkstra.DurationMs(_points[2 * i], _points[(2 * i) + 1], _engine.Metric.ArcWeightsMs);
    }

    [Benchmark]
    public int Cch()
    {
        var i = Next();
        return _query.DurationMs(_engine.Metric, _points[2 * i], _points[(2 * i) + 1]);
    }

    [Benchmark]
    public int RankTenOfThousand() => _ranker.Rank(_engine.Metric.ArcWeightsMs, _points[Next()], _fleet, 10).Count;

    private int Next() => _next = (_next + 1) % Pairs;

    private SnapPoint[] Snaps(int count, Random random)
    {
        var graph = _engine.Graph;
        var snaps = new SnapPoint[count];
        var found = 0;
        while (found < count)
        {
            var node = graph.NodePosition(random.Next(graph.NodeCount));
            if (_engine.TrySnap(new GeoPoint(node.Lat + ((random.NextDouble() - 0.5) * 0.003), node.Lon + ((random.NextDouble() - 0.5) * 0.003)), out var snap, 2000))
            {
                snaps[found++] = snap;
            }
        }

        return snaps;
    }
}
