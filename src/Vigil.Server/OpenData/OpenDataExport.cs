using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Platform.Contracts;
using Vigil.Server.Configuration;

namespace Vigil.Server.OpenData;

/// <summary>
/// Residents' reports and incidents as open data (GeoJSON, RFC 7946; CSV, RFC 4180) with no personal data: no
/// contact details, photos, operator names, notes or incident titles, and for sensitive categories neither the
/// description nor the typed address. Only published categories leave (see <see cref="OpenDataOptions"/>).
/// </summary>
public static class OpenDataExport
{
    public const string GeoJson = "geojson";
    public const string Csv = "csv";

    private static readonly string[] ReportColumns = ["id", "category", "status", "created_at", "updated_at", "lat", "lon", "address", "description", "status_note"];
    private static readonly string[] IncidentColumns = ["id", "type", "priority", "status", "source", "created_at", "updated_at", "lat", "lon"];

    public static bool IsFormat(string? format) => format is GeoJson or Csv;

    public static string ContentType(string format) => format == GeoJson ? "application/geo+json" : "text/csv; charset=utf-8";

    /// <summary>The rows of reports as published: one ordered list of values per report, null where a value is withheld or absent.</summary>
    public static List<object?[]> ReportRows(IReadOnlyList<ReportView> reports, OpenDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(options);
        var rows = new List<object?[]>(reports.Count);
        foreach (var r in reports)
        {
            if (!options.IsPublished(r.Category))
            {
                continue;
            }

            var sensitive = options.IsSensitive(r.Category);
            rows.Add([r.Ticket, r.Category, r.Status.ToString(), Time(r.CreatedAt), Time(r.UpdatedAt), r.Location?.Lat, r.Location?.Lon,
                sensitive ? null : r.LocationText, sensitive ? null : r.Description, r.StatusNote]);
        }

        return rows;
    }

    public static List<object?[]> IncidentRows(IReadOnlyList<IncidentView> incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        var rows = new List<object?[]>(incidents.Count);
        foreach (var i in incidents)
        {
            rows.Add([i.Id, i.Type, i.Priority, i.Status.ToString(), i.Source, Time(i.CreatedAt), Time(i.UpdatedAt), i.Location.Lat, i.Location.Lon]);
        }

        return rows;
    }

    public static byte[] Reports(IReadOnlyList<ReportView> reports, OpenDataOptions options, string format) =>
        Write(ReportColumns, ReportRows(reports, options), format);

    public static byte[] Incidents(IReadOnlyList<IncidentView> incidents, string format) =>
        Write(IncidentColumns, IncidentRows(incidents), format);

    private static byte[] Write(string[] columns, List<object?[]> rows, string format) =>
        format == GeoJson ? WriteGeoJson(columns, rows) : Encoding.UTF8.GetBytes(WriteCsv(columns, rows));

    /// <summary>A FeatureCollection of points ([lon, lat], RFC 7946); lat and lon also stay as properties for spreadsheet users.</summary>
    private static byte[] WriteGeoJson(string[] columns, List<object?[]> rows)
    {
        var lat = Array.IndexOf(columns, "lat");
        var lon = Array.IndexOf(columns, "lon");
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "FeatureCollection");
            writer.WriteStartArray("features");
            foreach (var row in rows)
            {
                writer.WriteStartObject();
                writer.WriteString("type", "Feature");
                if (row[lat] is double y && row[lon] is double x)
                {
                    writer.WriteStartObject("geometry");
                    writer.WriteString("type", "Point");
                    writer.WriteStartArray("coordinates");
                    writer.WriteNumberValue(x);
                    writer.WriteNumberValue(y);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WriteNull("geometry");
                }

                writer.WriteStartObject("properties");
                for (var c = 0; c < columns.Length; c++)
                {
                    writer.WritePropertyName(columns[c]);
                    switch (row[c])
                    {
                        case null:
                            writer.WriteNullValue();
                            break;
                        case double d:
                            writer.WriteNumberValue(d);
                            break;
                        case long l:
                            writer.WriteNumberValue(l);
                            break;
                        case int i:
                            writer.WriteNumberValue(i);
                            break;
                        default:
                            writer.WriteStringValue(row[c]!.ToString());
                            break;
                    }
                }

                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string WriteCsv(string[] columns, List<object?[]> rows)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', columns).Append("\r\n");
        foreach (var row in rows)
        {
            for (var c = 0; c < row.Length; c++)
            {
                if (c > 0)
                {
                    csv.Append(',');
                }

                switch (row[c])
                {
                    case null:
                        break;
                    case double d:
                        csv.Append(d.ToString("R", CultureInfo.InvariantCulture));
                        break;
                    case long l:
                        csv.Append(l.ToString(CultureInfo.InvariantCulture));
                        break;
                    case int i:
                        csv.Append(i.ToString(CultureInfo.InvariantCulture));
                        break;
                    default:
                        AppendText(csv, row[c]!.ToString()!);
                        break;
                }
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>
    /// RFC 4180 quoting. Text a resident typed that starts like a formula (=, +, -, @) gets a leading apostrophe, so a
    /// spreadsheet opening the file shows it rather than running it (OWASP "CSV injection").
    /// </summary>
    private static void AppendText(StringBuilder csv, string text)
    {
        var formula = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        var quote = formula || text.AsSpan().IndexOfAny(",\"\r\n") >= 0;
        if (!quote)
        {
            csv.Append(text);
            return;
        }

        csv.Append('"');
        if (formula)
        {
            csv.Append('\'');
        }

        csv.Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
