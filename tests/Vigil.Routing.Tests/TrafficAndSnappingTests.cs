using Vigil.Routing.Geo;
using Vigil.Routing.Traffic;

namespace Vigil.Routing.Tests;

public sealed class TrafficAndSnappingTests
{
    private static NetworkBuilder Rectangle() => new NetworkBuilder()
        .Node(1, 0, 0).Node(2, 0, 4).Node(3, 2, 4).Node(4, 2, 0)
        .Way(10, "highway=primary", 1, 2)
        .Way(11, "highway=residential", 2, 3)
        .Way(12, "highway=residential", 3, 4)
        .Way(13, "highway=residential", 4, 1);

    [Fact]
    public void Slow_traffic_on_a_way_moves_the_route_to_the_other_side()
    {
        var network = Rectangle();
        var engine = RoutingEngine.Create(network.Import().Graph);
        var before = RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4));

        var changed = engine.ApplySpeeds([new WaySpeed(10, 5)]);
        var after = RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4));

        Assert.Equal(2, changed);
        Assert.Contains(10L, RouteHelpers.Ways(engine.Graph, before));
        Assert.Equal([13L, 12L, 11L], RouteHelpers.Ways(engine.Graph, after));
        Assert.True(after.DurationMs > before.DurationMs);
    }

    [Fact]
    public void Closed_edge_is_avoided_and_reset_restores_free_flow()
    {
        var network = Rectangle();
        var engine = RoutingEngine.Create(network.Import().Graph);
        var free = RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4));
        var edge = 0;
        while (engine.Graph.EdgeWay(edge) != 10)
        {
            edge++;
        }

        engine.ApplySpeeds([new EdgeSpeed(edge, 0)]);
        Assert.DoesNotContain(10L, RouteHelpers.Ways(engine.Graph, RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4))));

        engine.ResetSpeeds();
        Assert.Equal(free.DurationMs, RouteHelpers.RouteBetween(engine, network.At(1, 0), network.At(1, 4)).DurationMs);
    }

    [Fact]
    public void Query_started_on_an_old_metric_keeps_its_answer()
    {
        var network = Rectangle();
        var engine = RoutingEngine.Create(network.Import().Graph);
        var old = engine.Metric;
        Assert.True(engine.TrySnap(network.At(1, 0), out var a));
        Assert.True(engine.TrySnap(network.At(1, 4), out var b));
        var before = engine.CreateQuery().DurationMs(old, a, b);

        engine.ApplySpeeds([new WaySpeed(10, 5)]);

        Assert.NotSame(old, engine.Metric);
        Assert.Equal(before, engine.CreateQuery().DurationMs(old, a, b));
    }

    [Fact]
    public void Unknown_way_changes_nothing_and_negative_speed_is_refused()
    {
        var engine = RoutingEngine.Create(Rectangle().Import().Graph);
        Assert.Equal(0, engine.ApplySpeeds([new WaySpeed(999, 30)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.ApplySpeeds([new EdgeSpeed(0, -1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.ApplySpeeds([new EdgeSpeed(engine.Graph.EdgeCount, 10)]));
    }

    [Fact]
    public void Point_beside_a_road_snaps_perpendicularly_onto_it()
    {
        var network = Rectangle();
        var engine = RoutingEngine.Create(network.Import().Graph);

        // 0.0002° south of way 10 at a quarter of its length: about 22 m off the road.
        var point = new GeoPoint(45 - 0.0002, 7.001);
        Assert.True(engine.TrySnap(point, out var snap));
        Assert.Equal(10, engine.Graph.EdgeWay(snap.Edge));
        Assert.InRange(snap.DistanceMeters, 21.5, 23);
        Assert.InRange(snap.Point.Lon, 7.00099, 7.00101);
        Assert.InRange(snap.Point.Lat, 44.99999, 45.00001);

        // A quarter of the way from node 1, measured from whichever end the edge was stored from.
        var fromFirst = engine.Graph.EdgeShapePoint(snap.Edge, 0).Lon < 7.002 ? snap.Fraction : 1 - snap.Fraction;
        Assert.InRange(fromFirst, 0.24, 0.26);
    }

    [Fact]
    public void Point_too_far_from_any_road_does_not_snap()
    {
        var engine = RoutingEngine.Create(Rectangle().Import().Graph);
        Assert.False(engine.TrySnap(new GeoPoint(45.5, 7.5), out _, maxDistanceMeters: 1000));
        Assert.True(engine.TrySnap(new GeoPoint(45.5, 7.5), out _, maxDistanceMeters: 100_000));
    }

    [Theory]
    [InlineData("35.8989,14.5146", true)]
    [InlineData(" 35.8989 , 14.5146 ", true)]
    [InlineData("91,0", false)]
    [InlineData("35.8989", false)]
    [InlineData("35,8989,14,5146", false)]
    [InlineData("abc,def", false)]
    public void Coordinate_text_parses_only_as_lat_comma_lon(string text, bool valid)
    {
        Assert.Equal(valid, GeoPoint.TryParse(text, out _));
    }
}
