namespace Vigil.Anomaly.Nab;

/// <summary>
/// Chooses the one threshold per profile that maximises the corpus raw score. Where NAB's optimiser hill-climbs,
/// this sweeps every distinct score exactly: rows are taken in decreasing score order and the corpus total is
/// updated incrementally (a window's value is its best detection so far), so the sweep is O(n log n).
/// </summary>
public static class NabThresholdSweep
{
    /// <summary>The best threshold (a row is a detection when its score is at least this) and its corpus raw score.</summary>
    public static (double Threshold, double RawScore) FindBest(IReadOnlyList<NabScoredFile> files, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(profile);

        var rowCount = 0;
        var windowCount = 0;
        foreach (var file in files)
        {
            rowCount += file.Layout.RowCount - file.Layout.ProbationaryRows;
            windowCount += file.Layout.WindowCount;
        }

        var keys = new double[rowCount];
        var window = new int[rowCount];
        var value = new double[rowCount];
        var order = new int[rowCount];
        var at = 0;
        var windowBase = 0;
        foreach (var file in files)
        {
            var layout = file.Layout;
            var windows = layout.WindowOfRow;
            var positions = layout.PositionValue;
            for (var i = layout.ProbationaryRows; i < layout.RowCount; i++)
            {
                keys[at] = -file.Scores[i];
                window[at] = windows[i] < 0 ? -1 : windowBase + windows[i];
                value[at] = positions[i];
                order[at] = at;
                at++;
            }

            windowBase += layout.WindowCount;
        }

        Array.Sort(keys, order);

        var best = new double[windowCount];
        Array.Fill(best, double.NaN);
        var total = -profile.FnWeight * windowCount;
        var bestTotal = total;
        var bestThreshold = double.PositiveInfinity;
        var k = 0;
        while (k < rowCount)
        {
            var threshold = -keys[k];
            while (k < rowCount && -keys[k] == threshold)
            {
                var row = order[k];
                var w = window[row];
                if (w < 0)
                {
                    total += profile.FpWeight * value[row];
                }
                else if (double.IsNaN(best[w]))
                {
                    total += profile.FnWeight + (profile.TpWeight * value[row]);
                    best[w] = value[row];
                }
                else if (value[row] > best[w])
                {
                    total += profile.TpWeight * (value[row] - best[w]);
                    best[w] = value[row];
                }

                k++;
            }

            if (total > bestTotal)
            {
                bestTotal = total;
                bestThreshold = threshold;
            }
        }

        return (bestThreshold, bestTotal);
    }

    /// <summary>
    /// NAB's normalisation: 100 * (S - S_null) / (S_perfect - S_null), where the null detector misses every window
    /// and the perfect one detects each at its left edge.
    /// </summary>
    public static double Normalise(double raw, int windowCount, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var nullScore = -profile.FnWeight * windowCount;
        var perfect = profile.TpWeight * windowCount;
        return perfect == nullScore ? 0 : 100.0 * (raw - nullScore) / (perfect - nullScore);
    }
}
