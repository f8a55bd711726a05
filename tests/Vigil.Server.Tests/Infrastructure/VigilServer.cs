using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Domain.Accounts;
using Vigil.Domain.Devices;
using Vigil.Domain.Geo;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// The real server, composed by <c>VigilApp.Build</c> exactly as <c>vigil serve</c> composes it, on a free loopback port
/// with its own SQLite file in a temporary folder. One instance is shared by the tests of a class.
/// </summary>
public class VigilServer : IAsyncLifetime
{
    public const string AdminPassword = "correct-horse-battery-staple";
    public const string UserPassword = "role-password-123";

    private readonly ConcurrentDictionary<Role, Task<HttpClient>> _roleClients = new();
    private readonly List<HttpClient> _clients = [];
    private WebApplication? _app;
    private Task<TestDevice>? _sharedDevice;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _configureServices;
    private Task<HttpClient>? _admin;

    public VigilServer()
        : this(new Dictionary<string, string?>())
    {
    }

    /// <summary>
    /// A server with extra configuration (a storage choice, a forecasting data set) over the test defaults. Not public:
    /// a class fixture may have only one public constructor.
    /// </summary>
    protected internal VigilServer(IReadOnlyDictionary<string, string?> settings)
        : this(settings, null)
    {
    }

    /// <summary>A server whose services are changed after composition (a bus that fails on purpose, say).</summary>
    protected internal VigilServer(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices)
    {
        _settings = settings;
        _configureServices = configureServices;
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "vigil-tests-" + Guid.NewGuid().ToString("n"));

    public Uri BaseAddress { get; private set; } = null!;

    public WebApplication App => _app ?? throw new InvalidOperationException("The server has not started.");

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        var settings = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Vigil:DataDirectory"] = DataDirectory,
            ["Vigil:AdminPassword"] = AdminPassword,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        _app = Hosting.VigilApp.Build([], settings, configureServices: services =>
        {
            ConfigureServices(services);
            _configureServices?.Invoke(services);
        });
        await _app.StartAsync();
        var addresses = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());
        Anonymous = NewClient();
    }

    /// <summary>Services a fixture adds to the composition (a road network, say); none by default.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        // SQLite pools connections; clearing them releases the file so the folder can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; failing the run over it is not.
        }
    }

    /// <summary>A new client without cookies, so that each carries only the credentials given to it.</summary>
    public HttpClient NewClient()
    {
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        lock (_clients)
        {
            _clients.Add(client);
        }

        return client;
    }

    /// <summary>The first-run admin, signed in once (password hashing is deliberately slow).</summary>
    public Task<HttpClient> AdminAsync() => LazyInitializer.EnsureInitialized(ref _admin, () => SignInAsync("admin", AdminPassword));

    /// <summary>A client signed in (bearer token) as a user of the role, created on first use.</summary>
    public Task<HttpClient> AsAsync(Role role) => _roleClients.GetOrAdd(role, CreateRoleUserAsync);

    public async Task<HttpClient> SignInAsync(string userName, string password)
    {
        var client = NewClient();
        using var response = await Anonymous.PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>One air-quality device for tests that only need some valid device key.</summary>
    public Task<TestDevice> SharedDeviceAsync() =>
        LazyInitializer.EnsureInitialized(ref _sharedDevice, () => RegisterDeviceAsync(DeviceKind.AirQuality, ["pm25", "no2"]));

    /// <summary>Registers a device as admin; returns its id and API key.</summary>
    public Task<TestDevice> RegisterDeviceAsync(DeviceKind kind, string[] quantities, GeoPoint? location = null) =>
        RegisterDeviceAsync(kind, Array.ConvertAll(quantities, q => (q, "u")), location);

    /// <summary>Registers a device whose quantities have real units (so that unit-derived limits apply); returns its id and API key.</summary>
    public async Task<TestDevice> RegisterDeviceAsync(DeviceKind kind, (string Name, string Unit)[] quantities, GeoPoint? location = null)
    {
        var admin = await AdminAsync();
        var id = $"{kind.ToString().ToLowerInvariant()}-{Guid.NewGuid():n}";
        var at = location ?? TestPlaces.Next();
        var request = new
        {
            id,
            name = "Test " + id,
            kind = kind.ToString(),
            location = new { lat = at.Lat, lon = at.Lon },
            agencyId = "city",
            quantities = Array.ConvertAll(quantities, q => new { name = q.Name, unit = q.Unit }),
        };
        using var response = await admin.PostAsJsonAsync("/api/v1/devices", request);
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.Created);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["apiKey"]!.GetValue<string>();
        var client = NewClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return new TestDevice(id, key, at, client);
    }

    private async Task<HttpClient> CreateRoleUserAsync(Role role)
    {
        var admin = await AdminAsync();
        var userName = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():n}"[..24];
        using var response = await admin.PostAsJsonAsync("/api/v1/users", new { userName, displayName = role.ToString(), role = role.ToString(), password = UserPassword });
        await Expect.StatusAsync(response, System.Net.HttpStatusCode.Created);
        return await SignInAsync(userName, UserPassword);
    }
}
