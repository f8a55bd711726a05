using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Analysis;

/// <summary>
/// A time-bounded Dijkstra from one or more start points (a unit, or every station of an agency): which part of
/// each road can be reached within a time. Isochrones and NFPA 1710-style coverage (share of road length within
/// 4 and 8 minutes of the nearest station) are both read from one run with the largest time of interest.
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class ReachSearch
{
    private readonly RoadGraph _graph;
    private readonly MinHeap _heap;
    private readonly int[] _distance;
    private readonly int[] _weight;
    private readonly int[] _stamp;
    private readonly List<int> _settled = [];
    private readonly List<(int Arc, double Along, int Weight)> _starts = [];
    private int _generation;
    private int _limitMs;

    public ReachSearch(RoadGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _heap = new MinHeap(graph.ArcCount);
        _distance = new int[graph.ArcCount];
        _weight = new int[graph.ArcCount];
        _stamp = new int[graph.ArcCount];
    }

    /// <summary>Settles every arc whose start can be reached within <paramref name="limitMs"/> from any of the sources.</summary>
    public void Run(ReadOnlySpan<int> arcWeights, ReadOnlySpan<SnapPoint> sources, int limitMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limitMs);
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }

        _limitMs = limitMs;
        _settled.Clear();
        _starts.Clear();
        _heap.Clear();
        Span<Seed> seeds = stackalloc Seed[64];
        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        foreach (var source in sources)
        {
            var n = Endpoints.Positions(_graph, source, positions);
            for (var i = 0; i < n; i++)
            {
                _starts.Add((positions[i].Arc, positions[i].Along, arcWeights[positions[i].Arc]));
            }

            var count = Endpoints.Sources(_graph, arcWeights, source, seeds);
            for (var i = 0; i < count; i++)
            {
                Relax(seeds[i].Arc, seeds[i].Offset);
            }
        }

        while (_heap.Count > 0 && _heap.MinKey <= limitMs)
        {
            var v = _heap.Pop(out var d);
            _weight[v] = arcWeights[v];
            _settled.Add(v);
            var first = _graph.TurnFirst[v];
            var end = _graph.TurnFirst[v + 1];
            for (var t = first; t < end; t++)
            {
                Relax(_graph.TurnTarget[t], d + arcWeights[v] + _graph.TurnCost[t]);
            }
        }
    }

    /// <summary>Time to reach the start of <paramref name="arc"/> in ms, or <see cref="CchMetric.Infinity"/> beyond the limit.</summary>
    public int TimeToArcMs(int arc) =>
        _stamp[arc] == _generation && _distance[arc] <= _limitMs ? _distance[arc] : CchMetric.Infinity;

    /// <summary>The reachable stretches of road within <paramref name="withinMs"/> (at most the limit of the last run).</summary>
    public IReadOnlyList<RoadPiece> Pieces(int withinMs)
    {
        var covered = new Dictionary<int, List<(double From, double To)>>();
        Collect(withinMs, covered);
        var pieces = new List<RoadPiece>();
        foreach (var (edge, intervals) in covered)
        {
            foreach (var (from, to) in Union(intervals))
            {
                pieces.Add(new RoadPiece(edge, from, to));
            }
        }

        pieces.Sort(static (a, b) => a.Edge != b.Edge ? a.Edge.CompareTo(b.Edge) : a.From.CompareTo(b.From));
        return pieces;
    }

    /// <summary>Road length in metres that can be reached within <paramref name="withinMs"/>.</summary>
    public double ReachableMeters(int withinMs)
    {
        var covered = new Dictionary<int, List<(double From, double To)>>();
        Collect(withinMs, covered);
        double meters = 0;
        foreach (var (edge, intervals) in covered)
        {
            var length = _graph.EdgeLengthMeters[edge];
            foreach (var (from, to) in Union(intervals))
            {
                meters += (to - from) * length;
            }
        }

        return meters;
    }

    /// <summary>Total length of the road network in metres.</summary>
    public double TotalMeters()
    {
        double total = 0;
        for (var e = 0; e < _graph.EdgeCount; e++)
        {
            total += _graph.EdgeLengthMeters[e];
        }

        return total;
    }

    private void Collect(int withinMs, Dictionary<int, List<(double From, double To)>> covered)
    {
        if (withinMs > _limitMs)
        {
            throw new ArgumentOutOfRangeException(nameof(withinMs), "Ask at most the limit the search ran with.");
        }

        foreach (var arc in _settled)
        {
            var d = _distance[arc];
            if (d > withinMs)
            {
                continue;
            }

            var reach = _weight[arc] == 0 ? 1 : Math.Min(1, (double)(withinMs - d) / _weight[arc]);
            Add(covered, arc, 0, reach);
        }

        foreach (var (arc, along, weight) in _starts)
        {
            var reach = weight == 0 ? 1 : Math.Min(1, along + ((double)withinMs / weight));
            Add(covered, arc, along, reach);
        }
    }

    private void Add(Dictionary<int, List<(double From, double To)>> covered, int arc, double from, double to)
    {
        if (to <= from)
        {
            return;
        }

        var edge = _graph.ArcEdge(arc);
        if (!covered.TryGetValue(edge, out var list))
        {
            list = [];
            covered[edge] = list;
        }

        // Arc fractions run from the arc's tail; a reversed arc starts at the edge's far end.
        list.Add(_graph.ArcIsReversed(arc) ? (1 - to, 1 - from) : (from, to));
    }

    private static List<(double From, double To)> Union(List<(double From, double To)> intervals)
    {
        intervals.Sort(static (a, b) => a.From.CompareTo(b.From));
        var merged = new List<(double From, double To)>(intervals.Count);
        foreach (var interval in intervals)
        {
            if (merged.Count > 0 && interval.From <= merged[^1].To)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, interval.To));
            }
            else
            {
                merged.Add(interval);
            }
        }

        return merged;
    }

    private void Relax(int v, int d)
    {
        if (_stamp[v] == _generation && _distance[v] <= d)
        {
            return;
        }

        if (_heap.InsertOrDecrease(v, d))
        {
            _stamp[v] = _generation;
            _distance[v] = d;
        }
    }
}
