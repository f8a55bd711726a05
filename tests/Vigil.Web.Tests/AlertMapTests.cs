using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>
/// Alert areas on the map, in a real Chromium: the dispatcher draws a polygon and updates an issued alert in the
/// console; a resident subscribes for a drawn area in the portal and finds the warning in the inbox.
/// </summary>
public sealed class AlertMapTests : BrowserTest
{
    [ChromiumFact]
    public async Task Dispatcher_draws_a_polygon_area_and_updates_the_issued_alert()
    {
        var headline = "Smoke plume " + Guid.NewGuid().ToString("n")[..6];
        var page = await SignedInConsoleAsync("dispatcher");
        await page.GetByRole(AriaRole.Button, new() { Name = "Public alerts", Exact = true }).ClickAsync();
        var form = page.Locator("#alerts-form");
        await form.Locator("[name=event]").FillAsync("Fire");
        await form.Locator("[name=severity]").SelectOptionAsync("Severe");
        await form.Locator("[name=headline]").FillAsync(headline);
        await form.Locator("[name=description]").FillAsync("Smoke from a warehouse fire is drifting over the east district.");
        await form.Locator("[name=areaDescription]").FillAsync("East district");

        // The dialog steps aside; three clicks on the map make a triangle.
        await page.Locator("#alerts-draw-polygon").ClickAsync();
        var map = page.Locator("#map");
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (0.45f, 0.4f), (0.6f, 0.4f), (0.55f, 0.6f) })
        {
            await map.ClickAsync(new() { Position = new() { X = box.Width * x, Y = box.Height * y } });
        }

        await Assertions.Expect(page.Locator(".alerts-draw-bar")).ToContainTextAsync("3 so far");
        await page.Locator(".alerts-draw-bar [data-draw=finish]").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts-area-text")).ToContainTextAsync("polygon with 3 corners");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts-pending li", new() { HasText = headline })).ToBeVisibleAsync(new() { Timeout = Timeout });

        using var operatorApi = await ApiClientAsync("operator");
        var alerts = (await operatorApi.GetFromJsonAsync<JsonElement>("/api/v1/alerts?status=Pending"))!;
        var drafted = alerts.EnumerateArray().Single(a => a.GetProperty("texts")[0].GetProperty("headline").GetString() == headline);
        var area = drafted.GetProperty("areas")[0];
        Assert.Equal(1, area.GetProperty("polygons").GetArrayLength());
        Assert.Equal(4, area.GetProperty("polygons")[0].GetString()!.Split(' ').Length); // closed ring: 3 corners + the first again
        var id = drafted.GetProperty("id").GetString()!;
        (await operatorApi.PostAsync($"/api/v1/alerts/{id}/approve", null)).EnsureSuccessStatusCode();

        // The issued alert's area shows on the map; "Update" starts from its texts and area.
        await page.Locator(".alerts-dialog[open] .alerts-close").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Public alerts", Exact = true }).ClickAsync();
        var active = page.Locator("#alerts-active li", new() { HasText = headline });
        await active.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(form.Locator("[name=headline]")).ToHaveValueAsync(headline);
        await Assertions.Expect(page.Locator("#alerts-area-text")).ToContainTextAsync("polygon with 3 corners");
        await form.Locator("[name=headline]").FillAsync(headline + ": shelter in place");
        await form.Locator("button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#alerts-pending li", new() { HasText = "Update: " + headline + ": shelter in place" }))
            .ToBeVisibleAsync(new() { Timeout = Timeout });
        await Browser.ScreenshotAsync(page, "console-alert-update.png");
    }

    [ChromiumFact]
    public async Task Resident_subscribes_for_a_drawn_area_and_reads_the_warning_in_the_inbox()
    {
        var portal = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 412, Height = 915 } });
        await portal.GotoAsync("/public#subscribe");
        await Assertions.Expect(portal.Locator("main[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        await portal.Locator("#sub-mode-polygon").CheckAsync();
        var map = portal.Locator("#subscribe-map");
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (0.4f, 0.4f), (0.6f, 0.4f), (0.5f, 0.6f) })
        {
            await map.ClickAsync(new() { Position = new() { X = box.Width * x, Y = box.Height * y } });
        }

        await Assertions.Expect(portal.Locator("#sub-picked")).ToContainTextAsync("3 corners");
        await portal.Locator("#sub-name").FillAsync("School");
        await portal.Locator("#subscribe-form button[type=submit]").ClickAsync();
        await Assertions.Expect(portal.Locator("#sub-done .token")).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#inboxes")).ToContainTextAsync("No warnings for this area so far", new() { Timeout = Timeout });

        // A warning over the whole test city reaches the drawn area.
        var headline = "Boil water notice " + Guid.NewGuid().ToString("n")[..6];
        using var dispatcher = await ApiClientAsync("dispatcher");
        using var draft = await dispatcher.PostAsJsonAsync("/api/v1/alerts", new
        {
            @event = "Boil Water",
            category = "Health",
            urgency = "Expected",
            severity = "Moderate",
            certainty = "Likely",
            headline,
            description = "The water supply may be contaminated.",
            instruction = "Boil tap water for one minute before drinking.",
            area = new { description = "Whole city", circle = new { lat = VigilServer.DeviceLocation.Lat, lon = VigilServer.DeviceLocation.Lon, radiusKm = 10.0 } },
        });
        draft.EnsureSuccessStatusCode();
        var id = (await draft.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using var operatorApi = await ApiClientAsync("operator");
        (await operatorApi.PostAsync($"/api/v1/alerts/{id}/approve", null)).EnsureSuccessStatusCode();

        await portal.ReloadAsync();
        await Assertions.Expect(portal.Locator("#inboxes")).ToContainTextAsync(headline, new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#inboxes")).ToContainTextAsync("Boil tap water");
        await Browser.ScreenshotAsync(portal, "portal-subscribe.png");
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
