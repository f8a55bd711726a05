using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;
using Vigil.Routing.Traffic;

namespace Vigil.Routing;

/// <summary>
/// A loaded city: road graph, snapping index, CCH topology and the current metric. Queries run concurrently on
/// the metric they read at their start; traffic updates customise a new metric and publish it atomically, so a
/// speed change takes effect without re-ordering or re-contracting anything.
/// </summary>
public sealed class RoutingEngine
{
    /// <summary>Cost of a closed edge (10 hours): high enough that any open detour wins, low enough never to overflow.</summary>
    public const int ClosedWeightMs = 36_000_000;

    private readonly Lock _customizeLock = new();
    private readonly int[] _currentWeights;
    private Dictionary<long, int[]>? _edgesByWay;
    private CchMetric _metric;

    private RoutingEngine(RoadGraph graph, int[] order, CchTopology topology)
    {
        Graph = graph;
        Order = order;
        Topology = topology;
        Snapper = new SegmentGrid(graph);
        _currentWeights = (int[])graph.ArcBaseWeight.Clone();
        _metric = CchMetric.Customize(topology, graph, (int[])_currentWeights.Clone());
    }

    public RoadGraph Graph { get; }

    /// <summary>Rank of each arc in the contraction order; saved with the graph so that loading skips the ordering.</summary>
    public IReadOnlyList<int> Order { get; }

    public CchTopology Topology { get; }

    public SegmentGrid Snapper { get; }

    /// <summary>The metric new queries use.</summary>
    public CchMetric Metric => Volatile.Read(ref _metric);

    /// <summary>Builds the engine; computes a nested-dissection order when <paramref name="order"/> is empty.</summary>
    public static RoutingEngine Create(RoadGraph graph, int[]? order = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (order is null || order.Length == 0)
        {
            order = NestedDissectionOrder.Compute(graph, cancellationToken);
        }

        var topology = CchTopology.Build(graph, order, cancellationToken);
        return new RoutingEngine(graph, order, topology);
    }

    /// <summary>Snaps a coordinate to the nearest road within <paramref name="maxDistanceMeters"/>.</summary>
    public bool TrySnap(GeoPoint point, out SnapPoint snap, double maxDistanceMeters = 1000) =>
        Snapper.TrySnap(point, maxDistanceMeters, out snap);

    /// <summary>Scratch space for queries on this engine; not thread-safe, so keep one per thread (or pool them).</summary>
    public CchQuery CreateQuery() => new(Graph, Topology);

    /// <summary>Applies observed speeds to edges and re-customises; returns the number of arcs whose weight changed.</summary>
    public int ApplySpeeds(ReadOnlySpan<EdgeSpeed> speeds)
    {
        lock (_customizeLock)
        {
            var changed = 0;
            foreach (var s in speeds)
            {
                if ((uint)s.Edge >= (uint)Graph.EdgeCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(speeds), $"Edge {s.Edge} does not exist.");
                }

                changed += SetEdge(s.Edge, s.Kmh);
            }

            Publish();
            return changed;
        }
    }

    /// <summary>Applies observed speeds to whole OSM ways; unknown way ids are ignored and not counted.</summary>
    public int ApplySpeeds(ReadOnlySpan<WaySpeed> speeds)
    {
        lock (_customizeLock)
        {
            _edgesByWay ??= IndexWays();
            var changed = 0;
            foreach (var s in speeds)
            {
                if (_edgesByWay.TryGetValue(s.WayId, out var edges))
                {
                    foreach (var e in edges)
                    {
                        changed += SetEdge(e, s.Kmh);
                    }
                }
            }

            Publish();
            return changed;
        }
    }

    /// <summary>
    /// Replaces all live speeds at once: arcs not named go back to free flow, the named ones take their speed, and the
    /// metric is customised once. A periodic traffic feed calls this with its whole current picture, so a sensor that
    /// stops reporting stops slowing its road.
    /// </summary>
    public int ReplaceSpeeds(ReadOnlySpan<EdgeSpeed> speeds)
    {
        lock (_customizeLock)
        {
            foreach (var s in speeds)
            {
                if ((uint)s.Edge >= (uint)Graph.EdgeCount)
                {
                    throw new ArgumentOutOfRangeException(nameof(speeds), $"Edge {s.Edge} does not exist.");
                }
            }

            Graph.ArcBaseWeight.CopyTo(_currentWeights, 0);
            var changed = 0;
            foreach (var s in speeds)
            {
                changed += SetEdge(s.Edge, s.Kmh);
            }

            Publish();
            return changed;
        }
    }

    /// <summary>Returns every arc to its free-flow weight.</summary>
    public void ResetSpeeds()
    {
        lock (_customizeLock)
        {
            Graph.ArcBaseWeight.CopyTo(_currentWeights, 0);
            Publish();
        }
    }

    private int SetEdge(int edge, double kmh)
    {
        if (double.IsNaN(kmh) || kmh < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(kmh), "A speed must be zero (closed) or positive.");
        }

        var weight = kmh == 0
            ? ClosedWeightMs
            : (int)Math.Clamp(Math.Round(Graph.EdgeLengthMeters[edge] / (kmh / 3.6) * 1000), 1, ClosedWeightMs);
        var changed = 0;
        for (var direction = 0; direction < 2; direction++)
        {
            var arc = Graph.EdgeArc(edge, direction == 1);
            if (arc >= 0 && _currentWeights[arc] != weight)
            {
                _currentWeights[arc] = weight;
                changed++;
            }
        }

        return changed;
    }

    private void Publish() =>
        Volatile.Write(ref _metric, CchMetric.Customize(Topology, Graph, (int[])_currentWeights.Clone()));

    private Dictionary<long, int[]> IndexWays()
    {
        var lists = new Dictionary<long, List<int>>();
        for (var e = 0; e < Graph.EdgeCount; e++)
        {
            if (!lists.TryGetValue(Graph.EdgeWayId[e], out var list))
            {
                list = [];
                lists[Graph.EdgeWayId[e]] = list;
            }

            list.Add(e);
        }

        var index = new Dictionary<long, int[]>(lists.Count);
        foreach (var (way, list) in lists)
        {
            index[way] = [.. list];
        }

        return index;
    }
}
