using System.Runtime.InteropServices;
using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// Builds a <see cref="RoadGraph"/> from an OSM PBF file in two passes, the layout osmium and OSRM use:
/// pass 1 keeps the ways the profile may use and its turn restrictions, pass 2 keeps the coordinates of only the nodes those
/// ways use. Memory therefore grows with the road network (about 40 bytes per referenced node plus the graph),
/// not with the whole file, and time grows linearly with the file plus an n log n sort of the node references.
/// </summary>
public sealed class OsmRoadGraphImporter
{
    private readonly TravelProfile _profile;

    public OsmRoadGraphImporter(TravelProfile profile)
    {
        _profile = profile ?? throw new ArgumentNullException(nameof(profile));
    }

    /// <summary>Imports a seekable PBF stream; throws <see cref="OsmFormatException"/> on unreadable input.</summary>
    public (RoadGraph Graph, ImportStatistics Statistics) Import(
        Stream pbf,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pbf);
        if (!pbf.CanSeek)
        {
            throw new ArgumentException("The PBF stream must be seekable: the import reads it twice.", nameof(pbf));
        }

        var start = pbf.Position;
        var length = Math.Max(1, pbf.Length - start);

        var ways = new WayCollector(_profile);
        OsmPbfReader.Read(pbf, ways, OsmElementKinds.Ways | OsmElementKinds.Relations, Report(progress, "ways", length), cancellationToken);

        progress?.Report(new ImportProgress("nodes index", 0));
        var used = UsedNodes.From(ways, cancellationToken);

        pbf.Position = start;
        var coordinates = new NodeCollector(used);
        OsmPbfReader.Read(pbf, coordinates, OsmElementKinds.Nodes, Report(progress, "nodes", length), cancellationToken);

        progress?.Report(new ImportProgress("graph", 0));
        var builder = new GraphAssembler(_profile, ways, used);
        builder.BuildEdges(cancellationToken);
        var applied = builder.BuildTurns(ways.Restrictions);
        progress?.Report(new ImportProgress("components", 0));
        var (graph, dropped) = builder.KeepLargestComponent();
        progress?.Report(new ImportProgress("components", 1));

