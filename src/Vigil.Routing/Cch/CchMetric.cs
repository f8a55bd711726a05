using Vigil.Routing.Graph;

namespace Vigil.Routing.Cch;

/// <summary>
/// One customisation of a <see cref="CchTopology"/>: the weight of every upward arc in both directions, and the
/// middle vertex of each shortcut for path unpacking. Immutable once built, so queries may keep using an old
/// metric while a new one is customised; swapping the reference publishes live traffic at once.
/// </summary>
public sealed class CchMetric
{
    /// <summary>Unreachable. Twice this still fits in an int, so sums of two weights never overflow.</summary>
    public const int Infinity = int.MaxValue / 2;

    internal readonly int[] Up;
    internal readonly int[] Down;
    internal readonly int[] UpMiddle;
    internal readonly int[] DownMiddle;

    /// <summary>The arc travel times (ms) this metric was customised from; phantom offsets at snapped points use them.</summary>
    internal readonly int[] ArcWeights;

    private CchMetric(CchTopology topology, int[] arcWeights, int[] up, int[] down, int[] upMiddle, int[] downMiddle)
    {
        Topology = topology;
        ArcWeights = arcWeights;
        Up = up;
        Down = down;
        UpMiddle = upMiddle;
        DownMiddle = downMiddle;
    }

    public CchTopology Topology { get; }

    /// <summary>Arc travel times (ms) of this metric, for algorithms that run on the plain graph.</summary>
    public ReadOnlySpan<int> ArcWeightsMs => ArcWeights;

    /// <summary>
    /// Basic customisation (Dibbelt et al. 2016, section 5.1): seed the upward arcs with the turn weights, then
    /// relax every lower triangle in ascending order of its lowest vertex. Exact for any non-negative metric, so a
    /// change of weights never needs a new order or new shortcuts.
    /// </summary>
    /// <param name="arcWeights">Travel time of each road-graph arc in ms; a turn costs its source arc plus the turn cost.</param>
    public static CchMetric Customize(CchTopology topology, RoadGraph graph, int[] arcWeights)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(arcWeights);
        if (arcWeights.Length != graph.ArcCount || topology.VertexCount != graph.ArcCount)
        {
            throw new ArgumentException("Weights, graph and topology must describe the same arcs.", nameof(arcWeights));
        }

        var m = topology.ArcCount;
        var up = new int[m];
        var down = new int[m];
        var upMiddle = new int[m];
        var downMiddle = new int[m];
        Array.Fill(up, Infinity);
        Array.Fill(down, Infinity);
        Array.Fill(upMiddle, -1);
        Array.Fill(downMiddle, -1);

        var slots = topology.TurnSlot;
        var turnCost = graph.TurnCost;
        var turnFirst = graph.TurnFirst;
        for (var a = 0; a < arcWeights.Length; a++)
        {
            var w = arcWeights[a];
            if (w < 0 || w >= Infinity / 4)
            {
                throw new ArgumentOutOfRangeException(nameof(arcWeights), "Arc weights must be non-negative and finite.");
            }

            for (var t = turnFirst[a]; t < turnFirst[a + 1]; t++)
            {
                var slot = slots[t];
                if (slot < 0)
                {
                    continue;
                }

                var weight = w + turnCost[t];
                var arc = slot >> 1;
                if ((slot & 1) == 0)
                {
                    up[arc] = Math.Min(up[arc], weight);
                }
                else
                {
                    down[arc] = Math.Min(down[arc], weight);
                }
            }
        }

        var upFirst = topology.UpFirst;
        var upHead = topology.UpHead;
        var n = topology.VertexCount;
        for (var x = 0; x < n; x++)
        {
            var end = upFirst[x + 1];
            for (var i = upFirst[x]; i < end; i++)
            {
                var toLow = down[i];
                var fromLow = up[i];
                if (toLow >= Infinity && fromLow >= Infinity)
                {
                    continue;
                }

                var u = upHead[i];
                var p = upFirst[u];
                for (var j = i + 1; j < end; j++)
                {
                    var w = upHead[j];

                    // Chordality guarantees the arc u-w exists, and both lists are sorted: a merge finds it.
                    while (upHead[p] != w)
                    {
                        p++;
                    }

                    var viaUp = toLow + up[j];
                    if (viaUp < up[p])
                    {
                        up[p] = viaUp;
                        upMiddle[p] = x;
                    }

                    var viaDown = down[j] + fromLow;
                    if (viaDown < down[p])
                    {
                        down[p] = viaDown;
                        downMiddle[p] = x;
                    }
                }
            }
        }

        return new CchMetric(topology, arcWeights, up, down, upMiddle, downMiddle);
    }
}
