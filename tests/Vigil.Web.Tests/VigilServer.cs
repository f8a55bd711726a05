using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Routing;
using Vigil.Routing.Import;
using Vigil.Server.Apis;
using Vigil.Server.Hosting;
using Vigil.Server.Routing;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Web.Tests;

/// <summary>
/// The real server on a free loopback port with a fresh SQLite database, serving the built pages from wwwroot, with a
/// small city: two districts, a street, one smoke sensor, two units and an operator and a dispatcher account.
/// </summary>
public sealed class VigilServer : IAsyncDisposable
{
    public const string Password = "Correct-Horse-Battery-9";
    private readonly string _folder;

    private VigilServer(WebApplication app, string folder, string baseUrl, string deviceKey)
    {
        App = app;
        _folder = folder;
        BaseUrl = baseUrl;
        DeviceKey = deviceKey;
    }

    public WebApplication App { get; }

    public string BaseUrl { get; }

    public string DeviceKey { get; }

    public const string DeviceId = "AQ-TEST-1";

    public static readonly GeoView DeviceLocation = new(44.4949, 11.3426);

    public static async Task<VigilServer> StartAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-web-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var app = VigilApp.Build([], new Dictionary<string, string?>
        {
            ["Vigil:DataDirectory"] = folder,
            ["Vigil:AdminPassword"] = Password,
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        }, configureServices: services => services.AddSingleton(TestRoads()));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var services = app.Services;
        var time = services.GetRequiredService<TimeProvider>();
        var users = services.GetRequiredService<IUserStore>();
        await AccountFactory.CreateAsync(users, "operator", "Test Operator", Role.Operator, Password, "test", time, CancellationToken.None);
        await AccountFactory.CreateAsync(users, "dispatcher", "Test Dispatcher", Role.Dispatcher, Password, "test", time, CancellationToken.None);
        await AccountFactory.CreateAsync(users, "guard", "Test Guard", Role.Guard, Password, "test", time, CancellationToken.None);

        var c = DeviceLocation;
        var layers = new CityLayers("Test City", c,
            [
                new MapDistrict("West", [new(c.Lat - 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon), new(c.Lat - 0.01, c.Lon)]),
                new MapDistrict("East", [new(c.Lat - 0.01, c.Lon), new(c.Lat + 0.01, c.Lon), new(c.Lat + 0.01, c.Lon + 0.02), new(c.Lat - 0.01, c.Lon + 0.02)]),
            ],
            [new MapStreet("Main Street", true, [new(c.Lat, c.Lon - 0.02), new(c.Lat, c.Lon + 0.02)])]);
        await services.GetRequiredService<ICityMapStore>().SaveAsync(layers, new AuditRecord(time.GetUtcNow(), "test", "map.replace", "map", "city", null, null), CancellationToken.None);

        var (_, key) = await DevicesApi.RegisterAsync(
            new DevicesApi.DeviceRequest(DeviceId, "Smoke sensor by the station", DeviceKind.AirQuality, new GeoView(c.Lat + 0.001, c.Lon - 0.001), "environment",
                [new QuantitySpec("pm25", "ug/m3")]),
            "test", services.GetRequiredService<IDeviceStore>(), services.GetRequiredService<DeviceRegistry>(), time, CancellationToken.None);
        await services.GetRequiredService<OperationsDesk>().RegisterUnitsAsync(
            [
                new ResponseUnit { Id = "E-1", CallSign = "Engine 1", AgencyId = "fire", Kind = UnitKind.Fire, Location = new(c.Lat + 0.004, c.Lon), Station = new(c.Lat + 0.004, c.Lon) },
                new ResponseUnit { Id = "M-1", CallSign = "Medic 1", AgencyId = "ems", Kind = UnitKind.Ems, Location = new(c.Lat - 0.006, c.Lon), Station = new(c.Lat - 0.006, c.Lon) },
            ],
            "test", CancellationToken.None);
        return new VigilServer(app, folder, address.TrimEnd('/'), key);
    }

    /// <summary>
    /// A small street grid around the test sensor (every 0.002° both ways, so streets meet at shared points), for the
    /// console's travel-time ranking and route drawing.
    /// </summary>
    private static RoadNetworkSource TestRoads() => new("test grid", () =>
    {
        var c = DeviceLocation;
        var network = new StreetNetwork();
        for (var row = -5; row <= 5; row++)
        {
            var line = new List<RoadPoint>();
            for (var col = -10; col <= 10; col++)
            {
                line.Add(new RoadPoint(c.Lat + (row * 0.002), c.Lon + (col * 0.002)));
            }

            network.Add(line, row == 0 ? "primary" : "residential", $"Row {row}");
        }

        for (var col = -10; col <= 10; col++)
        {
            var line = new List<RoadPoint>();
            for (var row = -5; row <= 5; row++)
            {
                line.Add(new RoadPoint(c.Lat + (row * 0.002), c.Lon + (col * 0.002)));
            }

            network.Add(line, "residential", $"Column {col}");
        }

        return RoutingEngine.Create(network.Build());
    });

    /// <summary>Posts pm25 readings from the test sensor through the real ingest API, as the device itself.</summary>
    public async Task PostSmokeAsync(double pm25, int readings)
    {
        using var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Add("X-Api-Key", DeviceKey);
        var now = DateTimeOffset.UtcNow;
        var observations = new List<object>(readings);
        for (var i = readings - 1; i >= 0; i--)
        {
            observations.Add(new { quantity = "pm25", time = now.AddSeconds(-i), value = pm25 });
        }

        using var response = await client.PostAsJsonAsync("/api/v1/observations", new { batchId = Guid.NewGuid().ToString("N"), observations });
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may hold the file a moment longer on some systems; the temp folder is cleaned by the OS.
        }
    }
}
