using Vigil.Routing.Geo;

namespace Vigil.Routing.Graph;

/// <summary>
/// An immutable road network for one vehicle profile, in packed arrays.
/// <list type="bullet">
/// <item><b>Nodes</b> are intersections and dead ends (coordinates in 1e-7 degree).</item>
/// <item><b>Edges</b> are the road stretches between nodes along one OSM way, with their shape points.</item>
/// <item><b>Arcs</b> are the drivable directions of edges; an arc's weight is its free-flow travel time in milliseconds.</item>
/// <item><b>Turns</b> connect an arc to the arcs that may follow it at its head (turn restrictions are already applied).</item>
/// </list>
/// Routing runs on the turn graph (arcs as vertices), the edge-based model of OSRM and GraphHopper, so that
/// restrictions such as <c>no_left_turn</c> are exact (Winter 2002, "Modeling costs of turns in route planning").
/// </summary>
public sealed class RoadGraph
{
    internal readonly int[] NodeLatE7;
    internal readonly int[] NodeLonE7;
    internal readonly int[] EdgeFrom;
    internal readonly int[] EdgeTo;
    internal readonly long[] EdgeWayId;
    internal readonly float[] EdgeLengthMeters;
    internal readonly int[] EdgeShapeFirst;
    internal readonly int[] ShapeLatE7;
    internal readonly int[] ShapeLonE7;
    internal readonly int[] ArcEdgeAndDirection;
    internal readonly int[] ArcBaseWeight;
    internal readonly int[] EdgeArcs;
    internal readonly int[] TurnFirst;
    internal readonly int[] TurnTarget;
    internal readonly int[] TurnCost;
    internal readonly int[] ReverseTurnFirst;
    internal readonly int[] ReverseTurnSource;
    internal readonly int[] ReverseTurnIndex;

    internal RoadGraph(
        int[] nodeLatE7,
        int[] nodeLonE7,
        int[] edgeFrom,
        int[] edgeTo,
        long[] edgeWayId,
        float[] edgeLengthMeters,
        int[] edgeShapeFirst,
        int[] shapeLatE7,
        int[] shapeLonE7,
        int[] arcEdgeAndDirection,
        int[] arcBaseWeight,
        int[] turnFirst,
        int[] turnTarget,
        int[] turnCost)
    {
        var nodes = nodeLatE7.Length;
        var edges = edgeFrom.Length;
        var arcs = arcEdgeAndDirection.Length;
        Check(nodeLonE7.Length == nodes, "node arrays differ in length");
        Check(edgeTo.Length == edges && edgeWayId.Length == edges && edgeLengthMeters.Length == edges && edgeShapeFirst.Length == edges + 1, "edge arrays differ in length");
        Check(shapeLatE7.Length == shapeLonE7.Length && edgeShapeFirst[edges] == shapeLatE7.Length, "shape arrays differ in length");
        Check(arcBaseWeight.Length == arcs && turnFirst.Length == arcs + 1 && turnFirst[arcs] == turnTarget.Length && turnCost.Length == turnTarget.Length, "arc or turn arrays differ in length");

        NodeLatE7 = nodeLatE7;
        NodeLonE7 = nodeLonE7;
        EdgeFrom = edgeFrom;
        EdgeTo = edgeTo;
        EdgeWayId = edgeWayId;
        EdgeLengthMeters = edgeLengthMeters;
        EdgeShapeFirst = edgeShapeFirst;
        ShapeLatE7 = shapeLatE7;
        ShapeLonE7 = shapeLonE7;
        ArcEdgeAndDirection = arcEdgeAndDirection;
        ArcBaseWeight = arcBaseWeight;
        TurnFirst = turnFirst;
        TurnTarget = turnTarget;
        TurnCost = turnCost;

        EdgeArcs = new int[2 * edges];
        Array.Fill(EdgeArcs, -1);
        for (var a = 0; a < arcs; a++)
        {
            var code = arcEdgeAndDirection[a];
            Check((uint)(code >> 1) < (uint)edges && EdgeArcs[code] < 0, "arc refers to a missing edge or repeats a direction");
            EdgeArcs[code] = a;
            Check(arcBaseWeight[a] > 0, "arc weights must be positive");
        }

        for (var e = 0; e < edges; e++)
        {
            Check((uint)edgeFrom[e] < (uint)nodes && (uint)edgeTo[e] < (uint)nodes, "edge refers to a missing node");
            Check(edgeShapeFirst[e + 1] - edgeShapeFirst[e] >= 2, "an edge needs at least two shape points");
        }

        // Reverse CSR so that searches can run backwards from a target.
        ReverseTurnFirst = new int[arcs + 1];
        for (var a = 0; a < arcs; a++)
        {
            Check(turnFirst[a] <= turnFirst[a + 1], "turn offsets must not decrease");
            for (var t = turnFirst[a]; t < turnFirst[a + 1]; t++)
            {
                Check((uint)turnTarget[t] < (uint)arcs && turnCost[t] >= 0, "turn refers to a missing arc or has a negative cost");
                Check(ArcHead(a) == ArcTail(turnTarget[t]), "a turn must join an arc's head to the next arc's tail");
                ReverseTurnFirst[turnTarget[t] + 1]++;
            }
        }

        for (var a = 0; a < arcs; a++)
        {
            ReverseTurnFirst[a + 1] += ReverseTurnFirst[a];
        }

        ReverseTurnSource = new int[turnTarget.Length];
        ReverseTurnIndex = new int[turnTarget.Length];
        var fill = new int[arcs];
        for (var a = 0; a < arcs; a++)
        {
            for (var t = turnFirst[a]; t < turnFirst[a + 1]; t++)
            {
                var slot = ReverseTurnFirst[turnTarget[t]] + fill[turnTarget[t]]++;
                ReverseTurnSource[slot] = a;
                ReverseTurnIndex[slot] = t;
            }
        }
    }

