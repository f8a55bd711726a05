using Vigil.Routing.Graph;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Cch;

/// <summary>
/// Many-to-many travel times on a customised CCH with buckets (Knopp, Sanders, Schultes, Schulz, Wagner 2007,
/// "Computing many-to-many shortest paths using highway hierarchies"): one upward elimination-tree search per target
/// leaves (target, distance) in a bucket at every vertex it reaches; one upward search per source then reads the
/// buckets of the vertices it reaches. Every shortest path has its highest vertex in both searches.
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class CchTable
{
    private readonly RoadGraph _graph;
    private readonly CchTopology _topology;
    private readonly int[] _distance;
    private readonly int[] _stamp;
    private readonly int[] _chain;
    private readonly int[] _bucketFirst;
    private readonly int[] _bucketStamp;
    private int _generation;
    private int[] _entryTarget = new int[1024];
    private int[] _entryDistance = new int[1024];
    private int[] _entryNext = new int[1024];

    public CchTable(RoadGraph graph, CchTopology topology)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        _topology = topology ?? throw new ArgumentNullException(nameof(topology));
        var n = topology.VertexCount;
        _distance = new int[n];
        _stamp = new int[n];
        _chain = new int[n];
        _bucketFirst = new int[n];
        _bucketStamp = new int[n];
    }

    /// <summary>Travel times in ms, row-major: entry [s * targets + t]; <see cref="CchMetric.Infinity"/> where unreachable.</summary>
    public int[] Compute(CchMetric metric, ReadOnlySpan<SnapPoint> sources, ReadOnlySpan<SnapPoint> targets)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var result = new int[sources.Length * targets.Length];
        Compute(metric, sources, targets, result);
        return result;
    }

    /// <summary>As <see cref="Compute(CchMetric, ReadOnlySpan{SnapPoint}, ReadOnlySpan{SnapPoint})"/>, into a caller's buffer.</summary>
    public void Compute(CchMetric metric, ReadOnlySpan<SnapPoint> sources, ReadOnlySpan<SnapPoint> targets, Span<int> result)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (!ReferenceEquals(metric.Topology, _topology))
        {
            throw new ArgumentException("The metric belongs to another topology.", nameof(metric));
        }

        if (result.Length < sources.Length * targets.Length)
        {
            throw new ArgumentException("The result buffer is too small.", nameof(result));
        }

        var weights = metric.ArcWeights;
        var bucketGeneration = NextGeneration();
        var entries = 0;
        Span<Seed> seeds = stackalloc Seed[64];
        for (var t = 0; t < targets.Length; t++)
        {
            var count = Endpoints.Targets(_graph, weights, targets[t], seeds);
            var chain = Sweep(metric.Down, seeds[..count]);
            for (var i = 0; i < chain; i++)
            {
                var v = _chain[i];
                if (_distance[v] >= CchMetric.Infinity)
                {
                    continue;
                }

                if (entries == _entryTarget.Length)
                {
                    Array.Resize(ref _entryTarget, entries * 2);
                    Array.Resize(ref _entryDistance, entries * 2);
                    Array.Resize(ref _entryNext, entries * 2);
                }

                _entryTarget[entries] = t;
                _entryDistance[entries] = _distance[v];
                _entryNext[entries] = _bucketStamp[v] == bucketGeneration ? _bucketFirst[v] : -1;
                _bucketStamp[v] = bucketGeneration;
                _bucketFirst[v] = entries++;
            }
        }

        for (var s = 0; s < sources.Length; s++)
        {
            var row = result.Slice(s * targets.Length, targets.Length);
            for (var t = 0; t < targets.Length; t++)
            {
                row[t] = Endpoints.Direct(_graph, weights, sources[s], targets[t], out _);
            }

            var count = Endpoints.Sources(_graph, weights, sources[s], seeds);
            var chain = Sweep(metric.Up, seeds[..count]);
            for (var i = 0; i < chain; i++)
            {
                var v = _chain[i];
                var d = _distance[v];
                if (d >= CchMetric.Infinity || _bucketStamp[v] != bucketGeneration)
                {
                    continue;
                }

                for (var e = _bucketFirst[v]; e >= 0; e = _entryNext[e])
                {
                    var total = d + _entryDistance[e];
                    ref var cell = ref row[_entryTarget[e]];
                    if (total < cell)
                    {
                        cell = total;
                    }
                }
            }
        }
    }

    /// <summary>An unpruned elimination-tree search; leaves the chain in <see cref="_chain"/> and returns its length.</summary>
    private int Sweep(int[] weights, ReadOnlySpan<Seed> seeds)
    {
        var generation = NextGeneration();
        var count = 0;
        foreach (var seed in seeds)
        {
            var r = _topology.RankOfArc[seed.Arc];
            for (var v = r; v >= 0 && _stamp[v] != generation; v = _topology.Parent[v])
            {
                _stamp[v] = generation;
                _distance[v] = CchMetric.Infinity;
                _chain[count++] = v;
            }

            _distance[r] = Math.Min(_distance[r], seed.Offset);
        }

        if (seeds.Length > 1)
        {
            Array.Sort(_chain, 0, count);
        }

        var upFirst = _topology.UpFirst;
        var upHead = _topology.UpHead;
        for (var i = 0; i < count; i++)
        {
            var v = _chain[i];
            var d = _distance[v];
            if (d >= CchMetric.Infinity)
            {
                continue;
            }

            for (var e = upFirst[v]; e < upFirst[v + 1]; e++)
            {
                var nd = d + weights[e];
                var u = upHead[e];
                if (nd < _distance[u])
                {
                    _distance[u] = nd;
                }
            }
        }

        return count;
    }

    private int NextGeneration()
    {
        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            Array.Clear(_bucketStamp);
            _generation = 1;
        }

        return _generation;
    }
}
