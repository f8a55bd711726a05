using Vigil.Routing.Geo;
using Vigil.Routing.Graph;

namespace Vigil.Routing.Snapping;

/// <summary>
/// A uniform grid over every road segment, for nearest-segment snapping. Segments are registered in each cell their
/// bounding box touches; a query scans rings of cells outwards until no unseen cell can hold a closer segment.
/// The cell size is chosen so that a cell holds about two segments on average, which keeps a query at a few dozen
/// distance tests whatever the size of the region.
/// </summary>
public sealed class SegmentGrid
{
    private readonly RoadGraph _graph;
    private readonly int _minLatE7;
    private readonly int _minLonE7;
    private readonly int _cellE7;
    private readonly int _columns;
    private readonly int _rows;
    private readonly int[] _cellFirst;
    private readonly int[] _cellSegments;
    private readonly int[] _segmentEdge;

    public SegmentGrid(RoadGraph graph)
    {
        _graph = graph ?? throw new ArgumentNullException(nameof(graph));
        var shapes = graph.ShapeLatE7;
        int minLat = int.MaxValue, minLon = int.MaxValue, maxLat = int.MinValue, maxLon = int.MinValue;
        for (var i = 0; i < shapes.Length; i++)
        {
            minLat = Math.Min(minLat, graph.ShapeLatE7[i]);
            maxLat = Math.Max(maxLat, graph.ShapeLatE7[i]);
            minLon = Math.Min(minLon, graph.ShapeLonE7[i]);
            maxLon = Math.Max(maxLon, graph.ShapeLonE7[i]);
        }

        if (shapes.Length == 0)
        {
            minLat = minLon = maxLat = maxLon = 0;
        }

        var segments = Math.Max(1, shapes.Length - graph.EdgeCount);
        var area = Math.Max(1.0, (double)(maxLat - minLat) * (maxLon - minLon));
        var cell = Math.Sqrt(area / Math.Max(1, segments / 2.0));

        // Never finer than ~1e-4 degree (about 10 m), so a dense downtown does not explode the cell count.
        _cellE7 = (int)Math.Clamp(cell, 1_000, 10_000_000);
        _minLatE7 = minLat;
        _minLonE7 = minLon;
        _rows = ((maxLat - minLat) / _cellE7) + 1;
        _columns = ((maxLon - minLon) / _cellE7) + 1;

        _segmentEdge = new int[shapes.Length];
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            for (var s = graph.EdgeShapeFirst[e]; s < graph.EdgeShapeFirst[e + 1]; s++)
            {
                _segmentEdge[s] = e;
            }
        }

        _cellFirst = new int[(_rows * _columns) + 1];
        ForEachSegmentCell((cellIndex, _) => _cellFirst[cellIndex + 1]++);
        for (var i = 0; i < _rows * _columns; i++)
        {
            _cellFirst[i + 1] += _cellFirst[i];
        }

