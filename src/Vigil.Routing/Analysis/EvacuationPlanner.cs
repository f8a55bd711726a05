using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Analysis;

/// <summary>
/// Routes every road node inside a hazard polygon to its nearest reachable shelter with one backward Dijkstra over
/// the turn graph seeded at all shelters at once (a multi-target search: the nearest shelter of every vertex falls
/// out of a single run). Arcs that enter the hazard from outside are never used, so a route leaves the hazard and
/// does not come back through it; roads inside it stay usable, since evacuees must drive out on them.
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class EvacuationPlanner
{
    private readonly RoutingEngine _engine;
    private readonly RoadGraph _graph;
    private readonly MinHeap _heap;
    private readonly int[] _distance;
    private readonly int[] _next;
    private readonly int[] _origin;

    public EvacuationPlanner(RoutingEngine engine)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        _graph = engine.Graph;
        var n = _graph.ArcCount;
        _heap = new MinHeap(n);
        _distance = new int[n];
        _next = new int[n];
        _origin = new int[n];
    }

    /// <summary>Road nodes (junctions and dead ends) inside <paramref name="hazard"/>.</summary>
    public int CountNodesInside(GeoPolygon hazard)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        var count = 0;
        for (var v = 0; v < _graph.NodeCount; v++)
        {
            if (hazard.Contains(_graph.NodePosition(v)))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Plans the evacuation on the engine's current (live) metric.</summary>
    public EvacuationPlan Plan(GeoPolygon hazard, IReadOnlyList<GeoPoint> shelters, double maxSnapMeters = 500)
    {
        ArgumentNullException.ThrowIfNull(hazard);
        ArgumentNullException.ThrowIfNull(shelters);
        var weights = _engine.Metric.ArcWeightsMs;

        var nodeInside = new bool[_graph.NodeCount];
        var inside = new List<int>();
        for (var v = 0; v < _graph.NodeCount; v++)
        {
            if (hazard.Contains(_graph.NodePosition(v)))
            {
                nodeInside[v] = true;
                inside.Add(v);
            }
        }

        var forbidden = EnteringArcs(hazard, nodeInside);

        var shelterSnaps = new SnapPoint[shelters.Count];
        var usable = new bool[shelters.Count];
        var unusable = new List<int>();
        for (var s = 0; s < shelters.Count; s++)
        {
            if (hazard.Contains(shelters[s]) || !_engine.TrySnap(shelters[s], out shelterSnaps[s], maxSnapMeters) || hazard.Contains(shelterSnaps[s].Point))
            {
                unusable.Add(s);
                continue;
            }

            usable[s] = true;
        }

        Search(weights, shelterSnaps, usable, forbidden);

        var loads = new int[shelters.Count];
        var routes = new List<Evacuee>(inside.Count);
        var unreachable = new List<int>();
        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        foreach (var v in inside)
        {
            var position = _graph.NodePosition(v);
            if (!_engine.TrySnap(position, out var start, 1))
            {
                unreachable.Add(v);
                continue;
            }

            // Leave along either arc of the snapped edge: drive the rest of it, turn, then follow the tree.
            var best = CchMetric.Infinity;
            var bestFirst = -1;
            var bestVia = -1;
            var n = Endpoints.Positions(_graph, start, positions);
            for (var i = 0; i < n; i++)
            {
                var (arc, along) = positions[i];
                var rest = Endpoints.Part(weights[arc], 1 - along);
                var turns = _graph.TurnsFrom(arc);
                var costs = _graph.TurnCostsFrom(arc);
                for (var k = 0; k < turns.Length; k++)
                {
                    var b = turns[k];
                    if (_distance[b] >= CchMetric.Infinity)
                    {
                        continue;
                    }

                    var eta = rest + costs[k] + _distance[b];
                    if (eta < best)
                    {
                        best = eta;
                        bestFirst = arc;
                        bestVia = b;
                    }
                }
            }

            var bestShelter = bestVia >= 0 ? _origin[bestVia] : -1;
            for (var s = 0; s < shelters.Count; s++)
            {
                if (usable[s])
                {
                    var direct = Endpoints.Direct(_graph, weights, start, shelterSnaps[s], out var directArc);
                    if (direct < best)
                    {
                        best = direct;
                        bestFirst = directArc;
                        bestVia = -1;
                        bestShelter = s;
                    }
                }
            }

            // A closed road costs RoutingEngine.ClosedWeightMs: a route that needs one is no way out.
            if (bestShelter < 0 || best >= RoutingEngine.ClosedWeightMs)
            {
                unreachable.Add(v);
                continue;
            }

            var arcs = new List<int> { bestFirst };
            for (var a = bestVia; a >= 0; a = _next[a])
            {
                arcs.Add(a);
            }

            loads[bestShelter]++;
            routes.Add(new Evacuee(v, position, bestShelter, RouteAssembler.Build(_graph, start, shelterSnaps[bestShelter], arcs, best)));
        }

        return new EvacuationPlan(inside.Count, routes, unreachable, loads, unusable);
    }

    /// <summary>Arcs that start outside the hazard and end in it or pass through it.</summary>
    private bool[] EnteringArcs(GeoPolygon hazard, bool[] nodeInside)
    {
        var forbidden = new bool[_graph.ArcCount];
        for (var a = 0; a < _graph.ArcCount; a++)
        {
            if (nodeInside[_graph.ArcTail(a)])
            {
                continue;
            }

            if (nodeInside[_graph.ArcHead(a)])
            {
                forbidden[a] = true;
                continue;
            }

            var edge = _graph.ArcEdge(a);
            for (var i = 0; i < _graph.EdgeShapeCount(edge); i++)
            {
                if (hazard.Contains(_graph.EdgeShapePoint(edge, i)))
                {
                    forbidden[a] = true;
                    break;
                }
            }
        }

        return forbidden;
    }

    private void Search(ReadOnlySpan<int> weights, SnapPoint[] shelters, bool[] usable, bool[] forbidden)
    {
        Array.Fill(_distance, CchMetric.Infinity);
        _heap.Clear();
        Span<Seed> seeds = stackalloc Seed[2];
        for (var s = 0; s < shelters.Length; s++)
        {
            if (!usable[s])
            {
                continue;
            }

            var count = Endpoints.Targets(_graph, weights, shelters[s], seeds);
            for (var i = 0; i < count; i++)
            {
                Relax(seeds[i].Arc, seeds[i].Offset, -1, s);
            }
        }

        while (_heap.Count > 0)
        {
            var b = _heap.Pop(out var g);
            for (var r = _graph.ReverseTurnFirst[b]; r < _graph.ReverseTurnFirst[b + 1]; r++)
            {
                var a = _graph.ReverseTurnSource[r];
                if (!forbidden[a])
                {
                    Relax(a, g + _graph.TurnCost[_graph.ReverseTurnIndex[r]] + weights[a], b, _origin[b]);
                }
            }
        }
    }

    private void Relax(int v, int d, int next, int origin)
    {
        if (_distance[v] <= d)
        {
            return;
        }

        if (_heap.InsertOrDecrease(v, d))
        {
            _distance[v] = d;
            _next[v] = next;
            _origin[v] = origin;
        }
    }
}
