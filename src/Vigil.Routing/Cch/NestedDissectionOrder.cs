using Vigil.Routing.Graph;

namespace Vigil.Routing.Cch;

/// <summary>
/// A contraction order for the customizable contraction hierarchy by geometric nested dissection: each cell is cut
/// by the straight line (4 directions, 5 balance points) whose boundary vertices form the smallest separator; the
/// separator is ranked above both halves, which are ordered recursively. This is the idea of inertial flow
/// (Schild and Sommer 2015, "On balanced separators in road networks") without its max-flow refinement;
/// Dibbelt, Strasser and Wagner (2016, "Customizable contraction hierarchies", JEA 21) show that the metric-
/// independent order only needs small balanced separators, which road networks have because they are near-planar.
/// Disconnected parts of a cell are ordered independently with no separator at all.
/// </summary>
public static class NestedDissectionOrder
{
    private const int LeafSize = 4;
    private static readonly double[] SplitPoints = [0.5, 0.4, 0.6, 0.45, 0.55];

    /// <summary>Returns the rank of each arc of <paramref name="graph"/> (0 = contracted first).</summary>
    public static int[] Compute(RoadGraph graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var n = graph.ArcCount;
        var (first, adjacent) = UndirectedTurnGraph(graph);
        var x = new double[n];
        var y = new double[n];
        for (var a = 0; a < n; a++)
        {
            var tail = graph.NodePosition(graph.ArcTail(a));
            var head = graph.NodePosition(graph.ArcHead(a));
            var lat = (tail.Lat + head.Lat) / 2;
            y[a] = lat;
            x[a] = ((tail.Lon + head.Lon) / 2) * Math.Cos(lat * Math.PI / 180);
        }

        var perm = new int[n];
        for (var i = 0; i < n; i++)
        {
            perm[i] = i;
        }

        var rank = new int[n];
        var cell = new int[n];
        var side = new int[n];
        var queue = new int[n];
        var keys = new double[n];
        var scratch = new int[n];
        var bestPerm = new int[n];
        var cellStamp = 0;
        var cells = new Stack<(int Start, int Count)>();
        cells.Push((0, n));

        while (cells.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (start, count) = cells.Pop();
            if (count <= LeafSize)
            {
                for (var i = 0; i < count; i++)
                {
                    rank[perm[start + i]] = start + i;
                }

                continue;
            }

            var segment = perm.AsSpan(start, count);
            cellStamp++;
            foreach (var v in segment)
            {
                cell[v] = cellStamp;
            }

            // Components first: a disconnected cell needs no separator.
            var components = SplitComponents(segment, first, adjacent, cell, cellStamp, side, queue, scratch);
            if (components > 1)
            {
                var at = start;
                for (var c = 0; c < components; c++)
                {
                    var begin = at;
                    while (at < start + count && side[perm[at]] == c + 1)
                    {
                        at++;
                    }

                    cells.Push((begin, at - begin));
                }

                continue;
            }

            var bestSeparator = int.MaxValue;
            var bestSplit = 0;
            var bestSeparatorOnLeft = true;
            for (var direction = 0; direction < 4; direction++)
            {
                var angle = direction * Math.PI / 4;
                var cos = Math.Cos(angle);
                var sin = Math.Sin(angle);
                for (var i = 0; i < count; i++)
                {
                    var v = segment[i];
                    keys[start + i] = (x[v] * cos) + (y[v] * sin);
                }

                Array.Sort(keys, perm, start, count);
                foreach (var fraction in SplitPoints)
                {
                    var split = Math.Clamp((int)(count * fraction), 1, count - 1);
                    for (var i = 0; i < count; i++)
                    {
                        side[segment[i]] = i < split ? 1 : 2;
                    }

                    var (leftBoundary, rightBoundary) = CountBoundaries(segment, first, adjacent, cell, cellStamp, side);
                    var separator = Math.Min(leftBoundary, rightBoundary);
                    if (separator < bestSeparator)
                    {
                        bestSeparator = separator;
                        bestSplit = split;
                        bestSeparatorOnLeft = leftBoundary <= rightBoundary;
                        segment.CopyTo(bestPerm.AsSpan(start, count));
                    }
                }
            }

            bestPerm.AsSpan(start, count).CopyTo(segment);
            for (var i = 0; i < count; i++)
            {
                side[segment[i]] = i < bestSplit ? 1 : 2;
            }

            // Separator = boundary vertices of the chosen side; arrange as [left rest | right rest | separator].
            var separatorSide = bestSeparatorOnLeft ? 1 : 2;
            var leftCount = 0;
            var rightCount = 0;
            var separatorCount = 0;
            foreach (var v in segment)
            {
                var isSeparator = side[v] == separatorSide && HasNeighbourOnOtherSide(v, first, adjacent, cell, cellStamp, side);
                if (isSeparator)
                {
                    separatorCount++;
                }
                else if (side[v] == 1)
                {
                    leftCount++;
                }
                else
                {
                    rightCount++;
                }
            }

            int li = 0, ri = leftCount, si = leftCount + rightCount;
            foreach (var v in segment)
            {
                var isSeparator = side[v] == separatorSide && HasNeighbourOnOtherSide(v, first, adjacent, cell, cellStamp, side);
                if (isSeparator)
                {
                    scratch[si++] = v;
                }
                else if (side[v] == 1)
                {
                    scratch[li++] = v;
                }
                else
                {
                    scratch[ri++] = v;
                }
            }

            scratch.AsSpan(0, count).CopyTo(segment);
            for (var i = leftCount + rightCount; i < count; i++)
            {
                rank[segment[i]] = start + i;
            }

            if (leftCount > 0)
            {
                cells.Push((start, leftCount));
            }

            if (rightCount > 0)
            {
                cells.Push((start + leftCount, rightCount));
            }
        }

        return rank;
    }

