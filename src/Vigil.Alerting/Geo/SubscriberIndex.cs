using System.Buffers;

namespace Vigil.Alerting.Geo;

/// <summary>
/// Finds the subscribers whose point lies in, or whose area intersects, an alert's footprint. Subscriptions are packed
/// into flat arrays. Points are bucketed in a uniform latitude/longitude grid stored as compressed rows (coordinates
/// sorted by cell, one cache-friendly scan per cell), and a query visits only the cells under each footprint shape's
/// bounding box. Area subscriptions (circles, polygons) are few and larger, and would be listed in many cells, so they are
/// kept sorted by southern edge instead: a query binary-searches the latitude band its box can reach and checks the
/// bounding boxes of that band in one sequential pass (one unusually tall area widens the band; the cost is still
/// linear in area subscriptions only). Immutable once built, so queries may run in parallel.
/// </summary>
public sealed class SubscriberIndex
{
    // Grids larger than this get coarser cells rather than more memory.
    private const long MaxCells = 1L << 22;

    private readonly double _minLat;
    private readonly double _minLon;
    private readonly double _cell;
    private readonly int _rows;
    private readonly int _cols;

    private readonly int[] _pointCellStart;
    private readonly double[] _pointLat;
    private readonly double[] _pointLon;
    private readonly int[] _pointId;

    // Area subscriptions, sorted by MinLat; boxes as separate arrays for a sequential band scan.
    private readonly int[] _areaId;
    private readonly double[] _areaMinLat;
    private readonly double[] _areaMaxLat;
    private readonly double[] _areaMinLon;
    private readonly double[] _areaMaxLon;
    private readonly double _maxAreaHeight;
    private readonly GeoCircle[] _areaCircle;
    private readonly int[] _areaPolygonStart;
    private readonly int[] _areaPolygonCount;
    private readonly GeoPoint[] _polygonPoints;

    internal SubscriberIndex(SubscriberIndexBuilder b, double cellDegrees)
    {
        if (!(cellDegrees > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(cellDegrees), "The cell size must be positive.");
        }

        var areaCount = b.AreaIds.Count;
        var boxes = new GeoBox[areaCount];
        var bounds = GeoBox.Empty;
        foreach (var p in b.Points)
        {
            bounds = bounds.Include(p.Lat, p.Lon);
        }

        for (var a = 0; a < areaCount; a++)
        {
            boxes[a] = b.AreaPolygonStart[a] < 0
                ? GeoBox.Around(b.AreaCircles[a])
                : GeoShapes.BoxOf(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(b.PolygonPoints).Slice(b.AreaPolygonStart[a], b.AreaPolygonCount[a]));
        }

        var order = new int[areaCount];
        var keys = new double[areaCount];
        for (var a = 0; a < areaCount; a++)
        {
            order[a] = a;
            keys[a] = boxes[a].MinLat;
        }

        Array.Sort(keys, order);
        _areaId = new int[areaCount];
        _areaCircle = new GeoCircle[areaCount];
        _areaPolygonStart = new int[areaCount];
        _areaPolygonCount = new int[areaCount];
        _areaMinLat = new double[areaCount];
        _areaMaxLat = new double[areaCount];
        _areaMinLon = new double[areaCount];
        _areaMaxLon = new double[areaCount];
        _polygonPoints = [.. b.PolygonPoints];
        for (var k = 0; k < areaCount; k++)
        {
            var a = order[k];
            _areaId[k] = b.AreaIds[a];
            _areaCircle[k] = b.AreaCircles[a];
            _areaPolygonStart[k] = b.AreaPolygonStart[a];
            _areaPolygonCount[k] = b.AreaPolygonCount[a];
            _areaMinLat[k] = boxes[a].MinLat;
            _areaMaxLat[k] = boxes[a].MaxLat;
            _areaMinLon[k] = boxes[a].MinLon;
            _areaMaxLon[k] = boxes[a].MaxLon;
            _maxAreaHeight = Math.Max(_maxAreaHeight, boxes[a].MaxLat - boxes[a].MinLat);
        }

        if (bounds.IsEmpty)
        {
            bounds = new GeoBox(0, 0, 0, 0);
        }

        _cell = cellDegrees;
        while ((((long)((bounds.MaxLat - bounds.MinLat) / _cell) + 1) * ((long)((bounds.MaxLon - bounds.MinLon) / _cell) + 1)) > MaxCells)
        {
            _cell *= 2;
        }

        _minLat = bounds.MinLat;
        _minLon = bounds.MinLon;
        _rows = (int)((bounds.MaxLat - bounds.MinLat) / _cell) + 1;
        _cols = (int)((bounds.MaxLon - bounds.MinLon) / _cell) + 1;
        var cells = _rows * _cols;

        // Points: counting sort by cell.
        var n = b.Points.Count;
        _pointCellStart = new int[cells + 1];
        var cellOf = new int[n];
        for (var i = 0; i < n; i++)
        {
            cellOf[i] = CellOf(b.Points[i].Lat, b.Points[i].Lon);
            _pointCellStart[cellOf[i] + 1]++;
        }

        for (var c = 0; c < cells; c++)
        {
            _pointCellStart[c + 1] += _pointCellStart[c];
        }

        _pointLat = new double[n];
        _pointLon = new double[n];
        _pointId = new int[n];
        var fill = (int[])_pointCellStart.Clone();
        for (var i = 0; i < n; i++)
        {
            var slot = fill[cellOf[i]]++;
            _pointLat[slot] = b.Points[i].Lat;
            _pointLon[slot] = b.Points[i].Lon;
            _pointId[slot] = b.PointIds[i];
        }
    }

