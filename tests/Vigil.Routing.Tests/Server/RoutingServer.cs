using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Units;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Routing.Import;
using Vigil.Server.Hosting;
using Vigil.Server.Routing;
using Vigil.Server.Security;
using DomainPoint = Vigil.Domain.Geo.GeoPoint;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Routing.Tests.Server;

/// <summary>
/// The real server on a free loopback port with its SQLite store in a temporary folder, routing on a small hand-made
/// street network, and a client signed in as a dispatcher.
/// </summary>
internal sealed class RoutingServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _folder;

    private RoutingServer(WebApplication app, string folder, HttpClient client)
    {
        _app = app;
        _folder = folder;
        Client = client;
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Lattice position: <paramref name="north"/> × 0.001° and <paramref name="east"/> × 0.001° from 45 N 7 E.</summary>
    public static DomainPoint At(double north, double east) => new(45 + (north * 0.001), 7 + (east * 0.001));

    /// <summary>Starts the server on <paramref name="streets"/>, and with <paramref name="walking"/> (imported on foot) as its walking network.</summary>
    public static async Task<RoutingServer> StartAsync(StreetNetwork streets, StreetNetwork? walking = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "vigil-routing-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var settings = new Dictionary<string, string?>
        {
            ["Vigil:DataDirectory"] = folder,
            ["Vigil:AdminPassword"] = PasswordPolicy.Generate(),
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        var source = new RoadNetworkSource("test streets", () => RoutingEngine.Create(streets.Build()));
        var app = VigilApp.Build([], settings, configureServices: services =>
        {
            services.AddSingleton(source);
            if (walking is not null)
            {
                services.AddKeyedSingleton(CityRouter.WalkingKey, new RoadNetworkSource("test paths", () => RoutingEngine.Create(walking.Build(new FootProfile()))));
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var password = PasswordPolicy.Generate();
        await AccountFactory.CreateAsync(app.Services.GetRequiredService<IUserStore>(), "dispatcher", "Dispatcher", Role.Dispatcher, password, "test",
            TimeProvider.System, CancellationToken.None).ConfigureAwait(false);
        var client = new HttpClient { BaseAddress = new Uri(address) };
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "dispatcher", password }).ConfigureAwait(false);
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync().ConfigureAwait(false));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.RootElement.GetProperty("token").GetString());
        return new RoutingServer(app, folder, client);
    }

    public async Task AddUnitsAsync(params (string Id, UnitKind Kind, DomainPoint At)[] units)
    {
        var list = new List<ResponseUnit>(units.Length);
        foreach (var (id, kind, at) in units)
        {
            list.Add(new ResponseUnit { Id = id, CallSign = id.ToUpperInvariant(), AgencyId = kind.ToString().ToLowerInvariant(), Kind = kind, Location = at, Station = at });
        }

        var result = await Services.GetRequiredService<OperationsDesk>().RegisterUnitsAsync(list, "test", CancellationToken.None).ConfigureAwait(false);
        Assert.Equal(DeskFailure.None, result.Failure);
    }

    public async Task<long> OpenIncidentAsync(string type, DomainPoint at)
    {
        var result = await Services.GetRequiredService<OperationsDesk>()
            .CreateIncidentAsync(new NewIncident(type, 2, at, $"{type} test", null), "test", CancellationToken.None).ConfigureAwait(false);
        Assert.Equal(DeskFailure.None, result.Failure);
        return result.Value!.Id;
    }

    public async Task<JsonDocument> GetJsonAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative)).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text);
    }

    public static RoadPoint Road(DomainPoint p) => new(p.Lat, p.Lon);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold its file for a moment on some systems; a temp folder left behind is harmless.
        }
    }
}
