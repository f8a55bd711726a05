using System.Text.Json;
using Vigil.Platform.Contracts;

namespace Vigil.Server.Web;

/// <summary>Writes the city's base map as a GeoJSON FeatureCollection (RFC 7946: positions are [lon, lat]).</summary>
public static class CityGeoJson
{
    public static byte[] Write(CityLayers? layers)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            if (layers is not null)
            {
                json.WriteString("name", layers.Name);
                json.WriteStartArray("centre");
                json.WriteNumberValue(layers.Centre.Lon);
                json.WriteNumberValue(layers.Centre.Lat);
                json.WriteEndArray();
            }

            json.WriteStartArray("features");
            foreach (var district in layers?.Districts ?? [])
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("layer", "district");
                json.WriteString("name", district.Name);
                json.WriteEndObject();
                json.WriteStartObject("geometry");
                json.WriteString("type", "Polygon");
                json.WriteStartArray("coordinates");
                json.WriteStartArray();
                foreach (var point in district.Ring)
                {
                    WritePosition(json, point);
                }

                // GeoJSON rings are closed: the first position is repeated at the end.
                if (district.Ring.Count > 0)
                {
                    WritePosition(json, district.Ring[0]);
                }

                json.WriteEndArray();
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            foreach (var street in layers?.Streets ?? [])
            {
                json.WriteStartObject();
                json.WriteString("type", "Feature");
                json.WriteStartObject("properties");
                json.WriteString("layer", "street");
                json.WriteString("name", street.Name);
                json.WriteBoolean("arterial", street.Arterial);
                json.WriteEndObject();
                json.WriteStartObject("geometry");
                json.WriteString("type", "LineString");
                json.WriteStartArray("coordinates");
                foreach (var point in street.Points)
                {
                    WritePosition(json, point);
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WritePosition(Utf8JsonWriter json, GeoView point)
    {
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(point.Lon, 6));
        json.WriteNumberValue(Math.Round(point.Lat, 6));
        json.WriteEndArray();
    }
}
