using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Search;

/// <summary>
/// Plain Dijkstra (1959) on the turn graph: the baseline every faster algorithm is checked against, and the engine
/// for searches that must settle a region anyway (isochrones, coverage, truncated one-to-many).
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class DijkstraRouter
{
    private readonly RoadGraph _graph;
    private readonly MinHeap _heap;
    private readonly int[] _distance;
    private readonly int[] _parent;
    private readonly int[] _stamp;
    private readonly int[] _targetOffset;
    private readonly int[] _targetStamp;
    private int _generation;

    public DijkstraRouter(RoadGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        var n = graph.ArcCount;
        _heap = new MinHeap(n);
        _distance = new int[n];
        _parent = new int[n];
        _stamp = new int[n];
        _targetOffset = new int[n];
        _targetStamp = new int[n];
    }

    /// <summary>Vertices settled by the last search; a measure of its work.</summary>
    public int Settled { get; private set; }

    /// <summary>The fastest route, or null when the end cannot be reached from the start.</summary>
    public Route? Route(SnapPoint from, SnapPoint to, ReadOnlySpan<int> arcWeights)
    {
        var (cost, meet, direct) = Search(from, to, arcWeights);
        if (cost >= CchMetric.Infinity)
        {
            return null;
        }

        var arcs = new List<int>();
        if (meet < 0)
        {
            arcs.Add(direct);
        }
        else
        {
            for (var v = meet; ; v = _parent[v])
            {
                if (_parent[v] < 0)
                {
                    arcs.Add(v);
                    arcs.Add(-1 - _parent[v]);
                    break;
                }

                arcs.Add(v);
            }

            arcs.Reverse();
        }

        return RouteAssembler.Build(_graph, from, to, arcs, cost);
    }

    /// <summary>The travel time in ms, or <see cref="CchMetric.Infinity"/> when unreachable.</summary>
    public int DurationMs(SnapPoint from, SnapPoint to, ReadOnlySpan<int> arcWeights) => Search(from, to, arcWeights).Cost;

    private (int Cost, int Meet, int DirectArc) Search(SnapPoint from, SnapPoint to, ReadOnlySpan<int> weights)
    {
        NextGeneration();
        Span<Seed> sources = stackalloc Seed[64];
        Span<Seed> targets = stackalloc Seed[2];
        var sourceCount = Endpoints.Sources(_graph, weights, from, sources);
        var targetCount = Endpoints.Targets(_graph, weights, to, targets);
        var best = Endpoints.Direct(_graph, weights, from, to, out var directArc);
        var meet = -1;
        for (var i = 0; i < targetCount; i++)
        {
            _targetStamp[targets[i].Arc] = _generation;
            _targetOffset[targets[i].Arc] = targets[i].Offset;
        }

        _heap.Clear();
        for (var i = 0; i < sourceCount; i++)
        {
            Relax(sources[i].Arc, sources[i].Offset, -1 - sources[i].OnArc);
        }

        Settled = 0;
        while (_heap.Count > 0 && _heap.MinKey < best)
        {
            var v = _heap.Pop(out var d);
            Settled++;
            if (_targetStamp[v] == _generation && d + _targetOffset[v] < best)
            {
                best = d + _targetOffset[v];
                meet = v;
            }

            var first = _graph.TurnFirst[v];
            var end = _graph.TurnFirst[v + 1];
            var w = weights[v];
            for (var t = first; t < end; t++)
            {
                Relax(_graph.TurnTarget[t], d + w + _graph.TurnCost[t], v);
            }
        }

        return (best, meet, directArc);
    }

    private void Relax(int v, int d, int parent)
    {
        if (_stamp[v] == _generation && _distance[v] <= d)
        {
            return;
        }

        if (_heap.InsertOrDecrease(v, d))
        {
            _stamp[v] = _generation;
            _distance[v] = d;
            _parent[v] = parent;
        }
    }

    private void NextGeneration()
    {
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_targetStamp);
            _generation = 1;
        }
    }
}
