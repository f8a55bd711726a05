using Vigil.Forecasting.Grid;

namespace Vigil.Forecasting.Evaluation;

/// <summary>Ranks a grid's city cells by score, best first, and scores the top k against observed counts.</summary>
public static class HotspotRanking
{
    /// <summary>Writes the city cells into <paramref name="order"/> (length = inside cells), highest score first; ties keep cell order.</summary>
    public static void Rank(ForecastGrid grid, ReadOnlySpan<double> scores, Span<int> order, Span<double> keys)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var inside = grid.InsideCells;
        for (var i = 0; i < inside.Length; i++)
        {
            order[i] = inside[i];

            // Negated so that an ascending sort puts the highest score first.
            keys[i] = -scores[inside[i]];
        }

        keys[..inside.Length].Sort(order[..inside.Length]);
        StabiliseTies(keys[..inside.Length], order[..inside.Length]);
    }

    /// <summary>Counts per cell of the incidents in [fromDay, toDay).</summary>
    public static int CountCells(Data.IncidentSet incidents, ForecastGrid grid, double fromDay, double toDay, Span<int> counts)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        ArgumentNullException.ThrowIfNull(grid);
        counts.Clear();
        var a = incidents.LowerBound(fromDay);
        var b = incidents.LowerBound(toDay);
        var x = incidents.X;
        var y = incidents.Y;
        var total = 0;
        for (var i = a; i < b; i++)
        {
            var cell = grid.CellOf(x[i], y[i]);
            if (cell >= 0 && grid.IsInside(cell))
            {
                counts[cell]++;
                total++;
            }
        }

        return total;
    }

    /// <summary>The score of flagging the first k cells of <paramref name="order"/>.</summary>
    public static HotspotScore Score(ForecastGrid grid, ReadOnlySpan<int> order, ReadOnlySpan<int> counts, ReadOnlySpan<int> bestCounts, int k, int total)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var captured = 0;
        for (var i = 0; i < k; i++)
        {
            captured += counts[order[i]];
        }

        var best = 0;
        for (var i = 0; i < k && i < bestCounts.Length; i++)
        {
            best += bestCounts[i];
        }

        return new HotspotScore(captured, total, best, k * grid.CellArea, grid.InsideArea);
    }

    /// <summary>Observed counts of the city cells sorted descending (for PEI's n*).</summary>
    public static int[] SortedCounts(ForecastGrid grid, ReadOnlySpan<int> counts)
    {
        ArgumentNullException.ThrowIfNull(grid);
        var inside = grid.InsideCells;
        var sorted = new int[inside.Length];
        for (var i = 0; i < inside.Length; i++)
        {
            sorted[i] = counts[inside[i]];
        }

        sorted.AsSpan().Sort((p, q) => q.CompareTo(p));
        return sorted;
    }

    private static void StabiliseTies(Span<double> keys, Span<int> order)
    {
        // Span.Sort is unstable; within runs of equal scores restore cell order so results do not depend on the sort.
        var i = 0;
        while (i < keys.Length)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i])
            {
                j++;
            }

            if (j - i > 1)
            {
                order[i..j].Sort();
            }

            i = j;
        }
    }
}
