using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>
/// An outbreak alarm raised by uploaded health counts reaches the console's alarm list live, with its count and bound,
/// and leaves it, saying the excess is over, once later counts are back within the bound.
/// </summary>
public sealed class OutbreakAlarmTests : BrowserTest
{
    [ChromiumFact]
    public async Task Outbreak_alarm_appears_in_the_alarm_list_with_count_and_bound_is_acknowledged_and_clears_when_the_excess_is_over()
    {
        var page = await SignedInConsoleAsync("operator");
        var syndrome = "gi-" + Guid.NewGuid().ToString("n")[..6];

        // Sixty quiet days, then 45 visits in the East district: one EARS C2 alarm.
        var start = new DateOnly(2026, 1, 1);
        var counts = Enumerable.Range(0, 61).Select(i => new { syndrome, district = "East", period = "Day", start = start.AddDays(i), count = i == 60 ? 45 : 9 + (i % 3) });
        using var admin = new HttpClient { BaseAddress = new Uri(Server.BaseUrl) };
        using (var login = await admin.PostAsJsonAsync("/api/v1/auth/login", new { userName = "admin", password = VigilServer.Password }))
        {
            login.EnsureSuccessStatusCode();
            admin.DefaultRequestHeaders.Authorization = new("Bearer", (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString());
        }

        using var post = await admin.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts });
        post.EnsureSuccessStatusCode();
        Assert.Equal(1, (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alarms").GetInt32());

        await Assertions.Expect(page.Locator("#count-alarms")).ToHaveTextAsync("1", new() { Timeout = Timeout });
        await page.Locator("#tab-alarms").ClickAsync();
        var item = page.Locator("#alarms li", new() { HasText = $"{syndrome} outbreak in East" });
        await Assertions.Expect(item).ToBeVisibleAsync(new() { Timeout = Timeout });
        await Assertions.Expect(item).ToContainTextAsync("2026-03-02: 45 cases, bound");
        await item.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
        await Assertions.Expect(item).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("acknowledged"), new() { Timeout = Timeout });

        // Three ordinary days later the excess is over: the alarm clears itself and the console says so.
        var later = Enumerable.Range(61, 3).Select(i => new { syndrome, district = "East", period = "Day", start = start.AddDays(i), count = 10 });
        using var quiet = await admin.PostAsJsonAsync("/api/v1/outbreaks/counts", new { counts = later });
        quiet.EnsureSuccessStatusCode();
        Assert.Equal(1, (await quiet.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("cleared").GetInt32());
        await Assertions.Expect(item).ToHaveCountAsync(0, new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#excess-over")).ToHaveTextAsync(
            $"{syndrome} outbreak in East: excess over (3 days within the bound from 2026-03-03)", new() { Timeout = Timeout });
    }
}
