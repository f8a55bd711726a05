using Vigil.Routing.Cch;
using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Search;

/// <summary>
/// Ranks units by travel time to one incident with a single backward Dijkstra from the incident over the turn graph,
/// stopped as soon as the best <c>k</c> are certain: once the k-th best ETA found is at most the smallest key left
/// in the queue, no unit still unsettled can beat it. For the handful of nearest units a dispatcher needs this
/// settles a small disc around the incident, whatever the fleet size; the ETAs equal those of the CCH exactly.
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class EtaRanker
{
    // How many vertices to settle between two checks of the stopping rule; the check scans all units.
    private const int CheckInterval = 128;

    private readonly RoadGraph _graph;
    private readonly MinHeap _heap;
    private readonly int[] _distance;
    private readonly int[] _next;
    private readonly int[] _stamp;
    private readonly int[] _unitsFirst;
    private readonly int[] _unitsStamp;
    private int _generation;
    private int[] _positionNext = new int[64];
    private int[] _positionUnit = new int[64];
    private int[] _positionRest = new int[64];
    private int[] _best = new int[32];
    private int[] _bestVia = new int[32];
    private int[] _bestArc = new int[32];

    public EtaRanker(RoadGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        var n = graph.ArcCount;
        _heap = new MinHeap(n);
        _distance = new int[n];
        _next = new int[n];
        _stamp = new int[n];
        _unitsFirst = new int[n];
        _unitsStamp = new int[n];
    }

    /// <summary>Vertices settled by the last ranking.</summary>
    public int Settled { get; private set; }

    /// <summary>
    /// The <paramref name="count"/> units that reach <paramref name="incident"/> first, fastest first; units that cannot
    /// reach it are left out. <paramref name="arcWeights"/> is the metric (e.g. <see cref="CchMetric.ArcWeightsMs"/>).
    /// </summary>
    public IReadOnlyList<RankedUnit> Rank(ReadOnlySpan<int> arcWeights, SnapPoint incident, ReadOnlySpan<SnapPoint> units, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Prepare(units.Length);
        NextGeneration();

        // Index unit positions by arc, with the cost of driving the rest of their arc.
        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        var positionCount = 0;
        for (var u = 0; u < units.Length; u++)
        {
            _best[u] = Endpoints.Direct(_graph, arcWeights, units[u], incident, out var directArc);
            _bestVia[u] = -1;
            _bestArc[u] = directArc;
            var n = Endpoints.Positions(_graph, units[u], positions);
            for (var i = 0; i < n; i++)
            {
                var arc = positions[i].Arc;
                EnsurePositions(positionCount + 1);
                _positionUnit[positionCount] = u;
                _positionRest[positionCount] = Endpoints.Part(arcWeights[arc], 1 - positions[i].Along);
                _positionNext[positionCount] = _unitsStamp[arc] == _generation ? _unitsFirst[arc] : -1;
                _unitsStamp[arc] = _generation;
                _unitsFirst[arc] = positionCount++;
            }
        }

        _heap.Clear();
        Span<Seed> targets = stackalloc Seed[2];
        var targetCount = Endpoints.Targets(_graph, arcWeights, incident, targets);
        for (var i = 0; i < targetCount; i++)
        {
            Relax(targets[i].Arc, targets[i].Offset, -1);
        }

        Settled = 0;
        var want = Math.Min(count, units.Length);
        while (_heap.Count > 0)
        {
            if (Settled % CheckInterval == 0 && want > 0 && KthBest(units.Length, want) <= _heap.MinKey)
            {
                break;
            }

            var b = _heap.Pop(out var g);
            Settled++;
            for (var r = _graph.ReverseTurnFirst[b]; r < _graph.ReverseTurnFirst[b + 1]; r++)
            {
                var a = _graph.ReverseTurnSource[r];
                var fromHead = g + _graph.TurnCost[_graph.ReverseTurnIndex[r]];
                if (_unitsStamp[a] == _generation)
                {
                    for (var p = _unitsFirst[a]; p >= 0; p = _positionNext[p])
                    {
                        var u = _positionUnit[p];
                        var eta = _positionRest[p] + fromHead;
                        if (eta < _best[u])
                        {
                            _best[u] = eta;
                            _bestVia[u] = b;
                            _bestArc[u] = a;
                        }
                    }
                }

                Relax(a, fromHead + arcWeights[a], b);
            }
        }

        var ranked = new List<RankedUnit>(want);
        for (var u = 0; u < units.Length; u++)
        {
            if (_best[u] < CchMetric.Infinity)
            {
                ranked.Add(new RankedUnit(u, _best[u]));
            }
        }

        ranked.Sort(static (x, y) => x.EtaMs != y.EtaMs ? x.EtaMs.CompareTo(y.EtaMs) : x.UnitIndex.CompareTo(y.UnitIndex));
        if (ranked.Count > want)
        {
            ranked.RemoveRange(want, ranked.Count - want);
        }

        return ranked;
    }

    /// <summary>The route of a unit ranked by the last call, from its position to the incident.</summary>
    public Route RouteOf(RankedUnit unit, SnapPoint unitPosition, SnapPoint incident)
    {
        var arcs = new List<int> { _bestArc[unit.UnitIndex] };
        for (var v = _bestVia[unit.UnitIndex]; v >= 0; v = _next[v])
        {
            arcs.Add(v);
        }

        return RouteAssembler.Build(_graph, unitPosition, incident, arcs, unit.EtaMs);
    }

    private int KthBest(int units, int k)
    {
        // Counting pass over the units: k is small and this runs every CheckInterval settles only.
        var threshold = _heap.MinKey;
        var atMost = 0;
        for (var u = 0; u < units; u++)
        {
            if (_best[u] <= threshold)
            {
                atMost++;
            }
        }

        return atMost >= k ? threshold : CchMetric.Infinity;
    }

    private void Relax(int v, int d, int next)
    {
        if (_stamp[v] == _generation && _distance[v] <= d)
        {
            return;
        }

        if (_heap.InsertOrDecrease(v, d))
        {
            _stamp[v] = _generation;
            _distance[v] = d;
            _next[v] = next;
        }
    }

    private void Prepare(int units)
    {
        if (_best.Length < units)
        {
            var size = Math.Max(units, _best.Length * 2);
            _best = new int[size];
            _bestVia = new int[size];
            _bestArc = new int[size];
        }
    }

    private void EnsurePositions(int size)
    {
        if (_positionUnit.Length < size)
        {
            var grown = Math.Max(size, _positionUnit.Length * 2);
            Array.Resize(ref _positionUnit, grown);
            Array.Resize(ref _positionRest, grown);
            Array.Resize(ref _positionNext, grown);
        }
    }

    private void NextGeneration()
    {
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_unitsStamp);
            _generation = 1;
        }
    }
}
