using System.Text.Json;
using Vigil.Simulation;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// The generated city and its synthetic incident history as files (CSV plus district GeoJSON), as <c>vigil demo</c>
/// writes them: what the forecasting server and the forecast commands read.
/// </summary>
public static class SyntheticForecastData
{
    /// <summary>The generated city whose incident history is forecast.</summary>
    public static CityModel City() => CityGenerator.Generate(seed: 11, deviceCount: 7);

    /// <summary>Writes synthetic-incidents.csv and districts.geojson into the folder and returns their paths.</summary>
    public static (string IncidentsFile, string DistrictsFile) Write(string folder)
    {
        var city = City();
        var incidents = IncidentHistoryGenerator.Generate(city, seed: 11, end: new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), days: 540);
        var csv = Path.Combine(folder, "synthetic-incidents.csv");
        using (var writer = new StreamWriter(csv))
        {
            IncidentHistoryGenerator.WriteCsv(incidents, writer);
        }

        var districts = Path.Combine(folder, "districts.geojson");
        File.WriteAllText(districts, JsonSerializer.Serialize(new
        {
            type = "FeatureCollection",
            features = city.Districts.Select(d => new
            {
                type = "Feature",
                properties = new { name = d.Name },
                geometry = new { type = "Polygon", coordinates = new[] { d.Ring.Append(d.Ring[0]).Select(p => new[] { p.Lon, p.Lat }).ToArray() } },
            }),
        }));
        return (csv, districts);
    }
}
