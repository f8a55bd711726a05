using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Search;

/// <summary>Turns a sequence of arcs between two snapped points into a <see cref="Route"/> with length and geometry.</summary>
internal static class RouteAssembler
{
    public static Route Build(RoadGraph graph, SnapPoint from, SnapPoint to, List<int> arcs, int durationMs)
    {
        var points = new List<GeoPoint>();
        double distance;
        if (arcs.Count == 1)
        {
            var arc = arcs[0];
            distance = Math.Abs(to.Fraction - from.Fraction) * graph.ArcLengthMeters(arc);
            AppendArc(graph, points, arc, from, to);
        }
        else
        {
            distance = 0;
            for (var i = 0; i < arcs.Count; i++)
            {
                var arc = arcs[i];
                var length = graph.ArcLengthMeters(arc);
                if (i == 0)
                {
                    distance += length * (1 - Along(graph, arc, from));
                    AppendArc(graph, points, arc, from, null);
                }
                else if (i == arcs.Count - 1)
                {
                    distance += length * Along(graph, arc, to);
                    AppendArc(graph, points, arc, null, to);
                }
                else
                {
                    distance += length;
                    AppendArc(graph, points, arc, null, null);
                }
            }
        }

        return new Route(durationMs, distance, arcs.ToArray(), points);
    }

    private static double Along(RoadGraph graph, int arc, SnapPoint snap) =>
        graph.ArcIsReversed(arc) ? 1 - snap.Fraction : snap.Fraction;

    private static void AppendArc(RoadGraph graph, List<GeoPoint> points, int arc, SnapPoint? start, SnapPoint? end)
    {
        var edge = graph.ArcEdge(arc);
        var count = graph.EdgeShapeCount(edge);
        if (start is { } s)
        {
            Add(points, s.Point);
        }

        if (!graph.ArcIsReversed(arc))
        {
            var first = start is { } a ? a.Segment + 1 : 0;
            var last = end is { } b ? b.Segment : count - 1;
            for (var i = first; i <= last; i++)
            {
                Add(points, graph.EdgeShapePoint(edge, i));
            }
        }
        else
        {
            var first = start is { } a ? a.Segment : count - 1;
            var last = end is { } b ? b.Segment + 1 : 0;
            for (var i = first; i >= last; i--)
            {
                Add(points, graph.EdgeShapePoint(edge, i));
            }
        }

        if (end is { } e)
        {
            Add(points, e.Point);
        }
    }

    private static void Add(List<GeoPoint> points, GeoPoint point)
    {
        if (points.Count == 0 || points[^1] != point)
        {
            points.Add(point);
        }
    }
}
