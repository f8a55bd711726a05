using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Apis;
using Vigil.Server.Hosting;

namespace Vigil.ConsoleBench;

/// <summary>
/// A Vigil server in this process on a temporary SQLite folder, seeded with a city of many devices and open
/// incidents. Devices are registered through the same code path as <c>POST /api/v1/devices</c> (validation aside),
/// in parallel so the storage writer's group commit folds them into few transactions.
/// </summary>
public sealed class BenchCity : IAsyncDisposable
{
    public const string UserName = "bench-operator";
    public const string Password = "Console-Bench-Operator-7";

    // A 12 km × 9 km city: large enough that 50,000 devices are a realistic density (about 460 per km²).
    private const double South = 44.44;
    private const double North = 44.52;
    private const double West = 11.26;
    private const double East = 11.40;

    private readonly WebApplication _app;
    private readonly string _folder;

    private BenchCity(WebApplication app, string folder, string baseUrl)
    {
        _app = app;
        _folder = folder;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<BenchCity> StartAsync(int deviceCount, int incidentCount, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"vigil-console-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var app = VigilApp.Build([], new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Vigil:DataDirectory"] = folder,
            ["Vigil:AdminPassword"] = "console-bench-admin-1",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var city = new BenchCity(app, folder, address.TrimEnd('/'));
        await city.SeedAsync(deviceCount, incidentCount, cancellationToken).ConfigureAwait(false);
        return city;
    }

    private async Task SeedAsync(int deviceCount, int incidentCount, CancellationToken cancellationToken)
    {
        var services = _app.Services;
        var time = services.GetRequiredService<TimeProvider>();
        await AccountFactory.CreateAsync(services.GetRequiredService<IUserStore>(), UserName, "Bench Operator", Role.Operator, Password, "bench", time, cancellationToken)
            .ConfigureAwait(false);
        await services.GetRequiredService<ICityMapStore>().SaveAsync(Layers(), new AuditRecord(time.GetUtcNow(), "bench", "map.replace", "map", "city", null, null), cancellationToken)
            .ConfigureAwait(false);

        var store = services.GetRequiredService<IDeviceStore>();
        var registry = services.GetRequiredService<DeviceRegistry>();
        var random = new Random(11);
        var kinds = new[] { DeviceKind.AirQuality, DeviceKind.Acoustic, DeviceKind.Flood, DeviceKind.Traffic };
        var agencies = new[] { "environment", "police", "water", "transport" };
        var pending = new List<Task>(512);
        for (var i = 0; i < deviceCount; i++)
        {
            var k = i % kinds.Length;
            var request = new DevicesApi.DeviceRequest(
                $"BENCH-{i:D6}", $"Bench sensor {i}", kinds[k], new GeoView(South + (random.NextDouble() * (North - South)), West + (random.NextDouble() * (East - West))),
                agencies[k], [new QuantitySpec("value", "")]);
            pending.Add(DevicesApi.RegisterAsync(request, "bench", store, registry, time, cancellationToken));
            if (pending.Count == 512)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        pending.Clear();

        var desk = services.GetRequiredService<OperationsDesk>();
        var types = new[] { "fire", "medical", "crime", "flood", "pollution", "power-fault" };
        for (var i = 0; i < incidentCount; i++)
        {
            var type = types[i % types.Length];
            var location = new GeoPoint(South + (random.NextDouble() * (North - South)), West + (random.NextDouble() * (East - West)));
            pending.Add(desk.CreateIncidentAsync(new NewIncident(type, 1 + (i % 5), location, $"Bench {type} {i}", null), "bench", cancellationToken));
            if (pending.Count == 256)
            {
                await Task.WhenAll(pending).ConfigureAwait(false);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <summary>Districts on a 4 × 3 grid and a street every kilometre or so, for a base map of realistic weight.</summary>
    private static CityLayers Layers()
    {
        var districts = new List<MapDistrict>();
        const int Columns = 4;
        const int Rows = 3;
        for (var r = 0; r < Rows; r++)
        {
            for (var c = 0; c < Columns; c++)
            {
                var s = South + ((North - South) * r / Rows);
                var n = South + ((North - South) * (r + 1) / Rows);
                var w = West + ((East - West) * c / Columns);
                var e = West + ((East - West) * (c + 1) / Columns);
                districts.Add(new MapDistrict($"District {(r * Columns) + c + 1}", [new(s, w), new(n, w), new(n, e), new(s, e)]));
            }
        }

        var streets = new List<MapStreet>();
        for (var lat = South; lat <= North; lat += 0.009)
        {
            streets.Add(new MapStreet($"Street {streets.Count}", streets.Count % 3 == 0, [new(lat, West), new(lat, East)]));
        }

        for (var lon = West; lon <= East; lon += 0.0125)
        {
            streets.Add(new MapStreet($"Avenue {streets.Count}", streets.Count % 3 == 0, [new(South, lon), new(North, lon)]));
        }

        return new CityLayers("Bench City", new GeoView((South + North) / 2, (West + East) / 2), districts, streets);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold its files a moment longer; the folder is under the system's temporary directory.
        }
    }
}
