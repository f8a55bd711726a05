namespace Vigil.Forecasting.Data;

/// <summary>
/// Incident history as packed parallel arrays, sorted by time: place (projected, in the grid's unit), time and category.
/// No person-level field exists here by design (see docs/forecasting-model-card.md): the models forecast places only.
/// </summary>
public sealed class IncidentSet
{
    private readonly double[] _x;
    private readonly double[] _y;
    private readonly double[] _t;
    private readonly int[] _category;
    private readonly string[] _categories;

    /// <summary>Builds a set; the arrays are sorted by time here (stable), so callers may pass them in any order.</summary>
    public IncidentSet(double[] x, double[] y, double[] days, int[] category, string[] categoryNames)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(category);
        ArgumentNullException.ThrowIfNull(categoryNames);
        if (x.Length != y.Length || x.Length != days.Length || x.Length != category.Length)
        {
            throw new ArgumentException("Incident arrays must have the same length.", nameof(x));
        }

        var order = new int[x.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (double[])days.Clone();
        Array.Sort(keys, order);
        _x = new double[x.Length];
        _y = new double[x.Length];
        _t = keys;
        _category = new int[x.Length];
        for (var i = 0; i < order.Length; i++)
        {
            var j = order[i];
            _x[i] = x[j];
            _y[i] = y[j];
            _category[i] = category[j];
            if ((uint)category[j] >= (uint)categoryNames.Length)
            {
                throw new ArgumentException($"Category index {category[j]} has no name.", nameof(category));
            }
        }

        _categories = (string[])categoryNames.Clone();
    }

    public int Count => _t.Length;

    /// <summary>Easting in the projected unit (feet for EPSG:2913, metres for UTM).</summary>
    public ReadOnlySpan<double> X => _x;

    public ReadOnlySpan<double> Y => _y;

    /// <summary>Time in days since 1970-01-01 (fractional; day-resolution data sits at midnight).</summary>
    public ReadOnlySpan<double> Days => _t;

    public ReadOnlySpan<int> Category => _category;

    public IReadOnlyList<string> CategoryNames => _categories;

    public double FirstDay => _t.Length == 0 ? 0 : _t[0];

    public double LastDay => _t.Length == 0 ? 0 : _t[^1];

    /// <summary>Index of the first incident at or after <paramref name="day"/> (binary search on the sorted times).</summary>
    public int LowerBound(double day)
    {
        int lo = 0, hi = _t.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_t[mid] < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The category's index, or -1 when the set has no such category (case-insensitive).</summary>
    public int CategoryIndex(string name)
    {
        for (var i = 0; i < _categories.Length; i++)
        {
            if (string.Equals(_categories[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>A new set holding only the incidents whose category is in <paramref name="keep"/> (indexes into <see cref="CategoryNames"/>).</summary>
    public IncidentSet Where(ReadOnlySpan<bool> keep)
    {
        var n = 0;
        for (var i = 0; i < _category.Length; i++)
        {
            if (keep[_category[i]])
            {
                n++;
            }
        }

        var x = new double[n];
        var y = new double[n];
        var t = new double[n];
        var c = new int[n];
        var k = 0;
        for (var i = 0; i < _category.Length; i++)
        {
            if (keep[_category[i]])
            {
                x[k] = _x[i];
                y[k] = _y[i];
                t[k] = _t[i];
                c[k] = _category[i];
                k++;
            }
        }

        return new IncidentSet(x, y, t, c, _categories);
    }

    /// <summary>A new set holding one category only.</summary>
    public IncidentSet OfCategory(int categoryIndex)
    {
        var keep = new bool[_categories.Length];
        keep[categoryIndex] = true;
        return Where(keep);
    }

    /// <summary>A new set with the incidents in [fromDay, toDay).</summary>
    public IncidentSet Between(double fromDay, double toDay)
    {
        var a = LowerBound(fromDay);
        var b = LowerBound(toDay);
        var n = Math.Max(0, b - a);
        return new IncidentSet(_x.AsSpan(a, n).ToArray(), _y.AsSpan(a, n).ToArray(), _t.AsSpan(a, n).ToArray(), _category.AsSpan(a, n).ToArray(), _categories);
    }
}
