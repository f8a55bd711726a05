using System.Text.Json;
using Vigil.Forecasting.Data;
using Vigil.Forecasting.Safeguards;

namespace Vigil.Server.Forecasting;

/// <summary>
/// Writes a forecast as a GeoJSON FeatureCollection (RFC 7946, [lon, lat]): one Polygon per city cell with its
/// intensity (share of the forecast's mass), rank (1 = highest) and hotspot flag, plus foreign members with the model,
/// the disparity report, the feedback-loop check and the audit record. Cells hold places only: nothing about people.
/// </summary>
public static class ForecastGeoJson
{
    public static byte[] Write(ForecastFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            WriteForecast(json, fit);
            WriteDisparity(json, fit);
            WriteFeedbackLoop(json, fit);
            WriteAudit(json, fit);
            WriteCells(json, fit);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteForecast(Utf8JsonWriter json, ForecastFit fit)
    {
        var grid = fit.Grid;
        var metres = fit.History.Projection.MetresPerUnit;
        json.WriteStartObject("forecast");
        json.WriteString("category", fit.Category);
        json.WriteStartArray("categories");
        foreach (var c in fit.Categories)
        {
            json.WriteStringValue(c);
        }

        json.WriteEndArray();

        // What a client may ask for: the data's categories that the category policy allows.
        json.WriteStartArray("allowedCategories");
        foreach (var c in fit.History.Incidents.CategoryNames)
        {
            if (!CategoryPolicy.IsDiscretionary(c))
            {
                json.WriteStringValue(c);
            }
        }

        json.WriteEndArray();
        json.WriteNumber("horizonDays", fit.HorizonDays);
        json.WriteString("origin", Date(fit.OriginDay));
        json.WriteString("until", Date(fit.OriginDay + fit.HorizonDays));
        json.WriteString("model", fit.Model);
        json.WriteString("settings", fit.Settings);
        json.WriteString("crs", fit.History.Projection.Name);
        json.WriteNumber("cellSizeMetres", Math.Round(grid.CellSize * metres, 3));
        json.WriteNumber("cells", grid.InsideCells.Length);
        json.WriteNumber("flaggedCells", fit.FlaggedCells);
        json.WriteNumber("incidents", fit.Incidents);
        json.WriteString("dataSource", fit.History.Source);
        if (fit.History.Label is { } label)
        {
            json.WriteString("dataLabel", label);
        }

        json.WriteString("fittedAt", fit.FittedAt);
        json.WriteString("use", "Places only: aggregate patrol and prevention planning. Never grounds for suspicion of any person (docs/forecasting-model-card.md).");
        json.WriteEndObject();
    }

    private static void WriteDisparity(Utf8JsonWriter json, ForecastFit fit)
    {
        var report = fit.Disparity;
        var over = report.OverTargeted();
        json.WriteStartObject("disparity");
        json.WriteString("incidentsFrom", Date(report.IncidentFromDay));
        json.WriteString("incidentsUntil", Date(report.IncidentToDay));
        json.WriteNumber("incidents", report.Incidents);
        json.WriteNumber("flaggedCells", report.FlaggedCells);
        json.WriteNumber("overTargetedRatio", 1.5);
        json.WriteStartArray("districts");
        foreach (var d in report.Districts)
        {
            json.WriteStartObject();
            json.WriteString("district", d.District);
            json.WriteNumber("areaShare", d.AreaShare);
            json.WriteNumber("flaggedShare", d.FlaggedShare);
            json.WriteNumber("incidentShare", d.IncidentShare);
            if (double.IsFinite(d.FlaggedToIncidentRatio))
            {
                json.WriteNumber("flaggedToIncidentRatio", d.FlaggedToIncidentRatio);
            }
            else
            {
                // Flagged with no incidents at all: infinite, which JSON cannot carry.
                json.WriteNull("flaggedToIncidentRatio");
            }

            json.WriteBoolean("overTargeted", over.Contains(d));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFeedbackLoop(Utf8JsonWriter json, ForecastFit fit)
    {
        if (fit.FeedbackLoop is not { } loop)
        {
            return;
        }

        json.WriteStartObject("feedbackLoop");
        json.WriteBoolean("warning", loop.Warning);
        json.WriteString("message", loop.Message);
        json.WriteNumber("flagged", loop.Flagged);
        json.WriteNumber("persistent", loop.Persistent);
        json.WriteNumber("unexplained", loop.Unexplained);
        json.WriteEndObject();
    }

    private static void WriteAudit(Utf8JsonWriter json, ForecastFit fit)
    {
        var audit = fit.Audit;
        json.WriteStartObject("audit");
        json.WriteString("runBy", audit.RunBy);
        json.WriteString("at", audit.At);
        json.WriteString("operation", audit.Operation);
        json.WriteString("dataSource", audit.DataSource);
        json.WriteString("dataSha256", audit.DataSha256);
        json.WriteNumber("dataBytes", audit.DataBytes);
        json.WriteStartObject("parameters");
        foreach (var (name, value) in audit.Parameters)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
        json.WriteStartArray("excludedCategories");
        foreach (var c in audit.ExcludedCategories)
        {
            json.WriteStringValue(c);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCells(Utf8JsonWriter json, ForecastFit fit)
    {
        var grid = fit.Grid;
        var projection = fit.History.Projection;
        var total = 0.0;
        foreach (var cell in grid.InsideCells)
        {
            total += fit.Scores[cell];
        }

        json.WriteStartArray("features");
        var size = grid.CellSize;
        for (var rank = 0; rank < fit.Order.Length; rank++)
        {
            var cell = fit.Order[rank];
            var x0 = grid.CentreX(cell) - (size / 2);
            var y0 = grid.CentreY(cell) - (size / 2);
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteNumber("id", cell);
            json.WriteStartObject("properties");
            json.WriteNumber("intensity", total > 0 ? fit.Scores[cell] / total : 0);
            json.WriteNumber("rank", rank + 1);
            json.WriteBoolean("hotspot", rank < fit.FlaggedCells);
            json.WriteEndObject();
            json.WriteStartObject("geometry");
            json.WriteString("type", "Polygon");
            json.WriteStartArray("coordinates");
            json.WriteStartArray();

            // Counter-clockwise exterior ring, closed, as RFC 7946 asks.
            Corner(json, projection, x0, y0);
            Corner(json, projection, x0 + size, y0);
            Corner(json, projection, x0 + size, y0 + size);
            Corner(json, projection, x0, y0 + size);
            Corner(json, projection, x0, y0);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void Corner(Utf8JsonWriter json, Projection projection, double x, double y)
    {
        var (lon, lat) = projection.Inverse(x, y);
        json.WriteStartArray();
        json.WriteNumberValue(Math.Round(lon, 6));
        json.WriteNumberValue(Math.Round(lat, 6));
        json.WriteEndArray();
    }

    private static string Date(double day) => IncidentCsvReader.FromDays(day).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
