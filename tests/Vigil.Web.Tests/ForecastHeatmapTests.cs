using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Vigil.Domain.Accounts;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Hosting;

namespace Vigil.Web.Tests;

/// <summary>
/// The forecast heatmap in a real Chromium: an analyst turns the layer on, the server fits in the background, and the
/// canvas and the disparity report appear. The server has a two-district city and a generated burglary history with
/// one hotspot in the western district.
/// </summary>
public sealed class ForecastHeatmapTests : IAsyncLifetime
{
    private const float Timeout = 60_000;
    private const string Password = "Correct-Horse-Battery-9";
    private static readonly GeoView Centre = new(44.4949, 11.3426);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "vigil-web-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private string _baseUrl = string.Empty;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            return;
        }

        Directory.CreateDirectory(_folder);
        var incidents = Path.Combine(_folder, "incidents.csv");
        await File.WriteAllTextAsync(incidents, History());
        _app = VigilApp.Build([], new Dictionary<string, string?>
        {
            ["Vigil:DataDirectory"] = _folder,
            ["Vigil:AdminPassword"] = Password,
            ["Vigil:Forecasting:IncidentsFile"] = incidents,
            ["Vigil:Forecasting:DataLabel"] = "generated test history",
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        await _app.StartAsync();
        _baseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var time = _app.Services.GetRequiredService<TimeProvider>();
        var users = _app.Services.GetRequiredService<IUserStore>();
        await AccountFactory.CreateAsync(users, "analyst", "Test Analyst", Role.Analyst, Password, "test", time, CancellationToken.None);
        await AccountFactory.CreateAsync(users, "operator", "Test Operator", Role.Operator, Password, "test", time, CancellationToken.None);
        var c = Centre;
        var layers = new CityLayers("Test City", c,
            [
                new MapDistrict("West", [new(c.Lat - 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon - 0.02), new(c.Lat + 0.01, c.Lon), new(c.Lat - 0.01, c.Lon)]),
                new MapDistrict("East", [new(c.Lat - 0.01, c.Lon), new(c.Lat + 0.01, c.Lon), new(c.Lat + 0.01, c.Lon + 0.02), new(c.Lat - 0.01, c.Lon + 0.02)]),
            ],
            []);
        await _app.Services.GetRequiredService<ICityMapStore>().SaveAsync(layers, new AuditRecord(time.GetUtcNow(), "test", "map.replace", "map", "city", null, null), CancellationToken.None);
        (_playwright, _browser) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }

        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temporary folder is harmless; failing the run over it is not.
            }
        }
    }

    [ChromiumFact]
    public async Task Analyst_turns_on_the_forecast_and_sees_the_heatmap_and_disparity_report()
    {
        var page = await SignedInConsoleAsync("analyst");

        await page.Locator("#forecast-toggle").CheckAsync();

        // The forecast's disparity table, then the patrol plan's table of patrol-time shares beside it: one row per district each.
        var rows = page.Locator(".forecast-panel table.disparity:not(.patrol-shares) tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".forecast-panel table.patrol-shares tbody tr")).ToHaveCountAsync(2, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator(".forecast-panel")).ToContainTextAsync("generated test history");
        await Assertions.Expect(page.Locator(".forecast-panel")).ToContainTextAsync("West");
        var painted = await page.EvaluateAsync<int>(
            """
            () => {
              const canvas = document.querySelector("canvas.vigil-forecast");
              if (!canvas) return -1;
              const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
              return n;
            }
            """);
        Assert.True(painted > 0, $"the forecast canvas should have painted cells (got {painted})");
        await Browser.ScreenshotAsync(page, "console-forecast.png");

        await page.Locator("#forecast-toggle").UncheckAsync();
        Assert.Equal(0, await page.Locator("canvas.vigil-forecast").CountAsync());
    }

    [ChromiumFact]
    public async Task Operator_has_no_forecast_layer()
    {
        var page = await SignedInConsoleAsync("operator");

        Assert.Equal(0, await page.Locator("#forecast-toggle").CountAsync());
    }

    /// <summary>400 days of burglaries: half around one point in the western district, half spread over the city.</summary>
    private static string History()
    {
        var random = new Random(17);
        var end = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var csv = new StringBuilder("time,category,lon,lat\n");
        for (var i = 0; i < 1200; i++)
        {
            var at = end.AddDays(-400 * random.NextDouble());
            var hotspot = i % 2 == 0;
            var lat = hotspot ? Centre.Lat + 0.003 + (0.001 * (random.NextDouble() - 0.5)) : Centre.Lat + (0.02 * (random.NextDouble() - 0.5));
            var lon = hotspot ? Centre.Lon - 0.012 + (0.001 * (random.NextDouble() - 0.5)) : Centre.Lon + (0.04 * (random.NextDouble() - 0.5));
            csv.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-ddTHH:mm:ss},burglary,{lon:0.000000},{lat:0.000000}\n");
        }

        return csv.ToString();
    }

    private async Task<IPage> SignedInConsoleAsync(string user)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = _baseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#login-user").FillAsync(user);
        await page.Locator("#login-password").FillAsync(Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#app[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        return page;
    }
}