    public int Count => _pointId.Length + _areaId.Length;

    /// <summary>Appends to <paramref name="matches"/> every subscriber id that the footprint reaches, each once.</summary>
    public void Match(AlertFootprint footprint, List<int> matches)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        ArgumentNullException.ThrowIfNull(matches);
        var shapes = footprint.ShapeCount;
        var seenWords = (_areaId.Length + 63) >> 6;
        var seen = ArrayPool<ulong>.Shared.Rent(Math.Max(1, seenWords));
        Array.Clear(seen, 0, seenWords);
        try
        {
            for (var s = 0; s < shapes; s++)
            {
                var box = footprint.ShapeBox(s);
                MatchAreas(footprint, s, box, seen, matches);
                if (!Clip(box, out var r0, out var r1, out var c0, out var c1))
                {
                    continue;
                }

                var isPolygon = s < footprint.PolygonCount;
                var ring = isPolygon ? footprint.Polygon(s) : default;
                var circle = isPolygon ? default : footprint.Circle(s - footprint.PolygonCount);
                for (var r = r0; r <= r1; r++)
                {
                    // Cells of one grid row are contiguous in the packed arrays: scan the row's span in one pass.
                    MatchPoints(footprint, s, box, isPolygon, ring, circle, _pointCellStart[(r * _cols) + c0], _pointCellStart[(r * _cols) + c1 + 1], matches);
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(seen);
        }
    }

    /// <summary>The naive answer, testing every subscription: the baseline for benchmarks and the oracle for tests.</summary>
    public void MatchByScan(AlertFootprint footprint, List<int> matches)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        ArgumentNullException.ThrowIfNull(matches);
        var shapes = footprint.ShapeCount;
        for (var i = 0; i < _pointId.Length; i++)
        {
            for (var s = 0; s < shapes; s++)
            {
                if (footprint.ShapeContains(s, _pointLat[i], _pointLon[i]))
                {
                    matches.Add(_pointId[i]);
                    break;
                }
            }
        }

        for (var a = 0; a < _areaId.Length; a++)
        {
            for (var s = 0; s < shapes; s++)
            {
                if (footprint.ShapeBox(s).Intersects(new GeoBox(_areaMinLat[a], _areaMinLon[a], _areaMaxLat[a], _areaMaxLon[a])) && AreaIntersects(footprint, s, a))
                {
                    matches.Add(_areaId[a]);
                    break;
                }
            }
        }
    }

    private void MatchPoints(
        AlertFootprint footprint,
        int s,
        in GeoBox box,
        bool isPolygon,
        ReadOnlySpan<GeoPoint> ring,
        GeoCircle circle,
        int start,
        int end,
        List<int> matches)
    {
        for (var i = start; i < end; i++)
        {
            var lat = _pointLat[i];
            var lon = _pointLon[i];
            if (!box.Contains(lat, lon))
            {
                continue;
            }

            var inside = isPolygon ? GeoShapes.Contains(ring, lat, lon) : GeoShapes.Contains(circle, lat, lon);

            // A point under two overlapping shapes is reported by the first one that contains it.
            if (inside && (s == 0 || !footprint.ContainsBefore(s, lat, lon)))
            {
                matches.Add(_pointId[i]);
            }
        }
    }

    private void MatchAreas(AlertFootprint footprint, int s, in GeoBox box, ulong[] seen, List<int> matches)
    {
        // First area whose southern edge could still reach the query box.
        var a = Array.BinarySearch(_areaMinLat, box.MinLat - _maxAreaHeight);
        a = a < 0 ? ~a : a;
        while (a > 0 && _areaMinLat[a - 1] >= box.MinLat - _maxAreaHeight)
        {
            a--;
        }

        for (; a < _areaMinLat.Length && _areaMinLat[a] <= box.MaxLat; a++)
        {
            if (_areaMaxLat[a] < box.MinLat || _areaMaxLon[a] < box.MinLon || _areaMinLon[a] > box.MaxLon)
            {
                continue;
            }

            var bit = 1UL << (a & 63);
            if ((seen[a >> 6] & bit) == 0 && AreaIntersects(footprint, s, a))
            {
                seen[a >> 6] |= bit;
                matches.Add(_areaId[a]);
            }
        }
    }

    private bool AreaIntersects(AlertFootprint footprint, int s, int a) =>
        _areaPolygonStart[a] < 0
            ? footprint.ShapeIntersects(s, _areaCircle[a])
            : footprint.ShapeIntersects(s, _polygonPoints.AsSpan(_areaPolygonStart[a], _areaPolygonCount[a]));

    private int CellOf(double lat, double lon)
    {
        var r = Math.Clamp((int)((lat - _minLat) / _cell), 0, _rows - 1);
        var c = Math.Clamp((int)((lon - _minLon) / _cell), 0, _cols - 1);
        return (r * _cols) + c;
    }

    private bool Clip(in GeoBox box, out int r0, out int r1, out int c0, out int c1)
    {
        r0 = (int)Math.Floor((box.MinLat - _minLat) / _cell);
        r1 = (int)Math.Floor((box.MaxLat - _minLat) / _cell);
        c0 = (int)Math.Floor((box.MinLon - _minLon) / _cell);
        c1 = (int)Math.Floor((box.MaxLon - _minLon) / _cell);
        if (r1 < 0 || c1 < 0 || r0 >= _rows || c0 >= _cols)
        {
            return false;
        }

        r0 = Math.Max(r0, 0);
        c0 = Math.Max(c0, 0);
        r1 = Math.Min(r1, _rows - 1);
        c1 = Math.Min(c1, _cols - 1);
        return true;
    }
}
