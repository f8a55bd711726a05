namespace Vigil.Forecasting.Geo;

/// <summary>
/// A named (multi)polygon in planar or geographic coordinates. Rings are packed as x0,y0,x1,y1,... ; holes are
/// ordinary rings, which the even-odd rule subtracts, so containment needs no ring roles.
/// </summary>
public sealed class Region
{
    private readonly double[][] _rings;
    private readonly bool[] _isHole;

    internal Region(string name, double[][] rings, bool[] isHole)
    {
        Name = name;
        _rings = rings;
        _isHole = isHole;
        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        foreach (var ring in rings)
        {
            for (var i = 0; i < ring.Length; i += 2)
            {
                minX = Math.Min(minX, ring[i]);
                maxX = Math.Max(maxX, ring[i]);
                minY = Math.Min(minY, ring[i + 1]);
                maxY = Math.Max(maxY, ring[i + 1]);
            }
        }

        MinX = minX;
        MinY = minY;
        MaxX = maxX;
        MaxY = maxY;
    }

    public string Name { get; }

    public double MinX { get; }

    public double MinY { get; }

    public double MaxX { get; }

    public double MaxY { get; }

    public int RingCount => _rings.Length;

    /// <summary>A rectangle, handy for tests and synthetic cities.</summary>
    public static Region Rectangle(string name, double minX, double minY, double maxX, double maxY) =>
        new(name, [[minX, minY, maxX, minY, maxX, maxY, minX, maxY, minX, minY]], [false]);

    /// <summary>
    /// All rings of several regions as one region. Containment is even-odd, so this is their union only when the
    /// parts do not overlap (true of district maps and of a boundary given as several features).
    /// </summary>
    public static Region Combine(string name, IReadOnlyList<Region> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var rings = new List<double[]>();
        var holes = new List<bool>();
        foreach (var part in parts)
        {
            rings.AddRange(part._rings);
            holes.AddRange(part._isHole);
        }

        return new Region(name, [.. rings], [.. holes]);
    }

    /// <summary>Planar area (shoelace): outer rings add, holes subtract. Meaningful only for projected coordinates.</summary>
    public double Area()
    {
        var total = 0.0;
        for (var r = 0; r < _rings.Length; r++)
        {
            var ring = _rings[r];
            var twice = 0.0;
            for (var i = 0; i + 3 < ring.Length; i += 2)
            {
                twice += (ring[i] * ring[i + 3]) - (ring[i + 2] * ring[i + 1]);
            }

            var a = Math.Abs(twice) / 2;
            total += _isHole[r] ? -a : a;
        }

        return total;
    }

    /// <summary>Even-odd containment over every ring (crossing-number test).</summary>
    public bool Contains(double x, double y)
    {
        if (x < MinX || x > MaxX || y < MinY || y > MaxY)
        {
            return false;
        }

        var inside = false;
        foreach (var ring in _rings)
        {
            var n = ring.Length / 2;
            for (int i = 0, j = n - 1; i < n; j = i++)
            {
                double xi = ring[2 * i], yi = ring[(2 * i) + 1], xj = ring[2 * j], yj = ring[(2 * j) + 1];
                if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
                {
                    inside = !inside;
                }
            }
        }

        return inside;
    }

    /// <summary>The region with every vertex mapped through <paramref name="map"/> (e.g. WGS84 to a projection).</summary>
    public Region Map(Func<double, double, (double X, double Y)> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var rings = new double[_rings.Length][];
        for (var r = 0; r < _rings.Length; r++)
        {
            var src = _rings[r];
            var dst = new double[src.Length];
            for (var i = 0; i < src.Length; i += 2)
            {
                (dst[i], dst[i + 1]) = map(src[i], src[i + 1]);
            }

            rings[r] = dst;
        }

        return new Region(Name, rings, (bool[])_isHole.Clone());
    }
}
