using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Vigil.Server.Hosting;

namespace Vigil.LoadHarness;

/// <summary>The server under load: one started in this process on a temporary folder, or one already running.</summary>
public sealed class LoadTarget : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly string? _folder;

    private LoadTarget(Uri baseAddress, string token, WebApplication? app, string? folder)
    {
        BaseAddress = baseAddress;
        AdminToken = token;
        _app = app;
        _folder = folder;
    }

    public Uri BaseAddress { get; }

    public string AdminToken { get; }

    public bool Embedded => _app is not null;

    /// <param name="url">A running server, or null to start one in this process.</param>
    public static async Task<LoadTarget> OpenAsync(HarnessOptions options, string? url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebApplication? app = null;
        string? folder = null;
        var password = options.AdminPassword;
        if (url is null)
        {
            folder = Path.Combine(Path.GetTempPath(), $"vigil-load-{Guid.NewGuid():N}");
            password = "load-harness-admin-1";
            app = VigilApp.Build([], new Dictionary<string, string?>
            {
                ["urls"] = "http://127.0.0.1:0",
                ["Vigil:DataDirectory"] = folder,
                ["Vigil:AdminPassword"] = password,
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            });
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        }

        var baseAddress = new Uri(url.TrimEnd('/') + "/");
        using var client = new HttpClient { BaseAddress = baseAddress };
        using var login = await client.PostAsJsonAsync("api/v1/auth/login", new { userName = "admin", password }, cancellationToken).ConfigureAwait(false);
        login.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await login.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return new LoadTarget(baseAddress, body.RootElement.GetProperty("token").GetString()!, app, folder);
    }

    /// <summary>Registers acoustic sensors spread over a 6 km square and returns their ids and keys.</summary>
    public async Task<(string[] Ids, string[] Keys)> RegisterDevicesAsync(int count, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        var run = Guid.NewGuid().ToString("N")[..6];
        var keys = new string[count];
        var ids = new string[count];
        var random = new Random(5);
        using var gate = new SemaphoreSlim(16);
        var tasks = new Task[count];
        for (var i = 0; i < count; i++)
        {
            var index = i;
            var location = new { lat = 44.47 + (random.NextDouble() * 0.054), lon = 11.30 + (random.NextDouble() * 0.075) };
            tasks[i] = Task.Run(async () =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var request = new
                    {
                        id = ids[index] = $"load-{run}-{index:D5}",
                        name = $"Load sensor {index}",
                        kind = "Acoustic",
                        location,
                        agencyId = "police",
                        quantities = new[] { new { name = "impulse_db", unit = "dB" } },
                    };
                    using var response = await client.PostAsJsonAsync("api/v1/devices", request, cancellationToken).ConfigureAwait(false);
                    var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw new InvalidOperationException($"registering a device failed: {(int)response.StatusCode} {text}");
                    }

                    using var created = JsonDocument.Parse(text);
                    keys[index] = created.RootElement.GetProperty("apiKey").GetString()!;
                }
                finally
                {
                    gate.Release();
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return (ids, keys);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }

        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
