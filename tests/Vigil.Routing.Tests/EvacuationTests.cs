using Vigil.Routing.Analysis;
using Vigil.Routing.Geo;
using Vigil.Routing.Search;

namespace Vigil.Routing.Tests;

public sealed class EvacuationTests
{
    // Lattice (row, column), 0.001° apart. Row 0: A(0,0) – B(0,2) – C(0,4) – S(0,6); detour A – D(3,0) – E(3,6) – S.
    // The hazard is a U around A and C with a notch that leaves B outside, so A→B→C→S leaves the hazard and comes back.
    // Stubs at A, B and C keep them junctions.
    private static NetworkBuilder UNetwork() => new NetworkBuilder()
        .Node(1, 0, 0).Node(2, 0, 2).Node(3, 0, 4).Node(4, 0, 6).Node(5, 3, 0).Node(6, 3, 6)
        .Node(7, 0.3, 2).Node(8, -0.5, 4).Node(9, 0, -0.5)
        .Way(1, "highway=residential", 1, 2).Way(2, "highway=residential", 2, 3).Way(3, "highway=residential", 3, 4)
        .Way(4, "highway=residential", 1, 5).Way(5, "highway=residential", 5, 6).Way(6, "highway=residential", 6, 4)
        .Way(7, "highway=residential", 2, 7).Way(8, "highway=residential", 3, 8).Way(9, "highway=residential", 1, 9);

    private static GeoPolygon UHazard(NetworkBuilder n) => new(
    [
        n.At(-1, -1), n.At(1, -1), n.At(1, 5), n.At(-1, 5), n.At(-1, 3), n.At(0.5, 3), n.At(0.5, 1), n.At(-1, 1), n.At(-1, -1),
    ]);

    [Fact]
    public void Evacuation_route_does_not_reenter_the_hazard()
    {
        var network = UNetwork();
        var engine = RoutingEngine.Create(network.Import().Graph);
        var shelter = network.At(0, 6);

        // Without the hazard the shortest way from A runs back in through C: the planner must not take it.
        var unconstrained = RouteHelpers.RouteBetween(engine, network.At(0, 0), shelter);
        Assert.Contains(2L, RouteHelpers.Ways(engine.Graph, unconstrained));

        var plan = new EvacuationPlanner(engine).Plan(UHazard(network), [shelter]);

        Assert.Empty(plan.Unreachable);
        Assert.Empty(plan.UnusableShelters);
        var fromA = Assert.Single(plan.Routes, r => r.Position == network.At(0, 0));
        var ways = RouteHelpers.Ways(engine.Graph, fromA.Route);
        Assert.DoesNotContain(2L, ways);
        Assert.Contains(5L, ways);
        Assert.Contains(6L, ways);
        Assert.True(fromA.Route.DurationMs > unconstrained.DurationMs);
        Assert.True(GeoMath.HaversineMeters(shelter, fromA.Route.Geometry[^1]) < 0.5);

        var fromC = Assert.Single(plan.Routes, r => r.Position == network.At(0, 4));
        Assert.Equal(3L, RouteHelpers.Ways(engine.Graph, fromC.Route)[^1]);
        Assert.Equal(plan.Routes.Count, plan.ShelterLoads[0]);
    }

    [Fact]
    public void Every_node_inside_goes_to_its_nearest_shelter_and_stays_out_once_out()
    {
        var engine = CchCorrectnessTests.Grid(20, 20);
        var graph = engine.Graph;
        var centre = graph.NodePosition(0);
        var corner = graph.NodePosition(graph.NodeCount - 1);
        var midLat = (centre.Lat + corner.Lat) / 2;
        var midLon = (centre.Lon + corner.Lon) / 2;
        const double half = 0.002;
        var hazard = new GeoPolygon(
        [
            new(midLat - half, midLon - half), new(midLat - half, midLon + half), new(midLat + half, midLon + half), new(midLat + half, midLon - half),
        ]);
        GeoPoint[] shelters = [new(midLat, centre.Lon), new(midLat, corner.Lon), new(midLat, midLon)];

        var plan = new EvacuationPlanner(engine).Plan(hazard, shelters);

        Assert.True(plan.NodesInside > 10);
        Assert.Equal(plan.NodesInside, plan.Routes.Count + plan.Unreachable.Count);
        Assert.Empty(plan.Unreachable);
        Assert.Equal([2], plan.UnusableShelters);
        Assert.Equal(0, plan.ShelterLoads[2]);
        Assert.Equal(plan.Routes.Count, plan.ShelterLoads[0] + plan.ShelterLoads[1]);

        var dijkstra = new DijkstraRouter(graph);
        foreach (var evacuee in plan.Routes)
        {
            // Avoiding the hazard can only cost time; and no other shelter is reachable faster even without avoiding it
            // by more than the detour, so compare with the unconstrained times to each shelter.
            Assert.True(engine.TrySnap(evacuee.Position, out var start, 1));
            Assert.True(engine.TrySnap(shelters[evacuee.Shelter], out var chosen));
            Assert.True(evacuee.Route.DurationMs >= dijkstra.DurationMs(start, chosen, engine.Metric.ArcWeightsMs));

            var left = false;
            foreach (var point in evacuee.Route.Geometry)
            {
                var isInside = hazard.Contains(point);
                Assert.False(left && isInside, $"route from node {evacuee.Node} re-enters the hazard at {point}");
                left |= !isInside;
            }
        }

        Assert.True(plan.MaxSeconds >= plan.MeanSeconds);
        Assert.True(plan.MeanSeconds > 0);
    }

    [Fact]
    public void Closed_exits_leave_nodes_unreachable()
    {
        // A dead-end street inside the hazard whose only link to the rest is closed by traffic.
        var network = new NetworkBuilder()
            .Node(1, 0, 0).Node(2, 0, 2).Node(3, 0, 4).Node(4, 2, 4)
            .Way(1, "highway=residential", 1, 2).Way(2, "highway=residential", 2, 3).Way(3, "highway=residential", 3, 4);
        var engine = RoutingEngine.Create(network.Import().Graph);
        Assert.True(engine.TrySnap(network.At(0, 1), out var link));
        engine.ApplySpeeds([new Traffic.EdgeSpeed(link.Edge, 0)]);
        var hazard = new GeoPolygon([network.At(-1, -1), network.At(1, -1), network.At(1, 1), network.At(-1, 1)]);

        var plan = new EvacuationPlanner(engine).Plan(hazard, [network.At(2, 4)]);

        Assert.Equal(1, plan.NodesInside);
        Assert.Empty(plan.Routes);
        Assert.Single(plan.Unreachable);
    }
}
