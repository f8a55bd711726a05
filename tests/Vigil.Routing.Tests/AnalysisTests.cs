using Vigil.Routing.Analysis;

namespace Vigil.Routing.Tests;

public sealed class AnalysisTests
{
    // A straight residential street of 10 lattice steps of 0.001° latitude (about 1,112 m) at 25 km/h (6.94 m/s).
    private static (RoutingEngine Engine, NetworkBuilder Network) Street()
    {
        var network = new NetworkBuilder();
        for (var i = 0; i <= 10; i++)
        {
            network.Node(i + 1, i, 0);
        }

        var refs = new long[11];
        for (var i = 0; i <= 10; i++)
        {
            refs[i] = i + 1;
        }

        network.Way(1, "highway=residential", refs);
        return (RoutingEngine.Create(network.Import().Graph), network);
    }

    [Fact]
    public void Isochrone_from_the_middle_reaches_speed_times_time_either_way()
    {
        var (engine, network) = Street();
        Assert.True(engine.TrySnap(network.At(5, 0), out var middle));
        var search = new ReachSearch(engine.Graph);
        search.Run(engine.Metric.ArcWeightsMs, [middle], 60_000);

        // 60 s at 25 km/h = 416.7 m in each direction.
        Assert.InRange(search.ReachableMeters(60_000), 2 * 410, 2 * 423);
        Assert.InRange(search.ReachableMeters(30_000), 2 * 205, 2 * 212);
        var piece = Assert.Single(search.Pieces(60_000));
        Assert.InRange(piece.From, 0.12, 0.13);
        Assert.InRange(piece.To, 0.87, 0.88);
    }

    [Fact]
    public void Coverage_share_grows_with_time_and_stations()
    {
        var (engine, network) = Street();
        Assert.True(engine.TrySnap(network.At(0, 0), out var end));
        Assert.True(engine.TrySnap(network.At(10, 0), out var otherEnd));

        var one = Coverage.Compute(engine.Graph, engine.Metric.ArcWeightsMs, [end], [60, 120, 240]);
        var two = Coverage.Compute(engine.Graph, engine.Metric.ArcWeightsMs, [end, otherEnd], [60, 120, 240]);

        Assert.InRange(one.TotalMeters, 1110, 1115);
        Assert.InRange(one.Bands[0].Share, 0.37, 0.38);
        Assert.InRange(one.Bands[1].Share, 0.74, 0.76);
        Assert.Equal(1.0, one.Bands[2].Share, 6);
        Assert.InRange(two.Bands[0].Share, 0.74, 0.76);
    }

    [Fact]
    public void Sliced_piece_geometry_spans_the_requested_fractions()
    {
        var (engine, _) = Street();
        var line = EdgeGeometry.Slice(engine.Graph, new RoadPiece(0, 0.25, 0.75));
        var first = line[0];
        var last = line[^1];
        var length = Geo.GeoMath.HaversineMeters(first, last);
        Assert.InRange(length, 550, 562);
    }
}
