using Vigil.Routing.Geo;
using Vigil.Routing.Graph;

namespace Vigil.Routing.Import;

/// <summary>
/// Turns drivable ways with coordinates into edges between junctions, arcs with free-flow weights, and the
/// allowed turns; then keeps the largest strongly connected component of the turn graph.
/// </summary>
internal sealed class GraphAssembler
{
    private readonly TravelProfile _profile;
    private readonly OsmRoadGraphImporter.WayCollector _ways;
    private readonly OsmRoadGraphImporter.UsedNodes _used;
    private readonly int[] _nodeOfUsed;

    private readonly List<int> _nodeLat = [];
    private readonly List<int> _nodeLon = [];
    private readonly List<long> _nodeOsmId = [];
    private readonly List<int> _edgeFrom = [];
    private readonly List<int> _edgeTo = [];
    private readonly List<long> _edgeWay = [];
    private readonly List<float> _edgeLength = [];
    private readonly List<int> _shapeFirst = [0];
    private readonly List<int> _shapeLat = [];
    private readonly List<int> _shapeLon = [];
    private readonly List<int> _edgeForwardMs = [];
    private readonly List<int> _edgeBackwardMs = [];

    private int[] _arcCode = [];
    private int[] _arcWeight = [];
    private int[] _turnFirst = [];
    private int[] _turnTarget = [];
    private int[] _turnCost = [];

    public GraphAssembler(TravelProfile profile, OsmRoadGraphImporter.WayCollector ways, OsmRoadGraphImporter.UsedNodes used)
    {
        _profile = profile;
        _ways = ways;
        _used = used;
        _nodeOfUsed = new int[used.Ids.Length];
        Array.Fill(_nodeOfUsed, -1);
    }

