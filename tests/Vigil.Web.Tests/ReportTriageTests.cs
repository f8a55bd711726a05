using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>Triage in the browser: duplicates and merging in the console, contact on request, reopening in the portal.</summary>
public sealed class ReportTriageTests : BrowserTest
{
    [ChromiumFact]
    public async Task Operator_merges_a_suggested_duplicate_reads_the_contact_and_the_resident_reopens_the_fixed_report()
    {
        using var resident = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        var at = VigilServer.DeviceLocation;
        var first = await FileAsync(resident, new
        {
            category = "water-leak", description = "Water gushing from the hydrant by the station", location = new { lat = at.Lat, lon = at.Lon },
            contact = new { name = "Pat Resident", email = "pat@example.org" },
        });
        var second = await FileAsync(resident, new
        {
            category = "water-leak", description = "hydrant by the station gushing water", location = new { lat = at.Lat + 0.0002, lon = at.Lon },
        });

        var console = await SignedInConsoleAsync("operator");
        await console.Keyboard.PressAsync("3");
        await console.Locator($"#reports li[data-ticket='{second}']").ClickAsync();
        var suggestion = console.Locator($"#report-duplicates li[data-duplicate='{first}']");
        await Assertions.Expect(suggestion).ToContainTextAsync("m · text", new() { Timeout = Timeout });
        await suggestion.Locator("button").ClickAsync();
        await Assertions.Expect(console.Locator("#panel")).ToContainTextAsync($"Merged into {first}", new() { Timeout = Timeout });
        await Assertions.Expect(console.Locator($"#reports li[data-ticket='{second}']")).ToHaveCountAsync(0, new() { Timeout = Timeout });

        await console.Locator($"#reports li[data-ticket='{first}']").ClickAsync();
        await console.Locator("#show-contact").ClickAsync();
        await Assertions.Expect(console.Locator("#report-contact")).ToContainTextAsync("pat@example.org", new() { Timeout = Timeout });
        await console.Locator("#report-note").FillAsync("Valve replaced.");
        await console.Locator("[data-report-status=Resolved]").ClickAsync();
        await Assertions.Expect(console.Locator("#panel")).ToContainTextAsync("Resolved", new() { Timeout = Timeout });

        var portal = await Chromium.NewPageAsync(new BrowserNewPageOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 412, Height = 915 } });
        await portal.GotoAsync("/public#track");
        await Assertions.Expect(portal.Locator("main[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        await portal.Locator("#ticket").FillAsync(first);
        await portal.Locator("#track-form button[type=submit]").ClickAsync();
        await Assertions.Expect(portal.Locator("#track-result")).ToContainTextAsync("Valve replaced.", new() { Timeout = Timeout });
        await Assertions.Expect(portal.Locator("#track-result")).Not.ToContainTextAsync("pat@example.org");
        await portal.Locator("#reopen-reason").FillAsync("Still leaking this morning");
        await portal.Locator("#reopen-form button[type=submit]").ClickAsync();
        await Assertions.Expect(portal.Locator("#track-result")).ToContainTextAsync("Reopened", new() { Timeout = Timeout });

        // The reopened report is back in the operator's queue, live.
        await Assertions.Expect(console.Locator($"#reports li[data-ticket='{first}']")).ToContainTextAsync("Received", new() { Timeout = Timeout });
    }

    private static async Task<string> FileAsync(HttpClient client, object report)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/public/reports", report);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ticket").GetString()!;
    }
}
