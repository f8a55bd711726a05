using Vigil.Routing.Osm;
using Vigil.Testing;

namespace Vigil.Routing.Tests;

public sealed class OsmPbfRoundTripTests
{
    private sealed class Recorder : IOsmHandler
    {
        public List<(long Id, int Lat, int Lon, string Tags)> Nodes { get; } = [];

        public List<(long Id, long[] Refs, string Tags)> Ways { get; } = [];

        public List<(long Id, OsmMember[] Members, string Tags)> Relations { get; } = [];

        public void Node(long id, int latE7, int lonE7, OsmTagList tags) => Nodes.Add((id, latE7, lonE7, Flatten(tags)));

        public void Way(long id, ReadOnlySpan<long> nodeRefs, OsmTagList tags) => Ways.Add((id, nodeRefs.ToArray(), Flatten(tags)));

        public void Relation(long id, ReadOnlySpan<OsmMember> members, OsmTagList tags) => Relations.Add((id, members.ToArray(), Flatten(tags)));

        private static string Flatten(OsmTagList tags)
        {
            var parts = new List<string>();
            for (var i = 0; i < tags.Count; i++)
            {
                parts.Add(tags.Key(i) + "=" + tags.Value(i));
            }

            return string.Join(";", parts);
        }
    }

    [Fact]
    public void Written_elements_read_back_identically()
    {
        using var stream = new MemoryStream();
        using (var writer = new OsmPbfWriter(stream))
        {
            writer.AddNode(1, 450_000_000, 70_000_000);
            writer.AddNode(2, -337_000_123, -1_512_345_678, KeyValuePair.Create("barrier", "gate"), KeyValuePair.Create("name", "Süd"));
            writer.AddNode(5_000_000_000, 899_999_999, 1_799_999_999);
            writer.AddWay(10, [1, 2, 5_000_000_000], KeyValuePair.Create("highway", "residential"), KeyValuePair.Create("oneway", "yes"));
            writer.AddRelation(20, [new(OsmMemberType.Way, 10, "from"), new(OsmMemberType.Node, 2, "via"), new(OsmMemberType.Way, 10, "to")], KeyValuePair.Create("type", "restriction"));
        }

        stream.Position = 0;
        var recorder = new Recorder();
        OsmPbfReader.Read(stream, recorder, OsmElementKinds.All);

        Assert.Equal([(1L, 450_000_000, 70_000_000, ""), (2L, -337_000_123, -1_512_345_678, "barrier=gate;name=Süd"), (5_000_000_000L, 899_999_999, 1_799_999_999, "")], recorder.Nodes);
        var way = Assert.Single(recorder.Ways);
        Assert.Equal(10, way.Id);
        Assert.Equal([1L, 2L, 5_000_000_000L], way.Refs);
        Assert.Equal("highway=residential;oneway=yes", way.Tags);
        var relation = Assert.Single(recorder.Relations);
        Assert.Equal([new OsmMember(OsmMemberType.Way, 10, "from"), new OsmMember(OsmMemberType.Node, 2, "via"), new OsmMember(OsmMemberType.Way, 10, "to")], relation.Members);
    }

    [Fact]
    public void More_than_one_block_of_nodes_reads_in_order()
    {
        using var stream = new MemoryStream();
        using (var writer = new OsmPbfWriter(stream))
        {
            for (var i = 1; i <= 20_000; i++)
            {
                writer.AddNode(i, i * 10, -i * 10);
            }
        }

        stream.Position = 0;
        var recorder = new Recorder();
        OsmPbfReader.Read(stream, recorder, OsmElementKinds.Nodes);
        Assert.Equal(20_000, recorder.Nodes.Count);
        Assert.Equal((20_000L, 200_000, -200_000, ""), recorder.Nodes[^1]);
    }

    [Fact]
    public void Skipped_kinds_are_not_reported()
    {
        using var stream = new MemoryStream();
        using (var writer = new OsmPbfWriter(stream))
        {
            writer.AddNode(1, 0, 0);
            writer.AddNode(2, 1, 1);
            writer.AddWay(3, [1, 2], KeyValuePair.Create("highway", "service"));
        }

        stream.Position = 0;
        var recorder = new Recorder();
        OsmPbfReader.Read(stream, recorder, OsmElementKinds.Ways);
        Assert.Empty(recorder.Nodes);
        Assert.Single(recorder.Ways);
    }

    [Fact]
    public void Not_a_pbf_file_throws_format_exception()
    {
        using var stream = new MemoryStream("<?xml version='1.0'?><osm></osm>"u8.ToArray());
        var ex = Assert.Throws<OsmFormatException>(() => OsmPbfReader.Read(stream, new Recorder(), OsmElementKinds.All));
        Assert.Contains("not an OSM PBF file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_file_throws_format_exception()
    {
        using var full = new MemoryStream();
        using (var writer = new OsmPbfWriter(full))
        {
            writer.AddNode(1, 0, 0);
        }

        var bytes = full.ToArray();
        using var truncated = new MemoryStream(bytes, 0, bytes.Length - 5);
        Assert.Throws<OsmFormatException>(() => OsmPbfReader.Read(truncated, new Recorder(), OsmElementKinds.All));
    }

    [DataFact("osm/monaco.osm.pbf")]
    public void Monaco_extract_has_the_element_counts_osmium_reports()
    {
        // Counts from osmium fileinfo -e, recorded in shared/data/osm/PROVENANCE.md.
        using var stream = File.OpenRead(TestData.PathTo("osm/monaco.osm.pbf"));
        var counter = new Counter();
        OsmPbfReader.Read(stream, counter, OsmElementKinds.All);
        Assert.Equal(23662, counter.Nodes);
        Assert.Equal(3624, counter.Ways);
        Assert.Equal(235, counter.Relations);
        Assert.Equal(1996, counter.HighwayWays);
    }

    private sealed class Counter : IOsmHandler
    {
        public int Nodes { get; private set; }

        public int Ways { get; private set; }

        public int Relations { get; private set; }

        public int HighwayWays { get; private set; }

        public void Node(long id, int latE7, int lonE7, OsmTagList tags) => Nodes++;

        public void Way(long id, ReadOnlySpan<long> nodeRefs, OsmTagList tags)
        {
            Ways++;
            if (tags.Get("highway") is not null)
            {
                HighwayWays++;
            }
        }

        public void Relation(long id, ReadOnlySpan<OsmMember> members, OsmTagList tags) => Relations++;
    }
}
