using System.Globalization;
using Vigil.Routing.Cch;
using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Import;
using Vigil.Routing.Search;
using Vigil.Routing.Snapping;
using Vigil.Testing;

namespace Vigil.Routing.Tests;

/// <summary>
/// The CCH must return exactly the travel time of plain Dijkstra for every pair (the issue asks 10,000 pairs per city;
/// CI runs <see cref="DefaultPairs"/> and VIGIL_ROUTING_PAIRS=10000 runs the full check, as does <c>vigil route check</c>).
/// </summary>
public sealed class CchCorrectnessTests
{
    private const int DefaultPairs = 2000;

    private static int Pairs =>
        int.TryParse(Environment.GetEnvironmentVariable("VIGIL_ROUTING_PAIRS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultPairs;

    [DataFact("osm/monaco.osm.pbf")]
    public void Cch_equals_dijkstra_on_monaco() => CheckCity("monaco.osm.pbf");

    [DataFact("osm/andorra.osm.pbf")]
    public void Cch_equals_dijkstra_on_andorra() => CheckCity("andorra.osm.pbf");

    [DataFact("osm/porto.osm.pbf")]
    public void Cch_equals_dijkstra_on_porto() => CheckCity("porto.osm.pbf");

    [DataFact("osm/munchen.osm.pbf")]
    public void Cch_equals_dijkstra_on_munchen() => CheckCity("munchen.osm.pbf");

    [DataFact("osm/malta-latest.osm.pbf")]
    public void Cch_equals_dijkstra_on_malta() => CheckCity("malta-latest.osm.pbf");

    private static void CheckCity(string file)
    {
        using var stream = File.OpenRead(TestData.PathTo(Path.Combine("osm", file)));
        var graph = new OsmRoadGraphImporter(new CarProfile()).Import(stream).Graph;
        var engine = RoutingEngine.Create(graph);

        var mismatches = CompareWithDijkstra(engine, engine.Metric, Pairs, seed: file.Length);
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Cch_equals_dijkstra_after_live_speed_changes()
    {
        var engine = Grid(30, 30);
        var random = new Random(7);
        var speeds = new Traffic.EdgeSpeed[200];
        for (var i = 0; i < speeds.Length; i++)
        {
            speeds[i] = new Traffic.EdgeSpeed(random.Next(engine.Graph.EdgeCount), i % 10 == 0 ? 0 : 3 + (random.NextDouble() * 100));
        }

        engine.ApplySpeeds(speeds);
        Assert.Equal(0, CompareWithDijkstra(engine, engine.Metric, 1500, seed: 3));
    }

    [Fact]
    public void Cch_unpacked_route_is_a_legal_drive_with_the_reported_duration()
    {
        var engine = Grid(25, 25);
        var query = engine.CreateQuery();
        var snaps = RandomSnaps(engine, 400, new Random(11));
        for (var i = 0; i < snaps.Count; i += 2)
        {
            var route = query.Route(engine.Metric, snaps[i], snaps[i + 1]);
            Assert.NotNull(route);
            var weights = engine.Metric.ArcWeightsMs;
            if (route.Arcs.Count == 1)
            {
                continue;
            }

            // Reported duration = rest of first arc + full middle arcs and turns + part of last arc.
            long total = Endpoints.Part(weights[route.Arcs[0]], 1 - Along(engine.Graph, route.Arcs[0], snaps[i]));
            for (var k = 1; k < route.Arcs.Count; k++)
            {
                var turns = engine.Graph.TurnsFrom(route.Arcs[k - 1]);
                var index = turns.IndexOf(route.Arcs[k]);
                Assert.True(index >= 0, "consecutive arcs must be joined by an allowed turn");
                total += engine.Graph.TurnCostsFrom(route.Arcs[k - 1])[index];
                total += k < route.Arcs.Count - 1 ? weights[route.Arcs[k]] : Endpoints.Part(weights[route.Arcs[k]], Along(engine.Graph, route.Arcs[k], snaps[i + 1]));
            }

            Assert.Equal(route.DurationMs, total);
            Assert.Equal(snaps[i].Point, route.Geometry[0]);
            Assert.Equal(snaps[i + 1].Point, route.Geometry[^1]);
        }
    }

    [Fact]
    public void Unreachable_target_gives_no_route()
    {
        // Two points on the same oneway arc, the target behind the start, on a graph with no way back: the single oneway loop.
        var network = new NetworkBuilder()
            .Node(1, 0, 0).Node(2, 0, 4).Node(3, 2, 4)
            .Way(1, "highway=residential oneway=yes", 1, 2, 3, 1);
        var engine = RoutingEngine.Create(network.Import().Graph);
        Assert.True(engine.TrySnap(network.At(0, 3), out var ahead));
        Assert.True(engine.TrySnap(network.At(0, 1), out var behind));

        // Around the loop is still possible: the CCH must find it, and it must cost more than the direct stretch.
        var around = engine.CreateQuery().Route(engine.Metric, ahead, behind);
        var direct = engine.CreateQuery().Route(engine.Metric, behind, ahead);
        Assert.NotNull(around);
        Assert.NotNull(direct);
        Assert.True(around.DurationMs > direct.DurationMs);
        Assert.Single(direct.Arcs);
    }

    internal static RoutingEngine Grid(int rows, int columns)
    {
        using var pbf = new MemoryStream();
        new SyntheticGrid(rows, columns, 90).Write(pbf);
        pbf.Position = 0;
        return RoutingEngine.Create(new OsmRoadGraphImporter(new CarProfile()).Import(pbf).Graph);
    }

    internal static List<SnapPoint> RandomSnaps(RoutingEngine engine, int count, Random random)
    {
        var graph = engine.Graph;
        var snaps = new List<SnapPoint>(count);
        while (snaps.Count < count)
        {
            var node = graph.NodePosition(random.Next(graph.NodeCount));
            var point = new GeoPoint(node.Lat + ((random.NextDouble() - 0.5) * 0.003), node.Lon + ((random.NextDouble() - 0.5) * 0.003));
            if (engine.TrySnap(point, out var snap, 2000))
            {
                snaps.Add(snap);
            }
        }

        return snaps;
    }

    private static double Along(RoadGraph graph, int arc, SnapPoint snap) => graph.ArcIsReversed(arc) ? 1 - snap.Fraction : snap.Fraction;

    private static int CompareWithDijkstra(RoutingEngine engine, CchMetric metric, int pairs, int seed)
    {
        var snaps = RandomSnaps(engine, 2 * pairs, new Random(seed));
        var query = engine.CreateQuery();
        var dijkstra = new DijkstraRouter(engine.Graph);
        var mismatches = 0;
        for (var i = 0; i < pairs; i++)
        {
            var expected = dijkstra.DurationMs(snaps[2 * i], snaps[(2 * i) + 1], metric.ArcWeightsMs);
            var actual = query.DurationMs(metric, snaps[2 * i], snaps[(2 * i) + 1]);
            if (expected != actual)
            {
                mismatches++;
            }
        }

        return mismatches;
    }
}