    public void BuildEdges(CancellationToken cancellationToken)
    {
        var shape = new List<int>();
        for (var w = 0; w < _ways.Count; w++)
        {
            if ((w & 4095) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var rule = _ways.Rules[w];
            var first = _ways.RefFirst[w];
            var last = _ways.RefFirst[w + 1];
            var secondsPerMeter = 0.0;
            if (rule.DurationSeconds > 0)
            {
                var wayLength = WayLength(first, last);
                secondsPerMeter = wayLength > 0 ? rule.DurationSeconds / wayLength : 0;
            }

            shape.Clear();
            for (var i = first; i < last; i++)
            {
                var u = _used.IndexOf(_ways.Refs[i]);
                if (!_used.HasCoordinate[u])
                {
                    // The extract cut the way here: end the stretch before the missing node and start afresh after it.
                    Emit(shape, w, rule, secondsPerMeter);
                    shape.Clear();
                    continue;
                }

                if (shape.Count > 0 && shape[^1] == u)
                {
                    continue;
                }

                shape.Add(u);
                if (shape.Count >= 2 && _used.IsJunction[u])
                {
                    Emit(shape, w, rule, secondsPerMeter);
                    shape.Clear();
                    shape.Add(u);
                }
            }

            Emit(shape, w, rule, secondsPerMeter);
        }
    }

    private double WayLength(int first, int last)
    {
        double length = 0;
        var previous = -1;
        for (var i = first; i < last; i++)
        {
            var u = _used.IndexOf(_ways.Refs[i]);
            if (!_used.HasCoordinate[u])
            {
                previous = -1;
                continue;
            }

            if (previous >= 0)
            {
                length += Distance(previous, u);
            }

            previous = u;
        }

        return length;
    }

    private double Distance(int a, int b) =>
        GeoMath.HaversineMeters(_used.LatE7[a] * 1e-7, _used.LonE7[a] * 1e-7, _used.LatE7[b] * 1e-7, _used.LonE7[b] * 1e-7);

    private void Emit(List<int> shape, int way, WayRule rule, double secondsPerMeter)
    {
        if (shape.Count < 2)
        {
            return;
        }

        if (shape[0] == shape[^1])
        {
            // A closed stretch would be a self-loop; split it so that both halves are ordinary edges.
            if (shape.Count < 3)
            {
                return;
            }

            var middle = shape.Count / 2;
            EmitRange(shape, 0, middle, way, rule, secondsPerMeter);
            EmitRange(shape, middle, shape.Count - 1, way, rule, secondsPerMeter);
            return;
        }

        EmitRange(shape, 0, shape.Count - 1, way, rule, secondsPerMeter);
    }

    private void EmitRange(List<int> shape, int from, int to, int way, WayRule rule, double secondsPerMeter)
    {
        double length = 0;
        for (var i = from; i <= to; i++)
        {
            _shapeLat.Add(_used.LatE7[shape[i]]);
            _shapeLon.Add(_used.LonE7[shape[i]]);
            if (i > from)
            {
                length += Distance(shape[i - 1], shape[i]);
            }
        }

        _shapeFirst.Add(_shapeLat.Count);
        _edgeFrom.Add(NodeOf(shape[from]));
        _edgeTo.Add(NodeOf(shape[to]));
        _edgeWay.Add(_ways.WayIds[way]);
        _edgeLength.Add((float)length);
        _edgeForwardMs.Add(WeightMs(length, rule.ForwardKmh, secondsPerMeter));
        _edgeBackwardMs.Add(WeightMs(length, rule.BackwardKmh, secondsPerMeter));
    }

    private static int WeightMs(double lengthMeters, double kmh, double secondsPerMeter)
    {
        if (kmh <= 0)
        {
            return 0;
        }

        var seconds = secondsPerMeter > 0 ? lengthMeters * secondsPerMeter : lengthMeters / (kmh / 3.6);
        return (int)Math.Clamp(Math.Round(seconds * 1000), 1, int.MaxValue / 64);
    }

    private int NodeOf(int used)
    {
        if (_nodeOfUsed[used] < 0)
        {
            _nodeOfUsed[used] = _nodeLat.Count;
            _nodeLat.Add(_used.LatE7[used]);
            _nodeLon.Add(_used.LonE7[used]);
            _nodeOsmId.Add(_used.Ids[used]);
        }

        return _nodeOfUsed[used];
    }

    /// <summary>Creates arcs and allowed turns; returns how many restrictions matched the graph.</summary>
    public int BuildTurns(IReadOnlyList<TurnRestriction> restrictions)
    {
        var edges = _edgeFrom.Count;
        var nodes = _nodeLat.Count;
        var arcCode = new List<int>(edges * 2);
        var arcWeight = new List<int>(edges * 2);
        var edgeArc = new int[edges * 2];
        Array.Fill(edgeArc, -1);
        for (var e = 0; e < edges; e++)
        {
            if (_edgeForwardMs[e] > 0)
            {
                edgeArc[e << 1] = arcCode.Count;
                arcCode.Add(e << 1);
                arcWeight.Add(_edgeForwardMs[e]);
            }

            if (_edgeBackwardMs[e] > 0)
            {
                edgeArc[(e << 1) | 1] = arcCode.Count;
                arcCode.Add((e << 1) | 1);
                arcWeight.Add(_edgeBackwardMs[e]);
            }
        }

        _arcCode = [.. arcCode];
        _arcWeight = [.. arcWeight];
        var arcs = _arcCode.Length;

        // Arcs leaving each node, as CSR.
        var outFirst = new int[nodes + 1];
        for (var a = 0; a < arcs; a++)
        {
            outFirst[Tail(a) + 1]++;
        }

        for (var n = 0; n < nodes; n++)
        {
            outFirst[n + 1] += outFirst[n];
        }

        var outArcs = new int[arcs];
        var fill = new int[nodes];
        for (var a = 0; a < arcs; a++)
        {
            var t = Tail(a);
            outArcs[outFirst[t] + fill[t]++] = a;
        }

        var inFirst = new int[nodes + 1];
        for (var a = 0; a < arcs; a++)
        {
            inFirst[Head(a) + 1]++;
        }

        for (var n = 0; n < nodes; n++)
        {
            inFirst[n + 1] += inFirst[n];
        }

        var inArcs = new int[arcs];
        Array.Clear(fill);
        for (var a = 0; a < arcs; a++)
        {
            var h = Head(a);
            inArcs[inFirst[h] + fill[h]++] = a;
        }

        var forbidden = new HashSet<long>();
        var applied = 0;
        var nodeById = new Dictionary<long, int>();
        foreach (var r in restrictions)
        {
            nodeById.TryAdd(r.ViaNode, -1);
        }

        for (var n = 0; n < nodes; n++)
        {
            if (nodeById.ContainsKey(_nodeOsmId[n]))
            {
                nodeById[_nodeOsmId[n]] = n;
            }
        }

        foreach (var r in restrictions)
        {
            var via = nodeById[r.ViaNode];
            if (via < 0)
            {
                continue;
            }

            var matched = false;
            for (var j = inFirst[via]; j < inFirst[via + 1]; j++)
            {
                var a = inArcs[j];
                if (_edgeWay[_arcCode[a] >> 1] != r.FromWay)
                {
                    continue;
                }

                for (var i = outFirst[via]; i < outFirst[via + 1]; i++)
                {
                    var b = outArcs[i];
                    var toMatches = _edgeWay[_arcCode[b] >> 1] == r.ToWay;
                    matched |= toMatches;
                    if (r.Only != toMatches)
                    {
                        forbidden.Add(((long)a << 32) | (uint)b);
                    }
                }
            }

            if (matched)
            {
                applied++;
            }
        }

        var turnFirst = new int[arcs + 1];
        var targets = new List<int>(arcs * 3);
        var costs = new List<int>(arcs * 3);
        for (var a = 0; a < arcs; a++)
        {
            var head = Head(a);
            for (var i = outFirst[head]; i < outFirst[head + 1]; i++)
            {
                var b = outArcs[i];
                var isUTurn = (_arcCode[b] >> 1) == (_arcCode[a] >> 1);
                if (forbidden.Contains(((long)a << 32) | (uint)b))
                {
                    continue;
                }

                targets.Add(b);
                costs.Add(isUTurn ? _profile.UTurnPenaltyMs : 0);
            }

            turnFirst[a + 1] = targets.Count;
        }

        _turnFirst = turnFirst;
        _turnTarget = [.. targets];
        _turnCost = [.. costs];
        return applied;
    }

    private int Tail(int arc) => (_arcCode[arc] & 1) == 0 ? _edgeFrom[_arcCode[arc] >> 1] : _edgeTo[_arcCode[arc] >> 1];

    private int Head(int arc) => (_arcCode[arc] & 1) == 0 ? _edgeTo[_arcCode[arc] >> 1] : _edgeFrom[_arcCode[arc] >> 1];

    /// <summary>Keeps the arcs of the largest strongly connected component and renumbers everything densely.</summary>
    public (RoadGraph Graph, int DroppedArcs) KeepLargestComponent()
    {
        var arcs = _arcCode.Length;
        var component = StronglyConnectedComponents.Compute(arcs, _turnFirst, _turnTarget, out var componentCount);
        var sizes = new int[Math.Max(1, componentCount)];
        for (var a = 0; a < arcs; a++)
        {
            sizes[component[a]]++;
        }

        var largest = 0;
        for (var c = 1; c < componentCount; c++)
        {
            if (sizes[c] > sizes[largest])
            {
                largest = c;
            }
        }

        var newArc = new int[arcs];
        var keptArcs = 0;
        var edgeKept = new int[_edgeFrom.Count];
        Array.Fill(edgeKept, -1);
        var nodeKept = new int[_nodeLat.Count];
        Array.Fill(nodeKept, -1);
        var keptEdges = 0;
        var keptNodes = 0;
        for (var a = 0; a < arcs; a++)
        {
            if (componentCount == 0 || component[a] != largest)
            {
                newArc[a] = -1;
                continue;
            }

            newArc[a] = keptArcs++;
            var e = _arcCode[a] >> 1;
            if (edgeKept[e] < 0)
            {
                edgeKept[e] = keptEdges++;
            }
        }

        var edgeOld = new int[keptEdges];
        for (var e = 0; e < edgeKept.Length; e++)
        {
            if (edgeKept[e] >= 0)
            {
                edgeOld[edgeKept[e]] = e;
            }
        }

        var edgeFrom = new int[keptEdges];
        var edgeTo = new int[keptEdges];
        var edgeWay = new long[keptEdges];
        var edgeLength = new float[keptEdges];
        var shapeFirst = new int[keptEdges + 1];
        var shapeCount = 0;
        for (var i = 0; i < keptEdges; i++)
        {
            var e = edgeOld[i];
            shapeCount += _shapeFirst[e + 1] - _shapeFirst[e];
        }

        var shapeLat = new int[shapeCount];
        var shapeLon = new int[shapeCount];
        var nodeLat = new List<int>();
        var nodeLon = new List<int>();
        for (var i = 0; i < keptEdges; i++)
        {
            var e = edgeOld[i];
            edgeFrom[i] = KeepNode(_edgeFrom[e]);
            edgeTo[i] = KeepNode(_edgeTo[e]);
            edgeWay[i] = _edgeWay[e];
            edgeLength[i] = _edgeLength[e];
            var at = shapeFirst[i];
            for (var s = _shapeFirst[e]; s < _shapeFirst[e + 1]; s++)
            {
                shapeLat[at] = _shapeLat[s];
                shapeLon[at] = _shapeLon[s];
                at++;
            }

            shapeFirst[i + 1] = at;
        }

        var arcCode = new int[keptArcs];
        var arcWeight = new int[keptArcs];
        var turnFirst = new int[keptArcs + 1];
        var turnTarget = new List<int>(_turnTarget.Length);
        var turnCost = new List<int>(_turnTarget.Length);
        for (var a = 0; a < arcs; a++)
        {
            var k = newArc[a];
            if (k < 0)
            {
                continue;
            }

            arcCode[k] = (edgeKept[_arcCode[a] >> 1] << 1) | (_arcCode[a] & 1);
            arcWeight[k] = _arcWeight[a];
            for (var t = _turnFirst[a]; t < _turnFirst[a + 1]; t++)
            {
                var b = newArc[_turnTarget[t]];
                if (b >= 0)
                {
                    turnTarget.Add(b);
                    turnCost.Add(_turnCost[t]);
                }
            }

            turnFirst[k + 1] = turnTarget.Count;
        }

        var graph = new RoadGraph(
            [.. nodeLat],
            [.. nodeLon],
            edgeFrom,
            edgeTo,
            edgeWay,
            edgeLength,
            shapeFirst,
            shapeLat,
            shapeLon,
            arcCode,
            arcWeight,
            turnFirst,
            [.. turnTarget],
            [.. turnCost]);
        return (graph, arcs - keptArcs);

        int KeepNode(int old)
        {
            if (nodeKept[old] < 0)
            {
                nodeKept[old] = keptNodes++;
                nodeLat.Add(_nodeLat[old]);
                nodeLon.Add(_nodeLon[old]);
            }

            return nodeKept[old];
        }
    }
}