    /// <summary>Labels the components of the cell in <paramref name="side"/> (1..k) and groups the segment by label.</summary>
    private static int SplitComponents(Span<int> segment, int[] first, int[] adjacent, int[] cell, int stamp, int[] side, int[] queue, int[] scratch)
    {
        foreach (var v in segment)
        {
            side[v] = 0;
        }

        var components = 0;
        foreach (var root in segment)
        {
            if (side[root] != 0)
            {
                continue;
            }

            components++;
            side[root] = components;
            int head = 0, tail = 0;
            queue[tail++] = root;
            while (head < tail)
            {
                var v = queue[head++];
                for (var i = first[v]; i < first[v + 1]; i++)
                {
                    var w = adjacent[i];
                    if (cell[w] == stamp && side[w] == 0)
                    {
                        side[w] = components;
                        queue[tail++] = w;
                    }
                }
            }
        }

        if (components > 1)
        {
            var counts = new int[components + 1];
            foreach (var v in segment)
            {
                counts[side[v]]++;
            }

            var offsets = new int[components + 1];
            for (var c = 2; c <= components; c++)
            {
                offsets[c] = offsets[c - 1] + counts[c - 1];
            }

            foreach (var v in segment)
            {
                scratch[offsets[side[v]]++] = v;
            }

            scratch.AsSpan(0, segment.Length).CopyTo(segment);
        }

        return components;
    }

    private static (int Left, int Right) CountBoundaries(ReadOnlySpan<int> segment, int[] first, int[] adjacent, int[] cell, int stamp, int[] side)
    {
        var left = 0;
        var right = 0;
        foreach (var v in segment)
        {
            if (HasNeighbourOnOtherSide(v, first, adjacent, cell, stamp, side))
            {
                if (side[v] == 1)
                {
                    left++;
                }
                else
                {
                    right++;
                }
            }
        }

        return (left, right);
    }

    private static bool HasNeighbourOnOtherSide(int v, int[] first, int[] adjacent, int[] cell, int stamp, int[] side)
    {
        for (var i = first[v]; i < first[v + 1]; i++)
        {
            var w = adjacent[i];
            if (cell[w] == stamp && side[w] != side[v])
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The turn graph with directions dropped and duplicates removed, as CSR.</summary>
    internal static (int[] First, int[] Adjacent) UndirectedTurnGraph(RoadGraph graph)
    {
        var n = graph.ArcCount;
        var degree = new int[n + 1];
        for (var a = 0; a < n; a++)
        {
            foreach (var b in graph.TurnsFrom(a))
            {
                if (a != b)
                {
                    degree[a + 1]++;
                    degree[b + 1]++;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            degree[i + 1] += degree[i];
        }

        var adjacent = new int[degree[n]];
        var fill = new int[n];
        for (var a = 0; a < n; a++)
        {
            foreach (var b in graph.TurnsFrom(a))
            {
                if (a != b)
                {
                    adjacent[degree[a] + fill[a]++] = b;
                    adjacent[degree[b] + fill[b]++] = a;
                }
            }
        }

        // Sort and deduplicate each list in place, then compact.
        var first = new int[n + 1];
        var write = 0;
        for (var v = 0; v < n; v++)
        {
            var begin = degree[v];
            var end = degree[v + 1];
            Array.Sort(adjacent, begin, end - begin);
            first[v] = write;
            for (var i = begin; i < end; i++)
            {
                if (i == begin || adjacent[i] != adjacent[i - 1])
                {
                    adjacent[write++] = adjacent[i];
                }
            }
        }

        first[n] = write;
        return (first, adjacent.AsSpan(0, write).ToArray());
    }
}
