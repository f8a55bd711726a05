using Vigil.Routing.Geo;
using Vigil.Routing.Graph;
using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// A road graph from plain polylines (a synthetic or surveyed city without an OSM extract). The streets go through
/// the same PBF writer and importer as real extracts, so speeds, components and the graph layout follow the same
/// rules; polylines join where they share a vertex (equal to 1e-7 degrees, OSM's own precision).
/// </summary>
public sealed class StreetNetwork
{
    private readonly Dictionary<(int Lat, int Lon), long> _nodes = [];
    private readonly List<(int Lat, int Lon)> _positions = [];
    private readonly List<(long[] Refs, string Highway, string Name)> _ways = [];

    public int StreetCount => _ways.Count;

    /// <summary>Adds a two-way street; <paramref name="highway"/> is an OSM highway class such as primary or residential.</summary>
    public StreetNetwork Add(IReadOnlyList<GeoPoint> points, string highway, string name)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentException.ThrowIfNullOrWhiteSpace(highway);
        if (points.Count < 2)
        {
            throw new ArgumentException("A street needs at least two points.", nameof(points));
        }

        var refs = new long[points.Count];
        for (var i = 0; i < points.Count; i++)
        {
            var key = ((int)Math.Round(points[i].Lat * 1e7), (int)Math.Round(points[i].Lon * 1e7));
            if (!_nodes.TryGetValue(key, out var id))
            {
                id = _positions.Count + 1;
                _nodes[key] = id;
                _positions.Add(key);
            }

            refs[i] = id;
        }

        _ways.Add((refs, highway, name ?? string.Empty));
        return this;
    }

    public RoadGraph Build(TravelProfile? profile = null)
    {
        if (_ways.Count == 0)
        {
            throw new InvalidOperationException("The network has no streets.");
        }

        using var pbf = new MemoryStream();
        using (var writer = new OsmPbfWriter(pbf))
        {
            for (var i = 0; i < _positions.Count; i++)
            {
                writer.AddNode(i + 1, _positions[i].Lat, _positions[i].Lon);
            }

            for (var w = 0; w < _ways.Count; w++)
            {
                var (refs, highway, name) = _ways[w];
                writer.AddWay(w + 1, refs, new KeyValuePair<string, string>("highway", highway), new KeyValuePair<string, string>("name", name));
            }
        }

        pbf.Position = 0;
        return new OsmRoadGraphImporter(profile ?? new CarProfile()).Import(pbf).Graph;
    }
}
