using Vigil.Routing;
using Vigil.Routing.Geo;
using Vigil.Routing.Snapping;

namespace Vigil.Cli.Commands.Routing;

/// <summary>Random road positions for checks and benchmarks: near a random junction, snapped to the graph.</summary>
internal static class RandomPairs
{
    // Jitter of about ±150 m around a junction, so that positions fall mid-segment as real addresses do.
    private const double JitterDegrees = 0.003;

    public static SnapPoint[] Snaps(RoutingEngine engine, int count, Random random)
    {
        var graph = engine.Graph;
        var snaps = new SnapPoint[count];
        var found = 0;
        while (found < count)
        {
            var node = graph.NodePosition(random.Next(graph.NodeCount));
            var point = new GeoPoint(node.Lat + ((random.NextDouble() - 0.5) * JitterDegrees), node.Lon + ((random.NextDouble() - 0.5) * JitterDegrees));
            if (engine.TrySnap(point, out var snap, 2000))
            {
                snaps[found++] = snap;
            }
        }

        return snaps;
    }
}
