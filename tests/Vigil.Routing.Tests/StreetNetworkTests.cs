using Vigil.Routing.Geo;
using Vigil.Routing.Import;
using Vigil.Routing.Traffic;

namespace Vigil.Routing.Tests;

public sealed class StreetNetworkTests
{
    private static GeoPoint P(double north, double east) => new(45 + (north * 0.001), 7 + (east * 0.001));

    [Fact]
    public void Streets_join_where_they_share_a_vertex_and_arterials_are_faster()
    {
        // A plus sign: an arterial west–east, a residential street south–north, crossing at (0, 0).
        var graph = new StreetNetwork()
            .Add([P(0, -5), P(0, 0), P(0, 5)], "primary", "Main Avenue")
            .Add([P(-5, 0), P(0, 0), P(5, 0)], "residential", "First Street")
            .Build();
        var engine = RoutingEngine.Create(graph);

        Assert.Equal(5, graph.NodeCount);
        var across = RouteHelpers.RouteBetween(engine, P(0, -5), P(0, 5));
        var turning = RouteHelpers.RouteBetween(engine, P(0, -5), P(5, 0));
        Assert.Equal([1L], RouteHelpers.Ways(graph, across));
        Assert.Equal([1L, 2L], RouteHelpers.Ways(graph, turning));

        var arterialSpeed = across.DistanceMeters / across.DurationSeconds;
        var residential = RouteHelpers.RouteBetween(engine, P(-5, 0), P(5, 0));
        Assert.True(arterialSpeed > residential.DistanceMeters / residential.DurationSeconds);
    }

    [Fact]
    public void Street_with_one_point_is_refused() =>
        Assert.Throws<ArgumentException>(() => new StreetNetwork().Add([P(0, 0)], "primary", "x"));

    [Fact]
    public void Replacing_speeds_returns_unnamed_edges_to_free_flow()
    {
        var graph = new StreetNetwork().Add([P(0, 0), P(0, 5), P(0, 10)], "primary", "Main").Build();
        var engine = RoutingEngine.Create(graph);
        var free = RouteHelpers.RouteBetween(engine, P(0, 0), P(0, 10)).DurationMs;

        engine.ApplySpeeds([new EdgeSpeed(0, 10)]);
        var slow = RouteHelpers.RouteBetween(engine, P(0, 0), P(0, 10)).DurationMs;
        engine.ReplaceSpeeds([]);
        var again = RouteHelpers.RouteBetween(engine, P(0, 0), P(0, 10)).DurationMs;

        Assert.True(slow > free);
        Assert.Equal(free, again);
    }
}
