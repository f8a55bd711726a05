using Vigil.Routing.Geo;
using Vigil.Routing.Osm;

namespace Vigil.Routing.Import;

/// <summary>
/// Writes a synthetic grid city as OSM PBF: <c>rows × columns</c> junctions <paramref name="SpacingMeters"/> apart,
/// every tenth street a primary road, every third row a oneway street alternating in direction (a Manhattan-like
/// pattern). Used for the demo city and to measure how import time and memory grow with size.
/// </summary>
public sealed record SyntheticGrid(int Rows, int Columns, double SpacingMeters = 100, double OriginLat = 45.0, double OriginLon = 7.0)
{
    public int NodeCount => Rows * Columns;

    public long NodeId(int row, int column) => ((long)row * Columns) + column + 1;

    public GeoPoint Position(int row, int column) => new(
        OriginLat + (row * SpacingMeters / GeoMath.MetersPerDegreeLat),
        OriginLon + (column * SpacingMeters / GeoMath.MetersPerDegreeLon(OriginLat)));

    public void Write(Stream output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Rows < 2 || Columns < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(output), "A grid needs at least 2 rows and 2 columns.");
        }

        using var writer = new OsmPbfWriter(output);
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var p = Position(r, c);
                writer.AddNode(NodeId(r, c), (int)Math.Round(p.Lat * 1e7), (int)Math.Round(p.Lon * 1e7));
            }
        }

        var refs = new long[Math.Max(Rows, Columns)];
        long wayId = 1;
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                refs[c] = NodeId(r, c);
            }

            var highway = r % 10 == 0 ? "primary" : "residential";
            var tags = r % 3 == 1
                ? new[] { Tag("highway", highway), Tag("oneway", r % 2 == 0 ? "yes" : "-1"), Tag("name", $"Row {r}") }
                : [Tag("highway", highway), Tag("name", $"Row {r}")];
            writer.AddWay(wayId++, refs.AsSpan(0, Columns), tags);
        }

        for (var c = 0; c < Columns; c++)
        {
            for (var r = 0; r < Rows; r++)
            {
                refs[r] = NodeId(r, c);
            }

            var highway = c % 10 == 0 ? "primary" : "residential";
            writer.AddWay(wayId++, refs.AsSpan(0, Rows), Tag("highway", highway), Tag("name", $"Column {c}"));
        }
    }

    private static KeyValuePair<string, string> Tag(string key, string value) => new(key, value);
}
