using Vigil.Routing.Graph;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Cch;

/// <summary>
/// Point-to-point queries on a customised CCH by elimination-tree search (Bauer, Columbus, Rutter, Wagner 2016,
/// "Search-space size in contraction hierarchies"; Dibbelt et al. 2016, section 6): each side relaxes the upward arcs
/// of every ancestor of its seeds in rank order, with no priority queue, pruned once a vertex's distance reaches the
/// best meeting cost. Shortcuts are unpacked through the middle vertices recorded by the customisation.
/// Holds per-query scratch space: use one instance per thread.
/// </summary>
public sealed class CchQuery
{
    private readonly RoadGraph _graph;
    private readonly CchTopology _topology;
    private readonly int[] _forward;
    private readonly int[] _backward;
    private readonly int[] _forwardParent;
    private readonly int[] _backwardParent;
    private readonly int[] _forwardStamp;
    private readonly int[] _backwardStamp;
    private readonly int[] _forwardChain;
    private readonly int[] _backwardChain;
    private readonly int[] _seedArc;
    private readonly List<int> _path = [];
    private int _generation;

    public CchQuery(RoadGraph graph, CchTopology topology)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        var n = topology.VertexCount;
        _forward = new int[n];
        _backward = new int[n];
        _forwardParent = new int[n];
        _backwardParent = new int[n];
        _forwardStamp = new int[n];
        _backwardStamp = new int[n];
        _forwardChain = new int[n];
        _backwardChain = new int[n];
        _seedArc = new int[n];
    }

    /// <summary>Vertices whose arcs the last query relaxed, both sides together.</summary>
    public int Relaxed { get; private set; }

    /// <summary>The travel time in ms between two snapped points, or <see cref="CchMetric.Infinity"/>.</summary>
    public int DurationMs(CchMetric metric, SnapPoint from, SnapPoint to) => Search(metric, from, to).Cost;

    /// <summary>The fastest route, or null when the end cannot be reached.</summary>
    public Route? Route(CchMetric metric, SnapPoint from, SnapPoint to)
    {
        var (cost, meet, direct) = Search(metric, from, to);
        if (cost >= CchMetric.Infinity)
        {
            return null;
        }

        var arcs = new List<int>();
        if (meet < 0)
        {
            arcs.Add(direct);
            return RouteAssembler.Build(_graph, from, to, arcs, cost);
        }

        // Forward half: climb from the meeting vertex down to the seed, then unpack in driving order.
        _path.Clear();
        var v = meet;
        var climbs = new List<(int Lower, int Arc)>();
        while (_forwardParent[v] >= 0)
        {
            var arc = _forwardParent[v];
            var lower = LowerOf(arc);
            climbs.Add((lower, arc));
            v = lower;
        }

        var seed = v;
        arcs.Add(_seedArc[seed]);
        arcs.Add(_topology.ArcOfRank[seed]);
        for (var i = climbs.Count - 1; i >= 0; i--)
        {
            UnpackUp(metric, climbs[i].Arc, climbs[i].Lower, arcs);
        }

        // Backward half: from the meeting vertex down towards the target seed.
        v = meet;
        while (_backwardParent[v] >= 0)
        {
            var arc = _backwardParent[v];
            var lower = LowerOf(arc);
            UnpackDown(metric, arc, v, arcs);
            v = lower;
        }

        return RouteAssembler.Build(_graph, from, to, arcs, cost);
    }

    private (int Cost, int Meet, int DirectArc) Search(CchMetric metric, SnapPoint from, SnapPoint to)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!ReferenceEquals(metric.Topology, _topology))
        {
            throw new ArgumentException("The metric belongs to another topology.", nameof(metric));
        }

        NextGeneration();
        var weights = metric.ArcWeights;
        Span<Seed> sources = stackalloc Seed[64];
        Span<Seed> targets = stackalloc Seed[2];
        var sourceCount = Endpoints.Sources(_graph, weights, from, sources);
        var targetCount = Endpoints.Targets(_graph, weights, to, targets);
        var best = Endpoints.Direct(_graph, weights, from, to, out var directArc);
        var meet = -1;

        var forwardCount = 0;
        for (var i = 0; i < sourceCount; i++)
        {
            var r = _topology.RankOfArc[sources[i].Arc];
            forwardCount = Climb(r, _forwardStamp, _forward, _forwardParent, _forwardChain, forwardCount);
            if (sources[i].Offset < _forward[r])
            {
                _forward[r] = sources[i].Offset;
                _seedArc[r] = sources[i].OnArc;
            }
        }

        var backwardCount = 0;
        for (var i = 0; i < targetCount; i++)
        {
            var r = _topology.RankOfArc[targets[i].Arc];
            backwardCount = Climb(r, _backwardStamp, _backward, _backwardParent, _backwardChain, backwardCount);
            _backward[r] = Math.Min(_backward[r], targets[i].Offset);
        }

        if (sourceCount > 1)
        {
            Array.Sort(_forwardChain, 0, forwardCount);
        }

        if (targetCount > 1)
        {
            Array.Sort(_backwardChain, 0, backwardCount);
        }

        var up = metric.Up;
        var down = metric.Down;
        var upFirst = _topology.UpFirst;
        var upHead = _topology.UpHead;
        int fi = 0, bi = 0, relaxed = 0;
        while (fi < forwardCount || bi < backwardCount)
        {
            var fv = fi < forwardCount ? _forwardChain[fi] : int.MaxValue;
            var bv = bi < backwardCount ? _backwardChain[bi] : int.MaxValue;
            var v = Math.Min(fv, bv);
            if (fv == v && bv == v && _forward[v] + _backward[v] < best)
            {
                best = _forward[v] + _backward[v];
                meet = v;
            }

            if (fv == v)
            {
                fi++;
                var d = _forward[v];
                if (d < best)
                {
                    relaxed++;
                    for (var e = upFirst[v]; e < upFirst[v + 1]; e++)
                    {
                        var nd = d + up[e];
                        var u = upHead[e];
                        if (nd < _forward[u])
                        {
                            _forward[u] = nd;
                            _forwardParent[u] = e;
                        }
                    }
                }
            }

            if (bv == v)
            {
                bi++;
                var d = _backward[v];
                if (d < best)
                {
                    relaxed++;
                    for (var e = upFirst[v]; e < upFirst[v + 1]; e++)
                    {
                        var nd = d + down[e];
                        var u = upHead[e];
                        if (nd < _backward[u])
                        {
                            _backward[u] = nd;
                            _backwardParent[u] = e;
                        }
                    }
                }
            }
        }

        Relaxed = relaxed;
        return (best, meet, directArc);
    }

    /// <summary>Adds the not yet visited ancestors of <paramref name="v"/> (itself included) to the chain, in rank order.</summary>
    private int Climb(int v, int[] stamp, int[] distance, int[] parent, int[] chain, int count)
    {
        while (v >= 0 && stamp[v] != _generation)
        {
            stamp[v] = _generation;
            distance[v] = CchMetric.Infinity;
            parent[v] = -1;
            chain[count++] = v;
            v = _topology.Parent[v];
        }

        return count;
    }

    private int LowerOf(int arc) => _topology.Lower[arc];

    /// <summary>Appends the road arcs after <paramref name="lower"/> along upward arc <paramref name="arc"/> (driven low→high).</summary>
    private void UnpackUp(CchMetric metric, int arc, int lower, List<int> output)
    {
        var upper = _topology.UpHead[arc];
        var middle = metric.UpMiddle[arc];
        if (middle < 0)
        {
            output.Add(_topology.ArcOfRank[upper]);
            return;
        }

        // lower → middle runs down the arc middle–lower; middle → upper runs up the arc middle–upper.
        UnpackDown(metric, _topology.FindArc(middle, lower), lower, output);
        UnpackUp(metric, _topology.FindArc(middle, upper), middle, output);
    }

    /// <summary>Appends the road arcs after <paramref name="upper"/> along upward arc <paramref name="arc"/> driven high→low.</summary>
    private void UnpackDown(CchMetric metric, int arc, int upper, List<int> output)
    {
        var lower = LowerOf(arc);
        var middle = metric.DownMiddle[arc];
        if (middle < 0)
        {
            output.Add(_topology.ArcOfRank[lower]);
            return;
        }

        UnpackDown(metric, _topology.FindArc(middle, upper), upper, output);
        UnpackUp(metric, _topology.FindArc(middle, lower), middle, output);
    }

    private void NextGeneration()
    {
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_forwardStamp);
            Array.Clear(_backwardStamp);
            _generation = 1;
        }
    }
}
