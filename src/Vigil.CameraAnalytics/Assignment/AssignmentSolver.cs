namespace Vigil.CameraAnalytics.Assignment;

/// <summary>
/// Minimum-cost bipartite assignment on a dense row-major cost matrix: the Hungarian method in its shortest
/// augmenting path form with dual potentials (Kuhn 1955; Munkres 1957; the O(n²m) formulation of Jonker and
/// Volgenant 1987, without their initialisation heuristics). Buffers are owned and reused, so repeated calls of
/// similar size do not allocate. Ties are broken by the lowest index, which keeps results deterministic.
/// Not thread-safe: one solver per worker.
/// </summary>
public sealed class AssignmentSolver
{
    /// <summary>A cost the caller uses to forbid a pair; large but finite so the dual potentials stay finite.</summary>
    public const double Forbidden = 1e9;

    private double[] _u = new double[16];
    private double[] _v = new double[16];
    private double[] _minV = new double[16];
    private int[] _p = new int[16];
    private int[] _way = new int[16];
    private bool[] _used = new bool[16];

    // Scratch for the cost-limited variant.
    private int[] _parent = new int[32];
    private int[] _compRows = new int[16];
    private int[] _compCols = new int[16];
    private double[] _sub = new double[64];
    private int[] _subAssign = new int[16];
    private int[] _order = new int[32];

    /// <summary>
    /// Assigns every row to a distinct column (or every column to a distinct row when there are fewer columns),
    /// minimising the summed cost. Writes the column of each row to <paramref name="rowToColumn"/>, -1 for a row left
    /// over. Returns the total cost. Pairs priced <see cref="Forbidden"/> are assigned only where unavoidable; the
    /// caller drops them.
    /// </summary>
    public double Solve(ReadOnlySpan<double> cost, int rows, int columns, Span<int> rowToColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (cost.Length < rows * columns)
        {
            throw new ArgumentException("cost matrix is smaller than rows x columns", nameof(cost));
        }

        if (rowToColumn.Length < rows)
        {
            throw new ArgumentException("output span is shorter than rows", nameof(rowToColumn));
        }

        rowToColumn[..rows].Fill(-1);
        if (rows == 0 || columns == 0)
        {
            return 0;
        }

        // The augmenting-path loop needs n <= m; solve the transpose otherwise.
        var transposed = rows > columns;
        var n = transposed ? columns : rows;
        var m = transposed ? rows : columns;
        EnsureCapacity(m + 1);
        var u = _u;
        var v = _v;
        var p = _p;
        var way = _way;
        var minV = _minV;
        var used = _used;
        Array.Clear(u, 0, n + 1);
        Array.Clear(v, 0, m + 1);
        Array.Clear(p, 0, m + 1);

        for (var i = 1; i <= n; i++)
        {
            p[0] = i;
            var j0 = 0;
            Array.Fill(minV, double.PositiveInfinity, 0, m + 1);
            Array.Clear(used, 0, m + 1);
            do
            {
                used[j0] = true;
                var i0 = p[j0];
                var delta = double.PositiveInfinity;
                var j1 = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (used[j])
                    {
                        continue;
                    }

                    var c = transposed ? cost[((j - 1) * columns) + (i0 - 1)] : cost[((i0 - 1) * columns) + (j - 1)];
                    var cur = c - u[i0] - v[j];
                    if (cur < minV[j])
                    {
                        minV[j] = cur;
                        way[j] = j0;
                    }

                    if (minV[j] < delta)
                    {
                        delta = minV[j];
                        j1 = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (used[j])
                    {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    }
                    else
                    {
                        minV[j] -= delta;
                    }
                }

                j0 = j1;
            }
            while (p[j0] != 0);

            do
            {
                var j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            }
            while (j0 != 0);
        }

        var total = 0.0;
        for (var j = 1; j <= m; j++)
        {
            if (p[j] == 0)
            {
                continue;
            }

            var row = transposed ? j - 1 : p[j] - 1;
            var col = transposed ? p[j] - 1 : j - 1;
            rowToColumn[row] = col;
            total += cost[(row * columns) + col];
        }

        return total;
    }

    /// <summary>
    /// Assignment in which leaving a row or a column unmatched costs <paramref name="limit"/>/2, so a pair is matched
    /// only when its cost is below <paramref name="limit"/>: the semantics of <c>lapjv(extend_cost=True, cost_limit=...)</c>
    /// that SORT and ByteTrack use. The matrix is first split into connected components of admissible pairs, which in
    /// tracking are mostly one track against one detection, so the cubic solver only sees the rare contested groups.
    /// Writes the column of each row (or -1) to <paramref name="rowToColumn"/> and returns the number of matches.
    /// </summary>
    public int SolveWithLimit(ReadOnlySpan<double> cost, int rows, int columns, double limit, Span<int> rowToColumn)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if (cost.Length < rows * columns || rowToColumn.Length < rows)
        {
            throw new ArgumentException("cost matrix or output span too small");
        }

