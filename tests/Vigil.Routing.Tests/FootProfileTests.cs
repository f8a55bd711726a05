using Vigil.Routing.Geo;
using Vigil.Routing.Import;

namespace Vigil.Routing.Tests;

/// <summary>The walking graph: which ways a guard on foot may use, in which directions, and how long they take.</summary>
public sealed class FootProfileTests
{
    // The rectangle of NetworkBuilder.Rectangle: way 10 is the south side, with the tags under test.
    private static NetworkBuilder Rectangle(string southTags) => NetworkBuilder.Rectangle(southTags);

    private static List<long> WalkedWays(NetworkBuilder network, GeoPoint from, GeoPoint to)
    {
        var engine = RoutingEngine.Create(network.Import(new FootProfile()).Graph);
        return RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, from, to));
    }

    [Theory]
    [InlineData("highway=footway")]
    [InlineData("highway=pedestrian")]
    [InlineData("highway=path")]
    [InlineData("highway=steps")]
    [InlineData("highway=service")]
    [InlineData("highway=cycleway foot=designated")]
    [InlineData("highway=trunk sidewalk=both")]
    [InlineData("highway=residential access=no foot=yes")]
    [InlineData("man_made=pier")]
    [InlineData("railway=platform")]
    public void Walkable_way_is_walked(string tags)
    {
        var network = Rectangle(tags);
        Assert.Contains(10L, WalkedWays(network, network.At(0, 1), network.At(0, 3)));
    }

    [Theory]
    [InlineData("highway=motorway")]
    [InlineData("highway=motorway foot=yes")]
    [InlineData("highway=trunk")]
    [InlineData("highway=trunk sidewalk=separate")]
    [InlineData("highway=cycleway")]
    [InlineData("highway=footway foot=no")]
    [InlineData("highway=primary foot=use_sidepath")]
    [InlineData("highway=residential access=no")]
    public void Way_closed_to_pedestrians_is_left_out(string tags)
    {
        var network = Rectangle(tags);
        Assert.DoesNotContain(10L, WalkedWays(network, network.At(0, 1), network.At(0, 3)));
    }

    [Theory]
    [InlineData("highway=primary oneway=yes")]
    [InlineData("highway=primary oneway=-1")]
    [InlineData("highway=primary junction=roundabout")]
    [InlineData("highway=living_street oneway=yes")]
    public void Oneway_binds_vehicles_not_pedestrians_who_walk_it_both_ways(string tags)
    {
        var network = Rectangle(tags);
        var west = network.At(0, 1);
        var east = network.At(0, 3);
        Assert.Equal([10L], WalkedWays(network, west, east));
        Assert.Equal([10L], WalkedWays(network, east, west));
    }

    [Fact]
    public void Oneway_for_pedestrians_is_obeyed()
    {
        var network = Rectangle("highway=footway oneway:foot=yes");
        Assert.Equal([10L], WalkedWays(network, network.At(0, 1), network.At(0, 3)));
        // Back west means on along the exit-only path and round the block.
        Assert.Equal([10L, 11L, 12L, 13L, 10L], WalkedWays(network, network.At(0, 3), network.At(0, 1)));
    }

    [Fact]
    public void Car_turn_restriction_does_not_bind_a_pedestrian()
    {
        // No left turn from the south side onto the east side, for cars; a pedestrian turns there anyway.
        var network = Rectangle("highway=residential").Restriction(20, "no_left_turn", 10, 2, 11);
        var car = RoutingEngine.Create(network.Import().Graph);
        Assert.DoesNotContain(11L, RouteHelpers.Ways(car.Graph, RouteHelpers.RouteBetween(car, network.At(0, 1), network.At(1, 4))).Take(2));
        Assert.Equal([10L, 11L], WalkedWays(network, network.At(0, 1), network.At(1, 4)));
    }

    [Fact]
    public void Time_is_length_at_walking_speed_and_half_that_on_steps()
    {
        var network = Rectangle("highway=footway");
        var from = network.At(0, 0);
        var to = network.At(0, 4);
        var metres = GeoMath.HaversineMeters(from, to);

        var engine = RoutingEngine.Create(network.Import(new FootProfile { WalkingSpeedKmh = 4 }).Graph);
        Assert.Equal(metres / (4 / 3.6), RouteHelpers.RouteBetween(engine, from, to).DurationSeconds, 0.01);

        var stairs = Rectangle("highway=steps");
        var climb = RoutingEngine.Create(stairs.Import(new FootProfile()).Graph);
        Assert.Equal(metres / (2.5 / 3.6), RouteHelpers.RouteBetween(climb, from, to).DurationSeconds, 0.01);
    }

    [Fact]
    public void Car_graph_keeps_the_footway_out()
    {
        var network = Rectangle("highway=footway");
        var car = RoutingEngine.Create(network.Import().Graph);
        Assert.DoesNotContain(10L, RouteHelpers.Ways(car.Graph, RouteHelpers.RouteBetween(car, network.At(0, 1), network.At(0, 3))));
    }
}
