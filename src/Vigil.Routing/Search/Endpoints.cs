using Vigil.Routing.Graph;
using Vigil.Routing.Snapping;

namespace Vigil.Routing.Search;

/// <summary>
/// How a snapped point enters and leaves the turn graph, shared by every algorithm so that they agree to the
/// millisecond. A vertex of the turn graph stands for "about to drive arc a"; a turn a→b costs w(a) + turn cost.
/// A start part-way along arc a first drives the rest of it, then takes a turn: its seeds are the turn targets.
/// An end part-way along arc b is reached at vertex b plus the part of b up to the point.
/// </summary>
internal static class Endpoints
{
    /// <summary>Both arcs of the snapped edge that exist, with the point's position along each (0 = tail, 1 = head).</summary>
    public static int Positions(RoadGraph graph, SnapPoint snap, Span<(int Arc, double Along)> positions)
    {
        var count = 0;
        var forward = graph.EdgeArc(snap.Edge, reversed: false);
        if (forward >= 0)
        {
            positions[count++] = (forward, snap.Fraction);
        }

        var backward = graph.EdgeArc(snap.Edge, reversed: true);
        if (backward >= 0)
        {
            positions[count++] = (backward, 1 - snap.Fraction);
        }

        return count;
    }

    public static int Part(int weight, double fraction) => (int)Math.Round(weight * fraction);

    /// <summary>Forward seeds of a start point; returns how many were written (a point has at most 2 arcs × turns).</summary>
    public static int Sources(RoadGraph graph, ReadOnlySpan<int> weights, SnapPoint from, Span<Seed> seeds)
    {
        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        var count = 0;
        var n = Positions(graph, from, positions);
        for (var i = 0; i < n; i++)
        {
            var (arc, along) = positions[i];
            var rest = Part(weights[arc], 1 - along);
            var turns = graph.TurnsFrom(arc);
            var costs = graph.TurnCostsFrom(arc);
            for (var k = 0; k < turns.Length && count < seeds.Length; k++)
            {
                count = AddOrLower(seeds, count, new Seed(turns[k], rest + costs[k], arc));
            }
        }

        return count;
    }

    /// <summary>Backward seeds of an end point: each arc of its edge with the cost of driving it up to the point.</summary>
    public static int Targets(RoadGraph graph, ReadOnlySpan<int> weights, SnapPoint to, Span<Seed> seeds)
    {
        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        var n = Positions(graph, to, positions);
        for (var i = 0; i < n; i++)
        {
            seeds[i] = new Seed(positions[i].Arc, Part(weights[positions[i].Arc], positions[i].Along), positions[i].Arc);
        }

        return n;
    }

    /// <summary>The cost of driving straight from one point to another on the same arc, or infinity.</summary>
    public static int Direct(RoadGraph graph, ReadOnlySpan<int> weights, SnapPoint from, SnapPoint to, out int arc)
    {
        arc = -1;
        if (from.Edge != to.Edge)
        {
            return Cch.CchMetric.Infinity;
        }

        Span<(int Arc, double Along)> positions = stackalloc (int, double)[2];
        Span<(int Arc, double Along)> ends = stackalloc (int, double)[2];
        var n = Positions(graph, from, positions);
        Positions(graph, to, ends);
        var best = Cch.CchMetric.Infinity;
        for (var i = 0; i < n; i++)
        {
            if (ends[i].Along >= positions[i].Along)
            {
                var cost = Part(weights[positions[i].Arc], ends[i].Along) - Part(weights[positions[i].Arc], positions[i].Along);
                if (cost < best)
                {
                    best = cost;
                    arc = positions[i].Arc;
                }
            }
        }

        return best;
    }

    private static int AddOrLower(Span<Seed> seeds, int count, Seed seed)
    {
        for (var i = 0; i < count; i++)
        {
            if (seeds[i].Arc == seed.Arc)
            {
                if (seed.Offset < seeds[i].Offset)
                {
                    seeds[i] = seed;
                }

                return count;
            }
        }

        seeds[count] = seed;
        return count + 1;
    }
}