    public int NodeCount => NodeLatE7.Length;

    public int EdgeCount => EdgeFrom.Length;

    public int ArcCount => ArcEdgeAndDirection.Length;

    public int TurnCount => TurnTarget.Length;

    public int ShapePointCount => ShapeLatE7.Length;

    public GeoPoint NodePosition(int node) => GeoPoint.FromE7(NodeLatE7[node], NodeLonE7[node]);

    /// <summary>
    /// The median latitude and the median longitude of the junctions: inside the network even for a coastline or a
    /// country with islands, where the centre of the bounding box may be at sea. Not necessarily on a way: snap it.
    /// </summary>
    public GeoPoint MedianNodePosition()
    {
        if (NodeCount == 0)
        {
            throw new InvalidOperationException("The graph has no nodes.");
        }

        var lats = new int[NodeCount];
        var lons = new int[NodeCount];
        NodeLatE7.CopyTo(lats, 0);
        NodeLonE7.CopyTo(lons, 0);
        Array.Sort(lats);
        Array.Sort(lons);
        return GeoPoint.FromE7(lats[lats.Length / 2], lons[lons.Length / 2]);
    }

    public int ArcEdge(int arc) => ArcEdgeAndDirection[arc] >> 1;

    /// <summary>True when the arc runs against the edge's stored direction (from its last shape point to its first).</summary>
    public bool ArcIsReversed(int arc) => (ArcEdgeAndDirection[arc] & 1) != 0;

    public int ArcTail(int arc) => ArcIsReversed(arc) ? EdgeTo[ArcEdge(arc)] : EdgeFrom[ArcEdge(arc)];

    public int ArcHead(int arc) => ArcIsReversed(arc) ? EdgeFrom[ArcEdge(arc)] : EdgeTo[ArcEdge(arc)];

    public float ArcLengthMeters(int arc) => EdgeLengthMeters[ArcEdge(arc)];

    /// <summary>Free-flow travel time in milliseconds.</summary>
    public int ArcBaseWeightMs(int arc) => ArcBaseWeight[arc];

    /// <summary>Free-flow weights of all arcs (ms), the metric a fresh engine starts from.</summary>
    public ReadOnlySpan<int> BaseWeights => ArcBaseWeight;

    public long EdgeWay(int edge) => EdgeWayId[edge];

    public float EdgeLength(int edge) => EdgeLengthMeters[edge];

    /// <summary>The arc that drives <paramref name="edge"/> in its stored direction (or against it), or -1 where that is not allowed.</summary>
    public int EdgeArc(int edge, bool reversed) => EdgeArcs[(edge << 1) | (reversed ? 1 : 0)];

    public int EdgeFromNode(int edge) => EdgeFrom[edge];

    public int EdgeToNode(int edge) => EdgeTo[edge];

    /// <summary>Shape points of an edge in its stored direction, both end nodes included.</summary>
    public int EdgeShapeCount(int edge) => EdgeShapeFirst[edge + 1] - EdgeShapeFirst[edge];

    public GeoPoint EdgeShapePoint(int edge, int index) =>
        GeoPoint.FromE7(ShapeLatE7[EdgeShapeFirst[edge] + index], ShapeLonE7[EdgeShapeFirst[edge] + index]);

    /// <summary>The arcs that may follow <paramref name="arc"/>.</summary>
    public ReadOnlySpan<int> TurnsFrom(int arc) => TurnTarget.AsSpan(TurnFirst[arc], TurnFirst[arc + 1] - TurnFirst[arc]);

    public ReadOnlySpan<int> TurnCostsFrom(int arc) => TurnCost.AsSpan(TurnFirst[arc], TurnFirst[arc + 1] - TurnFirst[arc]);

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidDataException("Inconsistent road graph: " + what + ".");
        }
    }
}
