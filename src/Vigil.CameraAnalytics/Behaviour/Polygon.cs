namespace Vigil.CameraAnalytics.Behaviour;

/// <summary>A simple polygon given by its vertices (x0, y0, x1, y1, ...), closed implicitly.</summary>
public sealed class Polygon
{
    private readonly double[] _xy;

    public Polygon(params double[] xy)
    {
        ArgumentNullException.ThrowIfNull(xy);
        if (xy.Length < 6 || xy.Length % 2 != 0)
        {
            throw new ArgumentException("a polygon needs at least 3 vertices as x, y pairs", nameof(xy));
        }

        foreach (var v in xy)
        {
            if (!double.IsFinite(v))
            {
                throw new ArgumentException("polygon coordinates must be finite", nameof(xy));
            }
        }

        _xy = (double[])xy.Clone();
    }

    public int VertexCount => _xy.Length / 2;

    public double X(int i) => _xy[2 * i];

    public double Y(int i) => _xy[(2 * i) + 1];

    /// <summary>Even-odd ray-crossing test (Shimrat 1962; Haines, "Point in Polygon Strategies", 1994).</summary>
    public bool Contains(double x, double y)
    {
        var inside = false;
        var n = VertexCount;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            double xi = _xy[2 * i], yi = _xy[(2 * i) + 1], xj = _xy[2 * j], yj = _xy[(2 * j) + 1];
            if ((yi > y) != (yj > y) && x < ((xj - xi) * (y - yi) / (yj - yi)) + xi)
            {
                inside = !inside;
            }
        }

        return inside;
    }

    /// <summary>Unsigned area by the shoelace formula.</summary>
    public double Area()
    {
        var sum = 0.0;
        var n = VertexCount;
        for (int i = 0, j = n - 1; i < n; j = i++)
        {
            sum += (_xy[2 * j] * _xy[(2 * i) + 1]) - (_xy[2 * i] * _xy[(2 * j) + 1]);
        }

        return Math.Abs(sum) / 2;
    }
}
