using Vigil.Routing.Geo;
using Vigil.Routing.Graph;

namespace Vigil.Routing.Analysis;

/// <summary>Cuts an edge's line between two fractions of its length.</summary>
public static class EdgeGeometry
{
    public static List<GeoPoint> Slice(RoadGraph graph, RoadPiece piece)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var edge = piece.Edge;
        var count = graph.EdgeShapeCount(edge);
        var length = graph.EdgeLength(edge);
        var start = piece.From * length;
        var end = piece.To * length;
        var points = new List<GeoPoint>();
        double walked = 0;
        for (var i = 0; i < count - 1; i++)
        {
            var a = graph.EdgeShapePoint(edge, i);
            var b = graph.EdgeShapePoint(edge, i + 1);
            var segment = GeoMath.HaversineMeters(a, b);
            var segmentEnd = walked + segment;
            if (segmentEnd >= start && walked <= end)
            {
                if (points.Count == 0)
                {
                    points.Add(Interpolate(a, b, segment, start - walked));
                }

                if (segmentEnd <= end)
                {
                    points.Add(b);
                }
                else
                {
                    points.Add(Interpolate(a, b, segment, end - walked));
                    break;
                }
            }

            walked = segmentEnd;
        }

        return points;
    }

    private static GeoPoint Interpolate(GeoPoint a, GeoPoint b, double segment, double offset)
    {
        var t = segment > 0 ? Math.Clamp(offset / segment, 0, 1) : 0;
        return new GeoPoint(a.Lat + ((b.Lat - a.Lat) * t), a.Lon + ((b.Lon - a.Lon) * t));
    }
}