        var statistics = new ImportStatistics
        {
            WaysRead = ways.WaysRead,
            DrivableWays = ways.Count,
            NodesReferenced = used.Ids.Length,
            NodesMissing = used.Ids.Length - coordinates.Found,
            RestrictionsRead = ways.Restrictions.Count,
            RestrictionsApplied = applied,
            ArcsOutsideLargestComponent = dropped,
            Nodes = graph.NodeCount,
            Edges = graph.EdgeCount,
            Arcs = graph.ArcCount,
            Turns = graph.TurnCount,
        };
        return (graph, statistics);
    }

    private static ByteProgress? Report(IProgress<ImportProgress>? progress, string phase, long length) =>
        progress is null ? null : new ByteProgress(progress, phase, length);

    /// <summary>Turns bytes read into a fraction of the file, on the reading thread.</summary>
    private sealed class ByteProgress(IProgress<ImportProgress> target, string phase, long length) : IProgress<long>
    {
        public void Report(long value) => target.Report(new ImportProgress(phase, Math.Clamp((double)value / length, 0, 1)));
    }

    /// <summary>Pass 1: usable ways (ids, node references, rules) and turn restrictions.</summary>
    internal sealed class WayCollector(TravelProfile profile) : IOsmHandler
    {
        public readonly List<long> WayIds = [];
        public readonly List<int> RefFirst = [0];
        public readonly List<long> Refs = [];
        public readonly List<WayRule> Rules = [];
        public readonly List<TurnRestriction> Restrictions = [];

        public long WaysRead { get; private set; }

        public int Count => WayIds.Count;

        public void Node(long id, int latE7, int lonE7, OsmTagList tags)
        {
        }

        public void Way(long id, ReadOnlySpan<long> nodeRefs, OsmTagList tags)
        {
            WaysRead++;
            if (nodeRefs.Length < 2 || !profile.TryGetWay(tags, out var rule))
            {
                return;
            }

            WayIds.Add(id);
            Rules.Add(rule);
            foreach (var r in nodeRefs)
            {
                Refs.Add(r);
            }

            RefFirst.Add(Refs.Count);
        }

        public void Relation(long id, ReadOnlySpan<OsmMember> members, OsmTagList tags)
        {
            if (tags.Get("type") != "restriction")
            {
                return;
            }

            string? value = null;
            foreach (var key in profile.RestrictionKeys)
            {
                value = tags.Get(key);
                if (value is not null)
                {
                    break;
                }
            }

            if (value is null)
            {
                return;
            }

            var only = value.StartsWith("only_", StringComparison.Ordinal);
            if (!only && !value.StartsWith("no_", StringComparison.Ordinal))
            {
                return;
            }

            var except = tags.Get("except");
            if (except is not null)
            {
                foreach (var mode in except.Split(';', StringSplitOptions.TrimEntries))
                {
                    foreach (var exempt in profile.RestrictionExemptions)
                    {
                        if (mode == exempt)
                        {
                            return;
                        }
                    }
                }
            }

            long from = 0;
            long via = 0;
            long to = 0;
            int fromCount = 0, viaCount = 0, toCount = 0;
            foreach (var m in members)
            {
                switch (m.Role)
                {
                    case "from" when m.Type == OsmMemberType.Way:
                        from = m.Id;
                        fromCount++;
                        break;
                    case "to" when m.Type == OsmMemberType.Way:
                        to = m.Id;
                        toCount++;
                        break;
                    case "via" when m.Type == OsmMemberType.Node:
                        via = m.Id;
                        viaCount++;
                        break;
                    case "via":
                        // Via-way restrictions need a longer turn history than one arc; they are not applied.
                        return;
                }
            }

            if (fromCount == 1 && viaCount == 1 && toCount == 1)
            {
                Restrictions.Add(new TurnRestriction(from, via, to, only));
            }
        }
    }

    /// <summary>The sorted distinct node ids the usable ways reference, and which of them must be graph nodes.</summary>
    internal sealed class UsedNodes
    {
        public required long[] Ids { get; init; }

        /// <summary>True for nodes shared by two or more way positions or ending a way: intersections and dead ends.</summary>
        public required bool[] IsJunction { get; init; }

        public required int[] LatE7 { get; init; }

        public required int[] LonE7 { get; init; }

        public required bool[] HasCoordinate { get; init; }

        public int IndexOf(long id) => Array.BinarySearch(Ids, id);

        public static UsedNodes From(WayCollector ways, CancellationToken cancellationToken)
        {
            var all = CollectionsMarshal.AsSpan(ways.Refs).ToArray();
            Array.Sort(all);
            cancellationToken.ThrowIfCancellationRequested();
            var distinct = 0;
            for (var i = 0; i < all.Length; i++)
            {
                if (i == 0 || all[i] != all[i - 1])
                {
                    all[distinct++] = all[i];
                }
            }

            var ids = all.AsSpan(0, distinct).ToArray();
            var counts = new byte[distinct];
            foreach (var r in ways.Refs)
            {
                var k = Array.BinarySearch(ids, r);
                if (counts[k] < 2)
                {
                    counts[k]++;
                }
            }

            var junction = new bool[distinct];
            for (var i = 0; i < distinct; i++)
            {
                junction[i] = counts[i] >= 2;
            }

            for (var w = 0; w < ways.Count; w++)
            {
                junction[Array.BinarySearch(ids, ways.Refs[ways.RefFirst[w]])] = true;
                junction[Array.BinarySearch(ids, ways.Refs[ways.RefFirst[w + 1] - 1])] = true;
            }

            return new UsedNodes
            {
                Ids = ids,
                IsJunction = junction,
                LatE7 = new int[distinct],
                LonE7 = new int[distinct],
                HasCoordinate = new bool[distinct],
            };
        }
    }

    /// <summary>Pass 2: coordinates of the used nodes.</summary>
    internal sealed class NodeCollector(UsedNodes used) : IOsmHandler
    {
        public int Found { get; private set; }

        public void Node(long id, int latE7, int lonE7, OsmTagList tags)
        {
            var k = used.IndexOf(id);
            if (k < 0 || used.HasCoordinate[k])
            {
                return;
            }

            used.LatE7[k] = latE7;
            used.LonE7[k] = lonE7;
            used.HasCoordinate[k] = true;
            Found++;
        }

        public void Way(long id, ReadOnlySpan<long> nodeRefs, OsmTagList tags)
        {
        }

        public void Relation(long id, ReadOnlySpan<OsmMember> members, OsmTagList tags)
        {
        }
    }
}
