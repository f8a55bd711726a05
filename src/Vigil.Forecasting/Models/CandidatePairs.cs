namespace Vigil.Forecasting.Models;

/// <summary>
/// Candidate (parent, child) pairs within a time and distance cut-off, in compressed rows: the parents of child i are
/// Parents[Start[i]..Start[i+1]]. Built once per fit with square buckets one cut-off wide, each holding its incidents in
/// time order, so a child looks only at 3 x 3 buckets and, in each, a binary-searched time window.
/// </summary>
internal sealed class CandidatePairs
{
    private CandidatePairs(int[] start, int[] parents)
    {
        Start = start;
        Parents = parents;
    }

    public int[] Start { get; }

    public int[] Parents { get; }

    /// <param name="t">Times, sorted ascending.</param>
    public static CandidatePairs Build(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> t, double distanceCutoff, double timeCutoff, int maxParents)
    {
        var n = t.Length;
        var start = new int[n + 1];
        if (n == 0)
        {
            return new CandidatePairs(start, []);
        }

        double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            minX = Math.Min(minX, x[i]);
            maxX = Math.Max(maxX, x[i]);
            minY = Math.Min(minY, y[i]);
            maxY = Math.Max(maxY, y[i]);
        }

        var size = distanceCutoff;
        var cols = Math.Max(1, (int)((maxX - minX) / size) + 1);
        var rows = Math.Max(1, (int)((maxY - minY) / size) + 1);
        if ((long)cols * rows > 16_000_000)
        {
            size = Math.Max(maxX - minX, maxY - minY) / 4000;
            cols = Math.Max(1, (int)((maxX - minX) / size) + 1);
            rows = Math.Max(1, (int)((maxY - minY) / size) + 1);
        }

        // Bucket membership in compressed rows; incidents enter in index order, which is time order.
        var bucketOf = new int[n];
        var bucketStart = new int[(cols * rows) + 1];
        for (var i = 0; i < n; i++)
        {
            var bc = Math.Min(cols - 1, (int)((x[i] - minX) / size));
            var br = Math.Min(rows - 1, (int)((y[i] - minY) / size));
            bucketOf[i] = (br * cols) + bc;
            bucketStart[bucketOf[i] + 1]++;
        }

        for (var b = 0; b < cols * rows; b++)
        {
            bucketStart[b + 1] += bucketStart[b];
        }

        var members = new int[n];
        var fill = (int[])bucketStart.Clone();
        for (var i = 0; i < n; i++)
        {
            members[fill[bucketOf[i]]++] = i;
        }

        var reach = (int)Math.Ceiling(distanceCutoff / size);
        var cut2 = distanceCutoff * distanceCutoff;
        var parents = new List<int>(n * 4);
        var found = new List<int>(maxParents * 4);
        for (var i = 0; i < n; i++)
        {
            found.Clear();
            var bc = bucketOf[i] % cols;
            var br = bucketOf[i] / cols;
            var earliest = t[i] - timeCutoff;
            for (var r = Math.Max(0, br - reach); r <= Math.Min(rows - 1, br + reach); r++)
            {
                for (var c = Math.Max(0, bc - reach); c <= Math.Min(cols - 1, bc + reach); c++)
                {
                    var b = (r * cols) + c;
                    int lo = bucketStart[b], hi = bucketStart[b + 1];
                    while (lo < hi)
                    {
                        var mid = (lo + hi) >>> 1;
                        if (t[members[mid]] < earliest)
                        {
                            lo = mid + 1;
                        }
                        else
                        {
                            hi = mid;
                        }
                    }

                    for (var k = lo; k < bucketStart[b + 1]; k++)
                    {
                        var j = members[k];
                        if (t[j] >= t[i])
                        {
                            break;
                        }

                        var dx = x[i] - x[j];
                        var dy = y[i] - y[j];
                        if ((dx * dx) + (dy * dy) <= cut2)
                        {
                            found.Add(j);
                        }
                    }
                }
            }

            if (found.Count > maxParents)
            {
                // Keep the most recent parents: the exponential kernel gives older ones the least weight.
                found.Sort();
                found.RemoveRange(0, found.Count - maxParents);
            }

            parents.AddRange(found);
            start[i + 1] = parents.Count;
        }

        return new CandidatePairs(start, [.. parents]);
    }
}
