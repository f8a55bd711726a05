using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Search;

namespace Vigil.Routing.Tests;

internal static class RouteHelpers
{
    public static Route RouteBetween(RoutingEngine engine, GeoPoint from, GeoPoint to)
    {
        Assert.True(engine.TrySnap(from, out var a), $"{from} did not snap");
        Assert.True(engine.TrySnap(to, out var b), $"{to} did not snap");
        var route = engine.CreateQuery().Route(engine.Metric, a, b);
        Assert.NotNull(route);
        var baseline = new DijkstraRouter(engine.Graph).DurationMs(a, b, engine.Metric.ArcWeightsMs);
        Assert.Equal(baseline, route.DurationMs);
        return route;
    }

    public static List<long> Ways(RoadGraph graph, Route route)
    {
        var ways = new List<long>();
        foreach (var arc in route.Arcs)
        {
            var way = graph.EdgeWay(graph.ArcEdge(arc));
            if (ways.Count == 0 || ways[^1] != way)
            {
                ways.Add(way);
            }
        }

        return ways;
    }
}