        rowToColumn[..rows].Fill(-1);
        if (rows == 0 || columns == 0)
        {
            return 0;
        }

        // Union-find over rows [0, rows) and columns [rows, rows + columns).
        var nodes = rows + columns;
        if (_parent.Length < nodes)
        {
            _parent = new int[nodes * 2];
            _order = new int[nodes * 2];
        }

        var parent = _parent;
        for (var k = 0; k < nodes; k++)
        {
            parent[k] = k;
        }

        var edges = 0;
        for (var i = 0; i < rows; i++)
        {
            var line = cost.Slice(i * columns, columns);
            for (var j = 0; j < columns; j++)
            {
                if (line[j] < limit)
                {
                    Union(parent, i, rows + j);
                    edges++;
                }
            }
        }

        if (edges == 0)
        {
            return 0;
        }

        // Group nodes by root with a counting pass so each component is visited once, in index order.
        var order = _order;
        for (var k = 0; k < nodes; k++)
        {
            order[k] = Find(parent, k);
        }

        var matches = 0;
        for (var root = 0; root < nodes; root++)
        {
            if (order[root] != root)
            {
                continue;
            }

            var r = 0;
            var c = 0;
            EnsureComponentCapacity(nodes);
            for (var k = 0; k < nodes; k++)
            {
                if (order[k] != root)
                {
                    continue;
                }

                if (k < rows)
                {
                    _compRows[r++] = k;
                }
                else
                {
                    _compCols[c++] = k - rows;
                }
            }

            if (r == 0 || c == 0)
            {
                continue;
            }

            matches += SolveComponent(cost, columns, r, c, limit, rowToColumn);
        }

        return matches;
    }

    private int SolveComponent(ReadOnlySpan<double> cost, int columns, int r, int c, double limit, Span<int> rowToColumn)
    {
        if (r == 1 || c == 1)
        {
            // A star: the cheapest admissible pair is optimal.
            var best = double.PositiveInfinity;
            int bi = -1, bj = -1;
            for (var a = 0; a < r; a++)
            {
                for (var b = 0; b < c; b++)
                {
                    var x = cost[(_compRows[a] * columns) + _compCols[b]];
                    if (x < best)
                    {
                        best = x;
                        bi = _compRows[a];
                        bj = _compCols[b];
                    }
                }
            }

            if (best < limit)
            {
                rowToColumn[bi] = bj;
                return 1;
            }

            return 0;
        }

        // Padded square problem of size r + c (the lapjv cost_limit extension).
        var size = r + c;
        if (_sub.Length < size * size)
        {
            _sub = new double[size * size * 2];
        }

        if (_subAssign.Length < size)
        {
            _subAssign = new int[size * 2];
        }

        var sub = _sub.AsSpan(0, size * size);
        var half = limit / 2;
        for (var a = 0; a < size; a++)
        {
            var line = sub.Slice(a * size, size);
            for (var b = 0; b < size; b++)
            {
                if (a < r && b < c)
                {
                    var x = cost[(_compRows[a] * columns) + _compCols[b]];
                    line[b] = x < limit ? x : Forbidden;
                }
                else if (a < r || b < c)
                {
                    line[b] = half;
                }
                else
                {
                    line[b] = 0;
                }
            }
        }

        var assign = _subAssign.AsSpan(0, size);
        Solve(sub, size, size, assign);
        var matches = 0;
        for (var a = 0; a < r; a++)
        {
            var b = assign[a];
            if (b >= 0 && b < c && sub[(a * size) + b] < limit)
            {
                rowToColumn[_compRows[a]] = _compCols[b];
                matches++;
            }
        }

        return matches;
    }

    private void EnsureCapacity(int length)
    {
        if (_u.Length >= length)
        {
            return;
        }

        var size = Math.Max(length, _u.Length * 2);
        _u = new double[size];
        _v = new double[size];
        _minV = new double[size];
        _p = new int[size];
        _way = new int[size];
        _used = new bool[size];
    }

    private void EnsureComponentCapacity(int nodes)
    {
        if (_compRows.Length < nodes)
        {
            _compRows = new int[nodes * 2];
            _compCols = new int[nodes * 2];
        }
    }

    private static int Find(int[] parent, int x)
    {
        while (parent[x] != x)
        {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }

        return x;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra == rb)
        {
            return;
        }

        // The smaller index becomes the root, so components are enumerated deterministically.
        if (ra < rb)
        {
            parent[rb] = ra;
        }
        else
        {
            parent[ra] = rb;
        }
    }
}