        _cellSegments = new int[_cellFirst[^1]];
        var fill = new int[_rows * _columns];
        ForEachSegmentCell((cellIndex, segment) => _cellSegments[_cellFirst[cellIndex] + fill[cellIndex]++] = segment);
    }

    private void ForEachSegmentCell(Action<int, int> visit)
    {
        for (var e = 0; e < _graph.EdgeCount; e++)
        {
            for (var s = _graph.EdgeShapeFirst[e]; s < _graph.EdgeShapeFirst[e + 1] - 1; s++)
            {
                var r0 = Row(Math.Min(_graph.ShapeLatE7[s], _graph.ShapeLatE7[s + 1]));
                var r1 = Row(Math.Max(_graph.ShapeLatE7[s], _graph.ShapeLatE7[s + 1]));
                var c0 = Column(Math.Min(_graph.ShapeLonE7[s], _graph.ShapeLonE7[s + 1]));
                var c1 = Column(Math.Max(_graph.ShapeLonE7[s], _graph.ShapeLonE7[s + 1]));
                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        visit((r * _columns) + c, s);
                    }
                }
            }
        }
    }

    private int Row(int latE7) => Math.Clamp((latE7 - _minLatE7) / _cellE7, 0, _rows - 1);

    private int Column(int lonE7) => Math.Clamp((lonE7 - _minLonE7) / _cellE7, 0, _columns - 1);

    /// <summary>The nearest point on any road within <paramref name="maxDistanceMeters"/>; false when there is none.</summary>
    public bool TrySnap(GeoPoint point, double maxDistanceMeters, out SnapPoint snap)
    {
        snap = default;
        if (!point.IsValid || _cellSegments.Length == 0)
        {
            return false;
        }

        var latE7 = (long)Math.Round(point.Lat * 1e7);
        var lonE7 = (long)Math.Round(point.Lon * 1e7);
        var row = (int)Math.Floor((double)(latE7 - _minLatE7) / _cellE7);
        var column = (int)Math.Floor((double)(lonE7 - _minLonE7) / _cellE7);
        var metersPerLat = GeoMath.MetersPerDegreeLat;
        var metersPerLon = GeoMath.MetersPerDegreeLon(point.Lat);
        var cellMeters = _cellE7 * 1e-7 * Math.Min(metersPerLat, metersPerLon);

        // A point outside the grid first has to cross the gap to its border.
        var outsideRows = row < 0 ? -row : row >= _rows ? row - _rows + 1 : 0;
        var outsideColumns = column < 0 ? -column : column >= _columns ? column - _columns + 1 : 0;
        var startRing = Math.Max(outsideRows, outsideColumns);
        var maxRing = (int)Math.Min(int.MaxValue / 4, Math.Ceiling(maxDistanceMeters / Math.Max(1e-3, cellMeters)) + 1 + startRing);
        maxRing = Math.Min(maxRing, Math.Max(_rows, _columns) + startRing);

        var best = double.MaxValue;
        var bestSegment = -1;
        double bestT = 0;
        for (var ring = Math.Max(0, startRing - 1); ring <= maxRing; ring++)
        {
            // Every segment in ring k lies at least (k-1) cells away.
            if (bestSegment >= 0 && (ring - 1) * cellMeters > best)
            {
                break;
            }

            for (var r = row - ring; r <= row + ring; r++)
            {
                if (r < 0 || r >= _rows)
                {
                    continue;
                }

                var onEdgeRow = r == row - ring || r == row + ring;
                var step = onEdgeRow ? 1 : Math.Max(1, 2 * ring);
                for (var c = column - ring; c <= column + ring; c += step)
                {
                    if (c < 0 || c >= _columns)
                    {
                        continue;
                    }

                    var cellIndex = (r * _columns) + c;
                    for (var i = _cellFirst[cellIndex]; i < _cellFirst[cellIndex + 1]; i++)
                    {
                        var s = _cellSegments[i];
                        var d = SegmentDistance(s, point, metersPerLat, metersPerLon, out var t);
                        if (d < best)
                        {
                            best = d;
                            bestSegment = s;
                            bestT = t;
                        }
                    }
                }
            }
        }

        if (bestSegment < 0 || best > maxDistanceMeters)
        {
            return false;
        }

        var edge = _segmentEdge[bestSegment];
        var first = _graph.EdgeShapeFirst[edge];
        var segment = bestSegment - first;
        var aLat = _graph.ShapeLatE7[bestSegment] * 1e-7;
        var aLon = _graph.ShapeLonE7[bestSegment] * 1e-7;
        var bLat = _graph.ShapeLatE7[bestSegment + 1] * 1e-7;
        var bLon = _graph.ShapeLonE7[bestSegment + 1] * 1e-7;
        var snapped = new GeoPoint(aLat + ((bLat - aLat) * bestT), aLon + ((bLon - aLon) * bestT));

        double along = 0;
        for (var s = first; s < bestSegment; s++)
        {
            along += GeoMath.HaversineMeters(_graph.ShapeLatE7[s] * 1e-7, _graph.ShapeLonE7[s] * 1e-7, _graph.ShapeLatE7[s + 1] * 1e-7, _graph.ShapeLonE7[s + 1] * 1e-7);
        }

        along += GeoMath.HaversineMeters(aLat, aLon, snapped.Lat, snapped.Lon);
        var length = _graph.EdgeLengthMeters[edge];
        var fraction = length > 0 ? Math.Clamp(along / length, 0, 1) : 0;
        snap = new SnapPoint(edge, segment, fraction, snapped, best);
        return true;
    }

    private double SegmentDistance(int s, GeoPoint p, double metersPerLat, double metersPerLon, out double t)
    {
        // Local equirectangular plane around the query point: exact to well under a metre at snapping distances.
        var ax = ((_graph.ShapeLonE7[s] * 1e-7) - p.Lon) * metersPerLon;
        var ay = ((_graph.ShapeLatE7[s] * 1e-7) - p.Lat) * metersPerLat;
        var bx = ((_graph.ShapeLonE7[s + 1] * 1e-7) - p.Lon) * metersPerLon;
        var by = ((_graph.ShapeLatE7[s + 1] * 1e-7) - p.Lat) * metersPerLat;
        var dx = bx - ax;
        var dy = by - ay;
        var lengthSquared = (dx * dx) + (dy * dy);
        t = lengthSquared > 0 ? Math.Clamp(-((ax * dx) + (ay * dy)) / lengthSquared, 0, 1) : 0;
        var x = ax + (t * dx);
        var y = ay + (t * dy);
        return Math.Sqrt((x * x) + (y * y));
    }
}
