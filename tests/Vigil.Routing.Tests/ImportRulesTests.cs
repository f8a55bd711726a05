using Vigil.Routing.Graph;

namespace Vigil.Routing.Tests;

/// <summary>Oneway, access and turn-restriction semantics on small networks whose answers are known by construction.</summary>
public sealed class ImportRulesTests
{
    // The rectangle of NetworkBuilder.Rectangle: way 10 is the south side, with the tags under test.
    private static NetworkBuilder Rectangle(string southTags) => NetworkBuilder.Rectangle(southTags);

    [Fact]
    public void Two_way_primary_is_used_in_both_directions()
    {
        var network = Rectangle("highway=primary");
        var engine = RoutingEngine.Create(network.Import().Graph);

        var west = network.At(1, 0);
        var east = network.At(1, 4);
        Assert.Contains(10L, RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, west, east)));
        Assert.Contains(10L, RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, east, west)));
    }

    [Fact]
    public void Oneway_primary_is_driven_only_along_its_direction()
    {
        var network = Rectangle("highway=primary oneway=yes");
        var engine = RoutingEngine.Create(network.Import().Graph);

        var west = network.At(1, 0);
        var east = network.At(1, 4);
        var along = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, west, east));
        var against = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, east, west));

        Assert.Equal([13L, 10L, 11L], along);
        Assert.Equal([11L, 12L, 13L], against);
    }

    [Fact]
    public void Reverse_oneway_is_driven_only_against_the_way_direction()
    {
        var network = Rectangle("highway=primary oneway=-1");
        var engine = RoutingEngine.Create(network.Import().Graph);

        var against = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4)));
        Assert.DoesNotContain(10L, against);
        Assert.Contains(10L, RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(1, 4), network.At(1, 0))));
    }

    [Fact]
    public void Roundabout_is_oneway_without_a_oneway_tag()
    {
        var network = Rectangle("highway=primary junction=roundabout");
        var engine = RoutingEngine.Create(network.Import().Graph);
        Assert.DoesNotContain(10L, RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(1, 4), network.At(1, 0))));
    }

    [Theory]
    [InlineData("highway=primary access=private", false)]
    [InlineData("highway=primary motor_vehicle=no", false)]
    [InlineData("highway=primary access=no emergency=yes", true)]
    [InlineData("highway=primary access=no motorcar=yes", true)]
    [InlineData("highway=footway", false)]
    [InlineData("highway=primary area=yes", false)]
    [InlineData("highway=primary access=destination", true)]
    public void Access_tags_decide_whether_a_way_is_in_the_graph(string tags, bool expected)
    {
        var graph = Rectangle(tags).Import().Graph;
        var present = false;
        for (var e = 0; e < graph.EdgeCount; e++)
        {
            present |= graph.EdgeWay(e) == 10;
        }

        Assert.Equal(expected, present);
    }

    // A crossing at node 100 with arms 1 (south), 2 (north), 3 (west), 4 (east); way 5 links the north and west arm ends.
    //          201
    //        /  |
    //     5 /   2
    //      /    |
    //   203 -3- 100 -4- 204
    //           |
    //           1
    //           |
    //          202 --6-- 206
    // (way 6 runs on from 206 up to 204, so the southern detour is longer than the northern one)
    private static NetworkBuilder Crossing() => new NetworkBuilder()
        .Node(100, 0, 0).Node(201, 2, 0).Node(202, -2, 0).Node(203, 0, -2).Node(204, 0, 2).Node(206, -2, 2)
        .Way(1, "highway=residential", 202, 100)
        .Way(2, "highway=residential", 100, 201)
        .Way(3, "highway=residential", 100, 203)
        .Way(4, "highway=residential", 100, 204)
        .Way(5, "highway=residential", 201, 203)
        .Way(6, "highway=residential", 202, 206, 204);

    [Fact]
    public void Without_restriction_south_to_west_turns_left_at_the_crossing()
    {
        var network = Crossing();
        var engine = RoutingEngine.Create(network.Import().Graph);
        var ways = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(-1, 0), network.At(0, -1)));
        Assert.Equal([1L, 3L], ways);
    }

    [Fact]
    public void No_left_turn_forces_a_detour_round_the_block()
    {
        var network = Crossing().Restriction(900, "no_left_turn", 1, 100, 3);

        // With U-turns priced out, the only legal way is round the block by the north arm and way 5.
        var (graph, statistics) = network.Import(new Import.CarProfile { UTurnPenaltyMs = 600_000 });
        var engine = RoutingEngine.Create(graph);
        var ways = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(-1, 0), network.At(0, -1)));

        Assert.Equal(1, statistics.RestrictionsApplied);
        Assert.Equal([1L, 2L, 5L, 3L], ways);
    }

    [Fact]
    public void No_left_turn_with_default_u_turns_turns_right_and_round()
    {
        var network = Crossing();
        var free = RoutingEngine.Create(network.Import().Graph);
        var restricted = RoutingEngine.Create(network.Restriction(900, "no_left_turn", 1, 100, 3).Import().Graph);

        var direct = RouteHelpers.RouteBetween(free, network.At(-1, 0), network.At(0, -1));
        var detour = RouteHelpers.RouteBetween(restricted, network.At(-1, 0), network.At(0, -1));

        // Right onto the east arm, turn round at its end (20 s), straight across: cheaper than the block, never the left turn.
        Assert.Equal([1L, 4L, 3L], RouteHelpers.Ways(restricted.Graph, detour));
        Assert.True(detour.DurationMs > direct.DurationMs + 20_000);
    }

    [Fact]
    public void Only_straight_on_forbids_the_right_turn_as_well()
    {
        var network = Crossing().Restriction(900, "only_straight_on", 1, 100, 2);
        var engine = RoutingEngine.Create(network.Import().Graph);

        var toEast = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(-1, 0), network.At(0, 1)));
        var toNorth = RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(-1, 0), network.At(1, 0)));

        Assert.DoesNotContain(4L, toEast.GetRange(0, 2));
        Assert.Equal([1L, 6L, 4L], toEast);
        Assert.Equal([1L, 2L], toNorth);
    }

    [Fact]
    public void Restriction_that_exempts_emergency_vehicles_is_not_applied()
    {
        var network = Crossing().Restriction(900, "no_left_turn", 1, 100, 3, except: "bicycle;emergency");
        var (graph, statistics) = network.Import();
        var engine = RoutingEngine.Create(graph);

        Assert.Equal(0, statistics.RestrictionsRead);
        Assert.Equal([1L, 3L], RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(-1, 0), network.At(0, -1))));
    }

    [Fact]
    public void Restriction_only_constrains_the_named_turn()
    {
        var network = Crossing().Restriction(900, "no_left_turn", 1, 100, 3);
        var engine = RoutingEngine.Create(network.Import().Graph);

        // Coming from the east the same turn onto way 3 is straight on and stays allowed.
        Assert.Equal([4L, 3L], RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(0, 1), network.At(0, -1))));
    }

    [Fact]
    public void Dead_end_street_is_left_by_turning_round()
    {
        // A cul-de-sac (way 7) off the crossing's east arm: a route from inside it must turn at its end when it starts heading in.
        var network = Crossing().Node(205, 0, 4).Way(7, "highway=residential", 204, 205);
        var engine = RoutingEngine.Create(network.Import().Graph);
        var route = RouteHelpers.RouteBetween(engine, network.At(0, 3), network.At(0, 1));

        Assert.Equal([7L, 4L], RouteHelpers.Ways(engine.Graph, route));
    }

    [Fact]
    public void Oneway_stub_and_island_outside_the_largest_component_are_dropped()
    {
        var network = Rectangle("highway=primary")
            .Node(50, -1, 2).Way(50, "highway=residential oneway=yes", 50, 2)
            .Node(60, 10, 10).Node(61, 10, 11).Way(60, "highway=residential", 60, 61);
        var (graph, statistics) = network.Import();

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Assert.NotEqual(50, graph.EdgeWay(e));
            Assert.NotEqual(60, graph.EdgeWay(e));
        }

        Assert.Equal(3, statistics.ArcsOutsideLargestComponent);
        Assert.Equal(4, graph.EdgeCount);
        Assert.Equal(8, graph.ArcCount);
    }

    [Fact]
    public void Shape_points_between_junctions_are_kept_as_geometry_not_nodes()
    {
        var network = new NetworkBuilder()
            .Node(1, 0, 0).Node(2, 0, 1).Node(3, 1, 1).Node(4, 1, 0)
            .Way(1, "highway=residential", 1, 2, 3, 4, 1);
        var graph = network.Import().Graph;

        // A closed way with no other junction is split in two so that no edge is a self-loop.
        Assert.Equal(2, graph.EdgeCount);
        Assert.Equal(2, graph.NodeCount);
        Assert.Equal(6, graph.ShapePointCount);
    }

    [Fact]
    public void Edge_weight_follows_maxspeed_over_class_speed()
    {
        var slow = Rectangle("highway=primary maxspeed=30").Import().Graph;
        var fast = Rectangle("highway=primary").Import().Graph;
        var slowArc = ArcOfWay(slow, 10);
        var fastArc = ArcOfWay(fast, 10);

        // 4 lattice steps of 0.001° longitude at 45° N ≈ 314.5 m; 30 km/h × 0.8 = 24 km/h and 65 km/h class speed.
        Assert.InRange(slow.ArcLengthMeters(slowArc), 313, 316);
        Assert.InRange(slow.ArcBaseWeightMs(slowArc), 46_900, 47_400);
        Assert.InRange(fast.ArcBaseWeightMs(fastArc), 17_300, 17_500);
    }

    private static int ArcOfWay(RoadGraph graph, long way)
    {
        for (var a = 0; a < graph.ArcCount; a++)
        {
            if (graph.EdgeWay(graph.ArcEdge(a)) == way)
            {
                return a;
            }
        }

        throw new InvalidOperationException($"No arc of way {way}.");
    }
}
