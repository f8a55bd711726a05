using System.Text.Json;
using Vigil.Routing.Analysis;
using Vigil.Routing.Graph;
using Vigil.Routing.Search;

namespace Vigil.Routing.Geo;

/// <summary>GeoJSON (RFC 7946) output with <see cref="Utf8JsonWriter"/>: positions are [longitude, latitude], 7 decimals.</summary>
public static class GeoJsonWriter
{
    public static void WriteLineString(Utf8JsonWriter writer, IReadOnlyList<GeoPoint> points)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(points);
        writer.WriteStartObject();
        writer.WriteString("type", "LineString");
        writer.WritePropertyName("coordinates");
        writer.WriteStartArray();
        foreach (var p in points)
        {
            WritePosition(writer, p);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WritePosition(Utf8JsonWriter writer, GeoPoint point)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        writer.WriteNumberValue(Math.Round(point.Lon, 7));
        writer.WriteNumberValue(Math.Round(point.Lat, 7));
        writer.WriteEndArray();
    }

    /// <summary>A route as a GeoJSON Feature whose properties hold its distance (m) and duration (s).</summary>
    public static void WriteRouteFeature(Utf8JsonWriter writer, Route route)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(route);
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        writer.WritePropertyName("geometry");
        WriteLineString(writer, route.Geometry);
        writer.WritePropertyName("properties");
        writer.WriteStartObject();
        writer.WriteNumber("distanceMeters", Math.Round(route.DistanceMeters, 1));
        writer.WriteNumber("durationSeconds", Math.Round(route.DurationSeconds, 1));
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Road pieces (an isochrone, a coverage band) as one MultiLineString geometry.</summary>
    public static void WritePieces(Utf8JsonWriter writer, RoadGraph graph, IReadOnlyList<RoadPiece> pieces)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(pieces);
        writer.WriteStartObject();
        writer.WriteString("type", "MultiLineString");
        writer.WritePropertyName("coordinates");
        writer.WriteStartArray();
        foreach (var piece in pieces)
        {
            var line = EdgeGeometry.Slice(graph, piece);
            if (line.Count < 2)
            {
                continue;
            }

            writer.WriteStartArray();
            foreach (var p in line)
            {
                WritePosition(writer, p);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
