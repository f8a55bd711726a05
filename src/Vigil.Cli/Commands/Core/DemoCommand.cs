using System.CommandLine;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;
using Vigil.Cli.Commands.Routing;
using Vigil.Domain.Accounts;
using Vigil.Domain.Units;
using Vigil.Platform.Contracts;
using Vigil.Platform.Hospitals;
using Vigil.Platform.Ingest;
using Vigil.Platform.Operations;
using Vigil.Platform.Ports;
using Vigil.Server.Apis;
using Vigil.Server.Hosting;
using Vigil.Server.Routing;
using Vigil.Server.Security;
using Vigil.Simulation;

namespace Vigil.Cli.Commands.Core;

/// <summary>
/// <c>vigil demo</c>: the embedded server plus a generated city whose devices stream through the real HTTP ingest with
/// their own keys, and scripted emergencies that open incidents within the first minute.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var dataDir = CommonOptions.DataDir(Path.Combine(".vigil", "demo"));
        var urls = CommonOptions.Urls("http://127.0.0.1:8080");
        var devices = new Option<int>("--devices") { Description = "How many sensors the city has (at least 500 for the full mix)", DefaultValueFactory = _ => 560 };
        var seed = new Option<int>("--seed") { Description = "Seed for the city and its events", DefaultValueFactory = _ => 7 };
        var interval = new Option<double>("--interval") { Description = "Seconds between readings of each device", DefaultValueFactory = _ => 1.0 };
        var keep = new Option<bool>("--keep") { Description = "Keep the previous demo's data instead of starting afresh" };
        var graph = new Option<string?>("--graph") { Description = "Route on an imported city (a 'vigil city import' graph file) instead of the synthetic streets; the city is placed on it" };
        var walkGraph = new Option<string?>("--walk-graph")
        {
            Description = "Walking graph for guard tours (a 'vigil city import --profile foot' file); with --graph, the .foot.vgraph file beside it is used when there",
        };
        var command = new Command("demo", "Run the server with a simulated city: sensors, units and scripted emergencies") { dataDir, urls, devices, seed, interval, keep, graph, walkGraph };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(dataDir)!);
            var count = parse.GetValue(devices);
            var seconds = parse.GetValue(interval);
            if (count is < 7 or > 100_000)
            {
                return Output.Fail("--devices must be between 7 and 100000");
            }

            if (seconds is < 0.05 or > 3600)
            {
                return Output.Fail("--interval must be between 0.05 and 3600 seconds");
            }

            if (!parse.GetValue(keep) && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            var adminPassword = PasswordPolicy.Generate();
            var settings = new Dictionary<string, string?>
            {
                ["Vigil:DataDirectory"] = folder,
                ["Vigil:AdminPassword"] = adminPassword,
                ["urls"] = parse.GetValue(urls),
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            };

            RoadNetworkSource? roads = null;
            Vigil.Domain.Geo.GeoPoint? centre = null;
            if (parse.GetValue(graph) is { } graphFile)
            {
                if (!DemoRoadNetwork.TryFromFile(graphFile, out roads, out var middle, out var graphError))
                {
                    return Output.Fail(graphError);
                }

                centre = middle;
            }

            if (!DemoRoadNetwork.TryWalkingFromFile(parse.GetValue(graph), parse.GetValue(walkGraph), out var walking, out var walkError))
            {
                return Output.Fail(walkError);
            }

            var city = CityGenerator.Generate(parse.GetValue(seed), count, centre: centre);

            // Two years of synthetic incidents so that the forecast heatmap works with no setup; labelled synthetic everywhere it shows.
            var incidentsFile = Path.Combine(folder, "synthetic-incidents.csv");
            await using (var writer = new StreamWriter(incidentsFile))
            {
                IncidentHistoryGenerator.WriteCsv(IncidentHistoryGenerator.Generate(city, parse.GetValue(seed), TimeProvider.System.GetUtcNow()), writer);
            }

            settings["Vigil:Forecasting:IncidentsFile"] = incidentsFile;
            settings["Vigil:Forecasting:DataLabel"] = IncidentHistoryGenerator.Label;
            // Guards walk: the synthetic city's streets on foot, or an imported city's walking graph where there is one.
            // An imported city without one leaves guard tours driving on its roads (or walking in straight lines when asked).
            walking ??= parse.GetValue(graph) is null ? DemoRoadNetwork.WalkingFromStreets(city) : null;
            roads ??= DemoRoadNetwork.FromStreets(city);
            await using var app = VigilApp.Build([], settings, configureServices: services =>
            {
                services.AddSingleton(roads);
                if (walking is not null)
                {
                    services.AddKeyedSingleton(CityRouter.WalkingKey, walking);
                }
            });
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var baseUrl = BaseUrl(app);
            var operatorPassword = PasswordPolicy.Generate();
            var keys = await ProvisionAsync(app.Services, city, operatorPassword, cancellationToken).ConfigureAwait(false);
            var (_, open311Key) = await app.Services.GetRequiredService<Vigil.Platform.ApiKeys.ApiKeyDesk>()
                .CreateAsync("Demo city app", "demo", cancellationToken).ConfigureAwait(false);

            // Plain lines, not Spectre markup: these are copied into browsers and scripts, and must not wrap or carry escapes.
            Console.WriteLine($"Vigil demo - {city.Name}: {city.Devices.Count} sensors, {city.Units.Count} units, {city.Districts.Count} districts");
            Console.WriteLine($"  Server      {baseUrl}");
            Console.WriteLine($"  Console     {baseUrl}/  (operator console)");
            Console.WriteLine($"  Portal      {baseUrl}/public  (resident portal, no sign-in)");
            Console.WriteLine($"  API docs    {baseUrl}/openapi/v1.json");
            Console.WriteLine($"  Operator    user: operator    password: {operatorPassword}");
            Console.WriteLine($"  Dispatcher  user: dispatcher  password: {operatorPassword}");
            Console.WriteLine($"  Analyst     user: analyst     password: {operatorPassword}");
            Console.WriteLine($"  Guard       user: guard       password: {operatorPassword}  (guard tours only)");
            Console.WriteLine($"  Police desk user: police      password: {operatorPassword}  (sees suspicious-activity tips)");
            Console.WriteLine($"  Admin       user: admin       password: {adminPassword}");
            Console.WriteLine($"  Sign in     curl -s -X POST {baseUrl}/api/v1/auth/login -H 'Content-Type: application/json' -d '{{\"userName\":\"operator\",\"password\":\"{operatorPassword}\"}}'");
            Console.WriteLine($"  Live feed   curl -N -H \"Authorization: Bearer $TOKEN\" {baseUrl}/api/v1/stream");
            Console.WriteLine($"  Forecasts   {baseUrl}/api/v1/forecasts?category=burglary&horizonDays=7  (analyst or admin; synthetic incident history)");
            Console.WriteLine($"  Open311     {baseUrl}/open311/v2/services.json  (GeoReport v2; POST requests.json with api_key={open311Key})");
            Console.WriteLine($"  Data        {folder}");
            Console.WriteLine($"  Roads       {roads.Description} (routes: {baseUrl}/api/v1/routes?from=lat,lon&to=lat,lon)");
            Console.WriteLine($"  Walking     {walking?.Description ?? "none (import one with 'vigil city import --profile foot')"} (guard tours: POST {baseUrl}/api/v1/guard-tours)");
            AnsiConsole.MarkupLine("Press Ctrl+C to stop.");

            using var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            var (seeded, outbreakAlarms) = await SeedHealthCountsAsync(client, city, operatorPassword, parse.GetValue(seed), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"  Outbreaks   {seeded} synthetic daily counts posted; {outbreakAlarms} outbreak {(outbreakAlarms == 1 ? "alarm" : "alarms")} raised for the outbreak injected in {city.Districts[0].Name} ({baseUrl}/api/v1/alarms?category=PublicHealth)");
            var hospitals = await SeedHospitalsAsync(app.Services, city, parse.GetValue(seed), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"  Hospitals   {hospitals} (one diverting); a medical incident's panel lists the nearest with beds, {baseUrl}/api/v1/hospitals");
            var scenario = new Scenario(city, parse.GetValue(seed) + 4);
            var driver = new CityDriver(client, city, keys, scenario, TimeProvider.System);
            var clock = Stopwatch.StartNew();
            driver.EventStarted += e => AnsiConsole.MarkupLine(
                $"[yellow]{clock.Elapsed:mm\\:ss}[/] event: [bold]{Markup.Escape(e.Name)}[/] ({Markup.Escape(e.IncidentType)}, {e.DeviceIds.Count} sensors, {e.Duration.TotalSeconds:0} s)");

            var cameras = SimulatedCamera.For(city, parse.GetValue(seed));
            var cameraKeys = await DemoCameras.ProvisionAsync(app.Services, cameras, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"  Cameras     {cameras.Count} (tick \"Cameras, zones and tracks\" in the console; events at {baseUrl}/api/v1/cameras/{cameras[0].Id}/events)");
            var cameraDriver = new CameraDriver(client, cameras, cameraKeys, TimeProvider.System);
            var cameraRun = cameraDriver.RunAsync(cancellationToken);

            // Units drive to the incidents they are sent to and back, reporting positions as a dispatcher's fleet would.
            using var fleetClient = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            fleetClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
                "Bearer", await SignInAsync(fleetClient, "dispatcher", operatorPassword, cancellationToken).ConfigureAwait(false));
            var fleet = new FleetDriver(fleetClient, TimeProvider.System).RunAsync(TimeSpan.FromSeconds(2), cancellationToken);

            var feed = app.Services.GetRequiredService<ILiveFeed>();
            var watcher = WatchIncidentsAsync(feed, clock, cancellationToken);
            var progress = ReportAsync(driver, clock, cancellationToken);
            try
            {
                await driver.RunAsync(TimeSpan.FromSeconds(seconds), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }

            await Task.WhenAll(Quietly(watcher), Quietly(progress), Quietly(cameraRun), Quietly(fleet)).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"Stopping: {driver.ObservationsSent:N0} observations sent in {driver.BatchesSent:N0} batches, {driver.Failures:N0} refused.");
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private static async Task<string> SignInAsync(HttpClient client, string userName, string password, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName, password }, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>Creates the operator account, registers every sensor (keeping its key for the driver) and the units.</summary>
    /// <summary>
    /// Posts 90 days of synthetic syndrome counts per district through the API as the analyst, with an outbreak in the
    /// first district over the last 3 days: the server's outbreak watch turns it into outbreak alarms on the console.
    /// </summary>
    /// <returns>The counts posted and the outbreak alarms the upload raised (none again on a --keep rerun of the same day).</returns>
    private static async Task<(int Counts, int Alarms)> SeedHealthCountsAsync(HttpClient client, CityModel city, string analystPassword, int seed, CancellationToken cancellationToken)
    {
        using var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "analyst", password = analystPassword }, cancellationToken).ConfigureAwait(false);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false)).GetProperty("token").GetString();
        var districts = new List<string>(city.Districts.Count);
        foreach (var district in city.Districts)
        {
            districts.Add(district.Name);
        }

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var counts = HealthCountsGenerator.Generate(districts, today, days: 90, outbreakDays: 3, seed: seed + 7);
        var body = new List<object>(counts.Count);
        foreach (var (district, day, count) in counts)
        {
            body.Add(new { syndrome = HealthCountsGenerator.Syndrome, district, period = "Day", start = day, count });
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/outbreaks/counts") { Content = JsonContent.Create(new { counts = body }) };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var stored = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken).ConfigureAwait(false);
        return (counts.Count, stored.GetProperty("alarms").GetInt32());
    }

    /// <summary>
    /// Registers the demo hospitals with their ED status and free beds. A hospital kept from an earlier run (--keep)
    /// stays as it was, with its last reported capacity.
    /// </summary>
    private static async Task<int> SeedHospitalsAsync(IServiceProvider services, CityModel city, int seed, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IHospitalStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var hospitals = SimulatedHospital.For(city, seed + 11);
        foreach (var h in hospitals)
        {
            var status = Enum.Parse<EdStatus>(h.EdStatus, ignoreCase: true);
            var view = new HospitalView(h.Id, h.Name, new GeoView(h.Location.Lat, h.Location.Lon), status, h.FreeBeds, now, "demo");
            await store.AddAsync(view, new AuditRecord(now, "demo", "hospital.register", "hospital", h.Id, null, null), cancellationToken).ConfigureAwait(false);
        }

        return hospitals.Count;
    }

    private static async Task<Dictionary<string, string>> ProvisionAsync(IServiceProvider services, CityModel city, string operatorPassword, CancellationToken cancellationToken)
    {
        var time = services.GetRequiredService<TimeProvider>();
        var users = services.GetRequiredService<IUserStore>();
        await AccountFactory.CreateAsync(users, "operator", "Demo Operator", Role.Operator, operatorPassword, "demo", time, cancellationToken).ConfigureAwait(false);
        await AccountFactory.CreateAsync(users, "dispatcher", "Demo Dispatcher", Role.Dispatcher, operatorPassword, "demo", time, cancellationToken).ConfigureAwait(false);
        await AccountFactory.CreateAsync(users, "analyst", "Demo Analyst", Role.Analyst, operatorPassword, "demo", time, cancellationToken).ConfigureAwait(false);
        // A site guard: signs in to plan and walk guard tours, and sees nothing else of the desk.
        await AccountFactory.CreateAsync(users, "guard", "Demo Guard", Role.Guard, operatorPassword, "demo", time, cancellationToken).ConfigureAwait(false);
        // A police desk officer: the only demo account that sees residents' suspicious-activity tips.
        await AccountFactory.CreateAsync(users, "police", "Demo Police Desk", Role.Operator, operatorPassword, "police", "demo", time, cancellationToken).ConfigureAwait(false);

        await services.GetRequiredService<ICityMapStore>().SaveAsync(DemoCityMap.From(city),
            new AuditRecord(time.GetUtcNow(), "demo", "map.replace", "map", "city", null, null), cancellationToken).ConfigureAwait(false);

        var store = services.GetRequiredService<IDeviceStore>();
        var registry = services.GetRequiredService<DeviceRegistry>();
        var keys = new Dictionary<string, string>(city.Devices.Count, StringComparer.Ordinal);
        var registrations = new List<Task<(string Id, string Key)>>(city.Devices.Count);
        foreach (var device in city.Devices)
        {
            registrations.Add(RegisterAsync(device, store, registry, time, cancellationToken));
        }

        // Registered concurrently so the single writer can commit them in a few large transactions.
        foreach (var (id, key) in await Task.WhenAll(registrations).ConfigureAwait(false))
        {
            keys[id] = key;
        }

        var units = new List<UnitView>(city.Units.Count);
        var now = time.GetUtcNow();
        foreach (var unit in city.Units)
        {
            var station = unit.Station.ToView();
            units.Add(new UnitView(unit.Id, unit.CallSign, unit.AgencyId, unit.Kind, UnitStatus.Available, station, station, null, now));
        }

        // Through the desk's command channel, like the API, so that the fleet is registered whichever node holds the desk.
        var registered = await services.GetRequiredService<IDeskCommandChannel>().SendAsync(DeskCommand.RegisterUnits(units, "demo"), cancellationToken).ConfigureAwait(false);
        if (!registered.Succeeded)
        {
            throw new InvalidOperationException($"The demo fleet was not registered: {registered.Message}");
        }

        return keys;
    }

    private static async Task<(string Id, string Key)> RegisterAsync(SimulatedDevice device, IDeviceStore store, DeviceRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = new DevicesApi.DeviceRequest(device.Id, device.Name, device.Kind, new GeoView(device.Location.Lat, device.Location.Lon),
            device.AgencyId, [.. device.Quantities]);
        var (entry, key) = await DevicesApi.RegisterAsync(request, "demo", store, registry, time, cancellationToken).ConfigureAwait(false);
        if (entry is null)
        {
            // Kept from an earlier run (--keep): issue a fresh key, the old one was never printed.
            var rotated = await DevicesApi.RotateAsync(device.Id, "demo", registry, store, time, cancellationToken).ConfigureAwait(false);
            return (device.Id, rotated?.Key ?? key);
        }

        return (device.Id, key);
    }

    private static string BaseUrl(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault() ?? "http://127.0.0.1:8080";
        return first.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal).Replace("[::]", "localhost", StringComparison.Ordinal).TrimEnd('/');
    }

    private static async Task WatchIncidentsAsync(ILiveFeed feed, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe();
        await foreach (var record in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (record.Type is not ("incident.created" or "alarm.escalated"))
            {
                continue;
            }

            var envelope = JsonSerializer.Deserialize(record.Json, VigilJson.Default.FeedEnvelope);
            var text = envelope switch
            {
                { Incident: { } i } => $"incident #{i.Id} P{i.Priority} {i.Title}",
                { Alarm: { Outbreak: { } o } a } => $"outbreak alarm #{a.Id} ({o.Syndrome} in {o.District}) escalated to {a.Severity} (not acknowledged)",
                { Alarm: { } a } => $"alarm #{a.Id} on {a.DeviceId} escalated to {a.Severity} (not acknowledged)",
                _ => record.Type,
            };
            AnsiConsole.MarkupLine($"[red]{clock.Elapsed:mm\\:ss}[/] {Markup.Escape(text)}");
        }
    }

    private static async Task ReportAsync(CityDriver driver, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30));
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            AnsiConsole.MarkupLine($"[grey]{clock.Elapsed:mm\\:ss} {driver.ObservationsSent:N0} observations sent, {driver.Failures:N0} refused[/]");
        }
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
