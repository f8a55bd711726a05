using System.Text.Json;
using Vigil.Simulation;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// The real server configured with a synthetic incident history of a generated city (CSV plus district GeoJSON in a
/// temporary folder), as <c>vigil demo</c> configures it.
/// </summary>
public class ForecastingServer : VigilServer, IAsyncLifetime
{
    public ForecastingServer()
        : base(Configure(out var folder))
    {
        Folder = folder;
    }

    public string Folder { get; }

    public string IncidentsFile => Path.Combine(Folder, "synthetic-incidents.csv");

    /// <summary>Stops the server, then removes the generated data set.</summary>
    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the run over it is not.
        }
    }

    /// <summary>The generated city whose incident history the server forecasts.</summary>
    protected static CityModel City() => CityGenerator.Generate(seed: 11, deviceCount: 7);

    private static Dictionary<string, string?> Configure(out string folder)
    {
        folder = Path.Combine(Path.GetTempPath(), "vigil-forecast-tests-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
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
        return new Dictionary<string, string?>
        {
            ["Vigil:Forecasting:IncidentsFile"] = csv,
            ["Vigil:Forecasting:BoundaryFile"] = districts,
            ["Vigil:Forecasting:DistrictsFile"] = districts,
            ["Vigil:Forecasting:DataLabel"] = IncidentHistoryGenerator.Label,
        };
    }
}
