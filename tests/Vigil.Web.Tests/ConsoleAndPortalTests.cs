using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>The console and the portal in a real Chromium against the real server, as an operator and a resident use them.</summary>
public sealed class ConsoleAndPortalTests : BrowserTest
{
    [ChromiumFact]
    public async Task Operator_signs_in_and_sees_the_city_map()
    {
        var page = await SignedInConsoleAsync("operator");

        Assert.Equal("live", await page.Locator("#feed-state").TextContentAsync());
        Assert.True(await page.Locator("#map canvas").CountAsync() > 0, "the map draws on canvas");
        Assert.Contains("operator", await page.Locator("#who").TextContentAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var page = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl });
        await page.GotoAsync("/");
        await page.Locator("#login-user").FillAsync("operator");
        await page.Locator("#login-password").FillAsync("not-the-password");
        await page.Locator("#login-form button[type=submit]").ClickAsync();

        await Assertions.Expect(page.Locator("#login-error")).ToContainTextAsync("Wrong user name or password", new() { Timeout = Timeout });
        Assert.True(await page.Locator("#console").IsHiddenAsync());
    }

    [ChromiumFact]
    public async Task Observations_make_an_incident_appear_which_the_operator_acknowledges_and_dispatches()
    {
        var page = await SignedInConsoleAsync("dispatcher");
        Assert.Equal(0, await page.Locator("#queue li.item").CountAsync());

        await Server.PostSmokeAsync(pm25: 320, readings: 5);

        // No reload: the incident arrives over the live feed.
        var item = page.Locator("#queue li.item").First;
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(item).ToContainTextAsync("New");
        await Assertions.Expect(page.Locator("#count-alarms")).ToHaveTextAsync("1", new() { Timeout = Timeout });

        await page.Keyboard.PressAsync("j");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#panel h2")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#panel .sop li")).Not.ToHaveCountAsync(0);

        // "a" acknowledges the incident and its active alarm.
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(item).ToContainTextAsync("Acknowledged", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#count-alarms")).ToHaveTextAsync("0", new() { Timeout = Timeout });

        // Units of a suitable kind, ranked by travel time on the roads, with the first one's route drawn.
        await Assertions.Expect(page.Locator("#recommend")).ToContainTextAsync("Engine 1", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#recommend")).ToContainTextAsync("ETA");
        await Assertions.Expect(page.Locator("#recommend")).Not.ToContainTextAsync("Medic 1");
        await Assertions.Expect(page.Locator("path.route-line")).Not.ToHaveCountAsync(0);

        await page.Locator("#dispatch-unit").SelectOptionAsync("E-1");
        await page.Locator("#dispatch").ClickAsync();
        await Assertions.Expect(item).ToContainTextAsync("Dispatched", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#panel")).ToContainTextAsync("Engine 1", new() { Timeout = Timeout });

        // Ticking an SOP step records it on the incident's timeline.
        var firstStep = page.Locator("#panel .sop input[type=checkbox]").First;
        await firstStep.CheckAsync();
        await Assertions.Expect(page.Locator("#panel .timeline")).ToContainTextAsync("SOP ✓", new() { Timeout = Timeout });

        await Browser.ScreenshotAsync(page, "console.png");

        using var api = await ApiClientAsync("dispatcher");
        var incidents = await api.GetFromJsonAsync<JsonElement>("/api/v1/incidents?open=true");
        var incident = incidents.EnumerateArray().Single();
        Assert.Equal("Dispatched", incident.GetProperty("status").GetString());
        Assert.Contains("E-1", incident.GetProperty("unitIds").EnumerateArray().Select(u => u.GetString()));
    }

    [ChromiumFact]
    public async Task Resident_files_a_report_the_operator_sees_it_and_the_resident_tracks_it()
    {
        var console = await SignedInConsoleAsync("operator");

        var portal = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 412, Height = 915 } });
        await portal.GotoAsync("/public#report");
        await Assertions.Expect(portal.Locator("main[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        await portal.Locator("#category").SelectOptionAsync("flooding");
        await portal.Locator("#description").FillAsync("Water over the pavement outside the bakery, getting deeper.");
        await portal.Locator("#report-map").ClickAsync();
        await Assertions.Expect(portal.Locator("#picked")).ToContainTextAsync("Point chosen");
        await portal.Locator("#location-text").FillAsync("Main Street by the bakery");
        await portal.Locator("#report-form button[type=submit]").ClickAsync();

        var ticketLocator = portal.Locator("#ticket-number");
        await Assertions.Expect(ticketLocator).ToBeVisibleAsync(new() { Timeout = Timeout });
        var ticket = (await ticketLocator.TextContentAsync())!.Trim();
        Assert.Matches("^R-[0-9A-Z]{5}-[0-9A-Z]{5}$", ticket);
        await Browser.ScreenshotAsync(portal, "portal-report.png");

        // The operator's console shows it live, without a reload.
        await console.Keyboard.PressAsync("3");
        var row = console.Locator($"#reports li[data-ticket='{ticket}']");
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = Timeout });
        await row.ClickAsync();
        await console.Locator("#report-note").FillAsync("A crew is on the way.");
        await console.Locator("[data-report-status=InProgress]").ClickAsync();
        await Assertions.Expect(console.Locator("#panel")).ToContainTextAsync("InProgress", new() { Timeout = Timeout });

        await portal.GotoAsync("/public#track");
        await portal.Locator("#ticket").FillAsync(ticket.ToLowerInvariant());
        await portal.Locator("#track-form button[type=submit]").ClickAsync();
        await Assertions.Expect(portal.Locator("#track-result")).ToContainTextAsync("In progress", new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#track-result")).ToContainTextAsync("A crew is on the way.");
    }

    [ChromiumFact]
    public async Task Resident_follows_own_reports_under_my_reports_with_the_keyboard()
    {
        var portal = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 412, Height = 915 } });
        await portal.GotoAsync("/public#mine");
        await Assertions.Expect(portal.Locator("main[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#mine-list")).ToContainTextAsync("No reports from this device yet", new() { Timeout = Timeout });

        await portal.GotoAsync("/public#report");
        await portal.Locator("#category").SelectOptionAsync("road-hazard");
        await portal.Locator("#description").FillAsync("Deep pothole in the cycle lane by the school gate.");
        await portal.Locator("#location-text").FillAsync("School Lane, by the gate");
        await portal.Locator("#report-form button[type=submit]").ClickAsync();
        var ticketLocator = portal.Locator("#ticket-number");
        await Assertions.Expect(ticketLocator).ToBeVisibleAsync(new() { Timeout = Timeout });
        var ticket = (await ticketLocator.TextContentAsync())!.Trim();

        using var operatorApi = await ApiClientAsync("operator");
        using var resolved = await operatorApi.PostAsJsonAsync($"/api/v1/reports/{ticket}/status", new { status = "Resolved", note = "Pothole filled this morning." });
        resolved.EnsureSuccessStatusCode();

        // Keyboard only: the section link, then the row's own button.
        await portal.Locator("a[data-nav=mine]").FocusAsync();
        await portal.Keyboard.PressAsync("Enter");
        var row = portal.Locator($"#mine-list li[data-ticket='{ticket}']");
        await Assertions.Expect(row).ToContainTextAsync("Resolved", new() { Timeout = Timeout });
        await Assertions.Expect(row).ToContainTextAsync("Pothole filled this morning.");
        await Assertions.Expect(row).ToContainTextAsync("Road hazard");
        await Browser.ScreenshotAsync(portal, "portal-my-reports.png");

        // Kept in the browser: a reload still lists it; forgetting it empties the list and keeps focus in the section.
        await portal.ReloadAsync();
        await Assertions.Expect(row).ToContainTextAsync("Resolved", new() { Timeout = Timeout });
        await row.Locator("button[data-forget]").FocusAsync();
        await portal.Keyboard.PressAsync("Enter");
        await Assertions.Expect(portal.Locator("#mine-list")).ToContainTextAsync("No reports from this device yet", new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#mine-title")).ToBeFocusedAsync();
    }

    [ChromiumFact]
    public async Task Portal_shows_air_quality_by_district_and_the_guides_without_signing_in()
    {
        await Server.PostSmokeAsync(pm25: 40, readings: 3);

        // A public warning drafted by the dispatcher and issued by the operator (two people).
        using var dispatcher = await ApiClientAsync("dispatcher");
        using var draft = await dispatcher.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Smoke",
            urgency = "Immediate",
            severity = "Severe",
            certainty = "Observed",
            headline = "Heavy smoke in the West district",
            description = "A warehouse fire is sending smoke over the district.",
            instruction = "Stay indoors and keep windows closed.",
            area = new { description = "West district", circle = new { lat = VigilServer.DeviceLocation.Lat, lon = VigilServer.DeviceLocation.Lon, radiusKm = 1.0 } },
        });
        draft.EnsureSuccessStatusCode();
        var alertId = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var supervisor = await ApiClientAsync("operator");
        using (var approve = await supervisor.PostAsync($"/api/v1/alerts/{alertId}/approve", null))
        {
            approve.EnsureSuccessStatusCode();
        }

        var portal = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 412, Height = 915 } });
        await portal.GotoAsync("/public");
        await Assertions.Expect(portal.Locator("main[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });

        // The sensor sits in the West district; 40 µg/m³ is "Unhealthy for Sensitive Groups" on the EPA scale.
        var west = portal.Locator("#aq-rows tr", new() { HasText = "West" });
        await Assertions.Expect(west).ToContainTextAsync("Unhealthy for Sensitive Groups", new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#aq-rows tr", new() { HasText = "East" })).ToContainTextAsync("No recent readings");
        var alerts = portal.Locator("#alerts");
        await Assertions.Expect(alerts).ToContainTextAsync("Heavy smoke in the West district", new() { Timeout = Timeout });
        await Assertions.Expect(alerts).ToContainTextAsync("Severe");
        await Assertions.Expect(alerts).ToContainTextAsync("What to do: Stay indoors and keep windows closed.");
        await Assertions.Expect(alerts.Locator("a", new() { HasText = "CAP message" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex($"/cap/alerts/{alertId}\\.xml$"));

        // The list is the keyboard path to the map: its button is reachable and zooms to the area.
        var show = alerts.Locator($"button[data-alert='{alertId}']");
        await show.FocusAsync();
        await portal.Keyboard.PressAsync("Enter");
        await Browser.ScreenshotAsync(portal, "portal.png");

        await portal.Locator("[data-nav=guides]").ClickAsync();
        await Assertions.Expect(portal.Locator("#guides article")).ToHaveCountAsync(5);
        await Assertions.Expect(portal.Locator("#guide-flood")).ToContainTextAsync("Never walk, swim or drive through flood water");
    }

    [ChromiumFact]
    public async Task Console_drafts_a_public_alert_and_a_second_person_approves_it()
    {
        var headline = "Water main burst " + Guid.NewGuid().ToString("n")[..6];
        var dispatcher = await SignedInConsoleAsync("dispatcher");
        await dispatcher.GetByRole(AriaRole.Button, new() { Name = "Public alerts", Exact = true }).ClickAsync();
        var form = dispatcher.Locator("#alerts-form");
        await form.Locator("[name=event]").FillAsync("Flood");
        await form.Locator("[name=severity]").SelectOptionAsync("Moderate");
        await form.Locator("[name=headline]").FillAsync(headline);
        await form.Locator("[name=description]").FillAsync("Streets around the burst main are flooded.");
        await form.Locator("[name=instruction]").FillAsync("Avoid the area.");
        await form.Locator("[name=areaDescription]").FillAsync("Around the burst main");
        await form.Locator("button[type=submit]").ClickAsync();
        var pending = dispatcher.Locator("#alerts-pending li", new() { HasText = headline });
        await Assertions.Expect(pending).ToContainTextAsync("drafted by you", new() { Timeout = Timeout });
        await Assertions.Expect(pending.Locator("button")).ToHaveCountAsync(0);

        var supervisor = await SignedInConsoleAsync("operator");
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "Public alerts", Exact = true }).ClickAsync();
        await supervisor.Locator("#alerts-pending li", new() { HasText = headline }).GetByRole(AriaRole.Button, new() { Name = "Approve and publish" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("#alerts-active li", new() { HasText = headline })).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Browser.ScreenshotAsync(supervisor, "console-alerts.png");
    }

    [ChromiumFact]
    public async Task Camera_layer_draws_cameras_zones_and_recent_tracks()
    {
        // A calibrated camera by the test sensor, configured by the admin and fed through the real detection ingest.
        var admin = await ApiClientAsync("admin");
        var c = VigilServer.DeviceLocation;
        using (var created = await admin.PostAsJsonAsync("/api/v1/devices", new
        {
            id = "CAM-1",
            name = "Station square",
            kind = "Camera",
            location = new { lat = c.Lat - 0.001, lon = c.Lon + 0.001 },
            agencyId = "police",
            quantities = new[] { new { name = "objects", unit = "" } },
        }))
        {
            created.EnsureSuccessStatusCode();
            var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("apiKey").GetString();
            using var configured = await admin.PutAsJsonAsync("/api/v1/cameras/CAM-1/config", new
            {
                imageWidth = 1920,
                imageHeight = 1080,
                frameRate = 25,
                calibration = new[]
                {
                    new { imageX = 0, imageY = 1080, groundX = 0.0, groundY = 0.0 },
                    new { imageX = 1920, imageY = 1080, groundX = 19.2, groundY = 0.0 },
                    new { imageX = 1920, imageY = 0, groundX = 19.2, groundY = 10.8 },
                    new { imageX = 0, imageY = 0, groundX = 0.0, groundY = 10.8 },
                },
                zones = new[] { new { id = "square", polygon = new[] { new[] { 0.0, 0 }, [1920, 0], [1920, 1080], [0, 1080] } } },
                rules = new[] { new { id = "run", kind = "Running", zone = "square", speed = 3.0 } },
            });
            configured.EnsureSuccessStatusCode();

            using var camera = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
            camera.DefaultRequestHeaders.Add("X-Api-Key", key);
            var start = DateTimeOffset.UtcNow.AddSeconds(-5);
            var frames = Enumerable.Range(0, 75).Select(i => new
            {
                frame = i + 1,
                time = start.AddMilliseconds(40 * i),
                objects = new[] { new { @class = "Person", confidence = 0.9, x = 100.0 + (20 * i), y = 700.0, w = 60.0, h = 150.0 } },
            }).ToArray();
            using var posted = await camera.PostAsJsonAsync("/api/v1/cameras/detections", new { batchId = "b1", frames });
            posted.EnsureSuccessStatusCode();
        }

        var page = await SignedInConsoleAsync("operator");
        await page.Locator("#cameras-toggle").CheckAsync();
        await Assertions.Expect(page.Locator("#cameras-summary")).ToHaveTextAsync("1 camera · 1 zone · 1 track", new() { Timeout = Timeout });
        await Browser.ScreenshotAsync(page, "console-cameras.png");

        // Hiding the layer removes it and stops its polling.
        await page.Locator("#cameras-toggle").UncheckAsync();
        await Assertions.Expect(page.Locator("#cameras-summary")).ToHaveTextAsync(string.Empty, new() { Timeout = Timeout });
    }

    private async Task<HttpClient> ApiClientAsync(string user)
    {
        var client = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        using var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = user, password = VigilServer.Password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }
}
