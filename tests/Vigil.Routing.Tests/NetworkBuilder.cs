using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Import;
using Vigil.Routing.Osm;

namespace Vigil.Routing.Tests;

/// <summary>
/// Hand-made OSM networks for tests: nodes on a lattice of 0.001 degree near 45 N 7 E, written as real PBF with
/// <see cref="OsmPbfWriter"/> and imported through the same code path as a downloaded extract.
/// </summary>
internal sealed class NetworkBuilder
{
    private const double Step = 0.001;
    private readonly SortedDictionary<long, (double Lat, double Lon)> _nodes = [];
    private readonly List<(long Id, long[] Refs, KeyValuePair<string, string>[] Tags)> _ways = [];
    private readonly List<(long Id, OsmMember[] Members, KeyValuePair<string, string>[] Tags)> _relations = [];

    /// <summary>
    /// A rectangle 1-2-3-4: way 10 (1→2, the south side) carries <paramref name="southTags"/>, the other sides (11 east,
    /// 12 north, 13 west) are residential, so a route that avoids way 10 goes round by the north side.
    /// <code>
    ///   4 ---12--- 3
    ///   |          |
    ///   13         11
    ///   |          |
    ///   1 ---10--- 2
    /// </code>
    /// </summary>
    public static NetworkBuilder Rectangle(string southTags) => new NetworkBuilder()
        .Node(1, 0, 0).Node(2, 0, 4).Node(3, 2, 4).Node(4, 2, 0)
        .Way(10, southTags, 1, 2)
        .Way(11, "highway=residential", 2, 3)
        .Way(12, "highway=residential", 3, 4)
        .Way(13, "highway=residential", 4, 1);

    public NetworkBuilder Node(long id, double row, double column)
    {
        _nodes[id] = (45 + (row * Step), 7 + (column * Step));
        return this;
    }

    public NetworkBuilder Way(long id, string tags, params long[] refs)
    {
        var list = new List<KeyValuePair<string, string>>();
        foreach (var pair in tags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            list.Add(new(pair[..eq], pair[(eq + 1)..]));
        }

        _ways.Add((id, refs, [.. list]));
        return this;
    }

    public NetworkBuilder Restriction(long id, string kind, long fromWay, long viaNode, long toWay, string? except = null)
    {
        var tags = new List<KeyValuePair<string, string>> { new("type", "restriction"), new("restriction", kind) };
        if (except is not null)
        {
            tags.Add(new("except", except));
        }

        _relations.Add((id, [new(OsmMemberType.Way, fromWay, "from"), new(OsmMemberType.Node, viaNode, "via"), new(OsmMemberType.Way, toWay, "to")], [.. tags]));
        return this;
    }

    public GeoPoint At(double row, double column) => new(45 + (row * Step), 7 + (column * Step));

    public byte[] ToPbf()
    {
        using var stream = new MemoryStream();
        using (var writer = new OsmPbfWriter(stream))
        {
            foreach (var (id, (lat, lon)) in _nodes)
            {
                writer.AddNode(id, (int)Math.Round(lat * 1e7), (int)Math.Round(lon * 1e7));
            }

            foreach (var way in _ways)
            {
                writer.AddWay(way.Id, way.Refs, way.Tags);
            }

            foreach (var relation in _relations)
            {
                writer.AddRelation(relation.Id, relation.Members, relation.Tags);
            }
        }

        return stream.ToArray();
    }

    public (RoadGraph Graph, ImportStatistics Statistics) Import(TravelProfile? profile = null)
    {
        using var stream = new MemoryStream(ToPbf());
        return new OsmRoadGraphImporter(profile ?? new CarProfile()).Import(stream);
    }
}
