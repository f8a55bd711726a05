using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>The guard-tour panel in a real Chromium: a supervisor places a start and checkpoints on the map and gets tours by road.</summary>
public sealed class GuardTourPanelTests : BrowserTest
{
    [ChromiumFact]
    public async Task Supervisor_places_checkpoints_on_the_map_and_sees_tours_planned_by_road()
    {
        var page = await SignedInConsoleAsync("operator");
        await page.Locator("#guard-tours-toggle").CheckAsync();
        var panel = page.Locator(".guard-panel");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await panel.Locator("#guard-count").FillAsync("1");

        // The first click sets the start; the next ones add checkpoints, all inside the test server's street grid.
        var map = page.Locator("#map");
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (0.47f, 0.47f), (0.53f, 0.47f), (0.53f, 0.53f), (0.47f, 0.53f) })
        {
            await map.ClickAsync(new() { Position = new() { X = box.Width * x, Y = box.Height * y } });
        }

        await Assertions.Expect(panel.Locator("#guard-checkpoints li")).ToHaveCountAsync(3);
        await panel.Locator("#guard-plan").ClickAsync();

        var result = panel.Locator("#guard-result");
        await Assertions.Expect(result).ToContainTextAsync("Guard 1", new() { Timeout = Timeout });
        await Assertions.Expect(result).ToContainTextAsync("road travel time");
        await Assertions.Expect(result.Locator(".guard-tour li")).ToHaveCountAsync(3);
        await Assertions.Expect(panel.Locator("#guard-error")).ToBeEmptyAsync();
    }

    [ChromiumFact]
    public async Task Guard_signs_in_to_the_map_with_the_tour_planner_open_and_none_of_the_desk()
    {
        var page = await SignedInConsoleAsync("guard", live: false);

        await Assertions.Expect(page.Locator(".guard-panel")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#guard-tours-toggle")).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator(".sidebar")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("[data-layer=alarms]")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync("Guard");

        var map = page.Locator("#map");
        var box = (await map.BoundingBoxAsync())!;
        foreach (var (x, y) in new[] { (0.47f, 0.47f), (0.53f, 0.47f) })
        {
            await map.ClickAsync(new() { Position = new() { X = box.Width * x, Y = box.Height * y } });
        }

        await page.Locator("#guard-plan").ClickAsync();
        await Assertions.Expect(page.Locator("#guard-result")).ToContainTextAsync("Guard 1", new() { Timeout = Timeout });
        await Assertions.Expect(page.Locator("#guard-error")).ToBeEmptyAsync();
    }
}
