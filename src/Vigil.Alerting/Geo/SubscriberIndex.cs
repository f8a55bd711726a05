using System.Buffers;

namespace Vigil.Alerting.Geo;

/// <summary>
/// Finds the subscribers whose point lies in, or whose area intersects, an alert's footprint. Subscriptions are packed
/// into a uniform latitude/longitude grid stored as compressed rows: point coordinates sorted by cell in flat arrays
/// (one cache-friendly scan per cell), and area subscriptions listed in every cell their bounding box covers. A query
/// visits only the cells under each footprint shape's bounding box. Immutable once built, so queries may run in parallel.
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

    private readonly int[] _areaCellStart;
    private readonly int[] _areaEntries;
    private readonly int[] _areaId;
    private readonly GeoBox[] _areaBox;
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
        _areaId = [.. b.AreaIds];
        _areaCircle = [.. b.AreaCircles];
        _areaPolygonStart = [.. b.AreaPolygonStart];
        _areaPolygonCount = [.. b.AreaPolygonCount];
        _polygonPoints = [.. b.PolygonPoints];
        _areaBox = new GeoBox[areaCount];
        var bounds = GeoBox.Empty;
        foreach (var p in b.Points)
        {
            bounds = bounds.Include(p.Lat, p.Lon);
        }

        for (var a = 0; a < areaCount; a++)
        {
            _areaBox[a] = _areaPolygonStart[a] < 0
                ? GeoBox.Around(_areaCircle[a])
                : GeoShapes.BoxOf(_polygonPoints.AsSpan(_areaPolygonStart[a], _areaPolygonCount[a]));
            bounds = bounds.Union(_areaBox[a]);
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

        // Areas: listed in every cell under their bounding box.
        _areaCellStart = new int[cells + 1];
        for (var a = 0; a < areaCount; a++)
        {
            ForEachCell(_areaBox[a], (c, _) => _areaCellStart[c + 1]++, 0);
        }

        for (var c = 0; c < cells; c++)
        {
            _areaCellStart[c + 1] += _areaCellStart[c];
        }

        _areaEntries = new int[_areaCellStart[cells]];
        var areaFill = (int[])_areaCellStart.Clone();
        for (var a = 0; a < areaCount; a++)
        {
            ForEachCell(_areaBox[a], (c, area) => _areaEntries[areaFill[c]++] = area, a);
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
                if (!Clip(box, out var r0, out var r1, out var c0, out var c1))
                {
                    continue;
                }

                for (var r = r0; r <= r1; r++)
                {
                    for (var c = c0; c <= c1; c++)
                    {
                        var cell = (r * _cols) + c;
                        MatchPoints(footprint, s, box, cell, matches);
                        MatchAreas(footprint, s, box, cell, seen, matches);
                    }
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
                if (footprint.ShapeBox(s).Intersects(_areaBox[a]) && AreaIntersects(footprint, s, a))
                {
                    matches.Add(_areaId[a]);
                    break;
                }
            }
        }
    }

    private void MatchPoints(AlertFootprint footprint, int s, in GeoBox box, int cell, List<int> matches)
    {
        var end = _pointCellStart[cell + 1];
        for (var i = _pointCellStart[cell]; i < end; i++)
        {
            var lat = _pointLat[i];
            var lon = _pointLon[i];

            // A point under two overlapping shapes is reported by the first one that contains it.
            if (box.Contains(lat, lon) && footprint.ShapeContains(s, lat, lon) && (s == 0 || !footprint.ContainsBefore(s, lat, lon)))
            {
                matches.Add(_pointId[i]);
            }
        }
    }

    private void MatchAreas(AlertFootprint footprint, int s, in GeoBox box, int cell, ulong[] seen, List<int> matches)
    {
        var end = _areaCellStart[cell + 1];
        for (var e = _areaCellStart[cell]; e < end; e++)
        {
            var a = _areaEntries[e];
            var bit = 1UL << (a & 63);
            if ((seen[a >> 6] & bit) != 0 || !box.Intersects(_areaBox[a]))
            {
                continue;
            }

            if (AreaIntersects(footprint, s, a))
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

    private void ForEachCell(in GeoBox box, Action<int, int> action, int area)
    {
        if (!Clip(box, out var r0, out var r1, out var c0, out var c1))
        {
            return;
        }

        for (var r = r0; r <= r1; r++)
        {
            for (var c = c0; c <= c1; c++)
            {
                action((r * _cols) + c, area);
            }
        }
    }
}
