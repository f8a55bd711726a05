using Vigil.Routing.Graph;

namespace Vigil.Routing.Cch;

/// <summary>
/// The metric-independent part of a customizable contraction hierarchy (Dibbelt, Strasser, Wagner 2016):
/// the turn graph's vertices renumbered by rank and completed to a chordal graph by eliminating them in rank order.
/// Vertex ids here are ranks; <see cref="UpFirst"/>/<see cref="UpHead"/> list each vertex's higher neighbours in
/// ascending order, and the lowest of them is the vertex's parent in the elimination tree.
/// </summary>
public sealed class CchTopology
{
    internal readonly int[] RankOfArc;
    internal readonly int[] ArcOfRank;
    internal readonly int[] UpFirst;
    internal readonly int[] UpHead;
    internal readonly int[] Parent;

    /// <summary>The lower end of each upward arc (the vertex whose list holds it).</summary>
    internal readonly int[] Lower;

    /// <summary>For each turn of the road graph: the CCH arc carrying it, times two, plus 1 when it runs downwards.</summary>
    internal readonly int[] TurnSlot;

    private CchTopology(int[] rankOfArc, int[] arcOfRank, int[] upFirst, int[] upHead, int[] parent, int[] turnSlot)
    {
        RankOfArc = rankOfArc;
        ArcOfRank = arcOfRank;
        UpFirst = upFirst;
        UpHead = upHead;
        Parent = parent;
        TurnSlot = turnSlot;
        Lower = new int[upHead.Length];
        for (var v = 0; v < arcOfRank.Length; v++)
        {
            Array.Fill(Lower, v, upFirst[v], upFirst[v + 1] - upFirst[v]);
        }
    }

    public int VertexCount => ArcOfRank.Length;

    /// <summary>Upward arcs, original and shortcut; the size of every customisation.</summary>
    public int ArcCount => UpHead.Length;

    /// <summary>Longest path from a vertex to the root of the elimination tree: the work bound of one query side.</summary>
    public int EliminationTreeHeight { get; private init; }

    /// <summary>Eliminates the vertices of the turn graph in the order <paramref name="rankOfArc"/>.</summary>
    public static CchTopology Build(RoadGraph graph, int[] rankOfArc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(rankOfArc);
        var n = graph.ArcCount;
        if (rankOfArc.Length != n)
        {
            throw new ArgumentException("The order must rank every arc of the graph.", nameof(rankOfArc));
        }

        var arcOfRank = new int[n];
        Array.Fill(arcOfRank, -1);
        for (var a = 0; a < n; a++)
        {
            var r = rankOfArc[a];
            if ((uint)r >= (uint)n || arcOfRank[r] >= 0)
            {
                throw new ArgumentException("The order is not a permutation of the arcs.", nameof(rankOfArc));
            }

            arcOfRank[r] = a;
        }

        var up = new List<int>[n];
        for (var v = 0; v < n; v++)
        {
            up[v] = [];
        }

        for (var a = 0; a < n; a++)
        {
            var ra = rankOfArc[a];
            foreach (var b in graph.TurnsFrom(a))
            {
                var rb = rankOfArc[b];
                if (ra < rb)
                {
                    up[ra].Add(rb);
                }
                else if (rb < ra)
                {
                    up[rb].Add(ra);
                }
            }
        }

        // Elimination game: a vertex's higher neighbours become a clique; adding them to the lowest one (the
        // elimination-tree parent) is enough, because the parent passes them on when it is eliminated itself.
        var parent = new int[n];
        var upFirst = new int[n + 1];
        var total = 0;
        for (var v = 0; v < n; v++)
        {
            if ((v & 8191) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var list = up[v];
            list.Sort();
            var write = 0;
            for (var i = 0; i < list.Count; i++)
            {
                if (i == 0 || list[i] != list[i - 1])
                {
                    list[write++] = list[i];
                }
            }

            list.RemoveRange(write, list.Count - write);
            total += list.Count;
            upFirst[v + 1] = total;
            if (list.Count == 0)
            {
                parent[v] = -1;
                continue;
            }

            var p = list[0];
            parent[v] = p;
            var target = up[p];
            for (var i = 1; i < list.Count; i++)
            {
                target.Add(list[i]);
            }
        }

        var upHead = new int[total];
        for (var v = 0; v < n; v++)
        {
            up[v].CopyTo(upHead, upFirst[v]);
            up[v] = null!;
        }

        var height = 0;
        var depth = new int[n];
        for (var v = n - 1; v >= 0; v--)
        {
            depth[v] = parent[v] < 0 ? 1 : depth[parent[v]] + 1;
            height = Math.Max(height, depth[v]);
        }

        var turnSlot = new int[graph.TurnCount];
        for (var a = 0; a < n; a++)
        {
            var ra = rankOfArc[a];
            var first = graph.TurnFirst[a];
            var turns = graph.TurnsFrom(a);
            for (var i = 0; i < turns.Length; i++)
            {
                var rb = rankOfArc[turns[i]];
                turnSlot[first + i] = ra < rb
                    ? FindArc(upFirst, upHead, ra, rb) << 1
                    : rb < ra ? (FindArc(upFirst, upHead, rb, ra) << 1) | 1 : -1;
            }
        }

        return new CchTopology(rankOfArc, arcOfRank, upFirst, upHead, parent, turnSlot) { EliminationTreeHeight = height };
    }

    /// <summary>The index of the upward arc from <paramref name="lower"/> to <paramref name="upper"/>, or -1.</summary>
    internal int FindArc(int lower, int upper) => FindArc(UpFirst, UpHead, lower, upper);

    private static int FindArc(int[] upFirst, int[] upHead, int lower, int upper)
    {
        var index = Array.BinarySearch(upHead, upFirst[lower], upFirst[lower + 1] - upFirst[lower], upper);
        return index < 0 ? -1 : index;
    }
}
