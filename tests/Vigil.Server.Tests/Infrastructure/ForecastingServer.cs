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
    protected static CityModel City() => SyntheticForecastData.City();

    private static Dictionary<string, string?> Configure(out string folder)
    {
        folder = Path.Combine(Path.GetTempPath(), "vigil-forecast-tests-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var (csv, districts) = SyntheticForecastData.Write(folder);
        return new Dictionary<string, string?>
        {
            ["Vigil:Forecasting:IncidentsFile"] = csv,
            ["Vigil:Forecasting:BoundaryFile"] = districts,
            ["Vigil:Forecasting:DistrictsFile"] = districts,
            ["Vigil:Forecasting:DataLabel"] = IncidentHistoryGenerator.Label,
        };
    }
}
