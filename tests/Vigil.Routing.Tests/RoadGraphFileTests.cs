using Vigil.Routing.Graph;

namespace Vigil.Routing.Tests;

public sealed class RoadGraphFileTests
{
    private static RoutingEngine SmallCity()
    {
        using var pbf = new MemoryStream();
        new Import.SyntheticGrid(12, 9, 80).Write(pbf);
        pbf.Position = 0;
        var graph = new Import.OsmRoadGraphImporter(new Import.CarProfile()).Import(pbf).Graph;
        return RoutingEngine.Create(graph);
    }

    private static byte[] Save(RoutingEngine engine)
    {
        using var stream = new MemoryStream();
        RoadGraphFile.Write(stream, engine.Graph, [.. engine.Order]);
        return stream.ToArray();
    }

    [Fact]
    public void Graph_and_order_round_trip_exactly()
    {
        var engine = SmallCity();
        var bytes = Save(engine);

        Assert.True(RoadGraphFile.TryRead(new MemoryStream(bytes), out var graph, out var order, out var error), error);
        Assert.NotNull(graph);
        Assert.Equal([.. engine.Order], order);
        Assert.Equal(engine.Graph.NodeCount, graph.NodeCount);
        Assert.Equal(engine.Graph.EdgeCount, graph.EdgeCount);
        Assert.Equal(engine.Graph.ArcCount, graph.ArcCount);
        Assert.Equal(engine.Graph.TurnCount, graph.TurnCount);
        for (var a = 0; a < graph.ArcCount; a++)
        {
            Assert.Equal(engine.Graph.ArcTail(a), graph.ArcTail(a));
            Assert.Equal(engine.Graph.ArcHead(a), graph.ArcHead(a));
            Assert.Equal(engine.Graph.ArcBaseWeightMs(a), graph.ArcBaseWeightMs(a));
            Assert.Equal(engine.Graph.TurnsFrom(a).ToArray(), graph.TurnsFrom(a).ToArray());
        }

        for (var e = 0; e < graph.EdgeCount; e++)
        {
            Assert.Equal(engine.Graph.EdgeWay(e), graph.EdgeWay(e));
            Assert.Equal(engine.Graph.EdgeLength(e), graph.EdgeLength(e));
            Assert.Equal(engine.Graph.EdgeShapePoint(e, 1), graph.EdgeShapePoint(e, 1));
        }

        // Written again, the loaded graph gives the same bytes.
        Assert.Equal(bytes, Save(RoutingEngine.Create(graph, order)));
    }

    [Fact]
    public void Flipped_byte_is_reported_as_damage()
    {
        var bytes = Save(SmallCity());
        bytes[bytes.Length / 2] ^= 0x40;

        Assert.False(RoadGraphFile.TryRead(new MemoryStream(bytes), out var graph, out _, out var error));
        Assert.Null(graph);
        Assert.Contains("damaged", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_is_reported()
    {
        var bytes = Save(SmallCity());
        Assert.False(RoadGraphFile.TryRead(new MemoryStream(bytes, 0, bytes.Length - 100), out _, out _, out var error));
        Assert.Contains("truncated", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_format_version_is_refused_with_a_reason()
    {
        var bytes = Save(SmallCity());
        bytes[4] = 99;
        Assert.False(RoadGraphFile.TryRead(new MemoryStream(bytes), out _, out _, out var error));
        Assert.Contains("version 99", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_file_is_not_taken_for_a_graph()
    {
        Assert.False(RoadGraphFile.TryRead(new MemoryStream("PK\u0003\u0004 zip file"u8.ToArray()), out _, out _, out var error));
        Assert.Contains("magic", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_layout_is_frozen()
    {
        // Stability: magic "VGRG" and little-endian version 1 open every graph file; changing them breaks saved cities.
        var bytes = Save(SmallCity());
        Assert.Equal("VGRG"u8.ToArray(), bytes[..4]);
        Assert.Equal([1, 0, 0, 0], bytes[4..8]);
        Assert.Equal(1, RoadGraphFile.FormatVersion);
    }
}
