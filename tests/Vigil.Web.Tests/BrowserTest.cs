using Microsoft.Playwright;

namespace Vigil.Web.Tests;

/// <summary>
/// A real server and a real Chromium for one test class. Both stay unstarted where the browser is not installed, so
/// that <see cref="ChromiumFactAttribute"/> can skip the tests with its message instead of failing here.
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    protected const float Timeout = 20_000;
    private IPlaywright? _playwright;

    protected VigilServer Server { get; private set; } = null!;

    protected IBrowser Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Browser.ExecutablePath))
        {
            return;
        }

        Server = await VigilServer.StartAsync();
        (_playwright, Chromium) = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (Chromium is not null)
        {
            await Chromium.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }

    /// <summary>A console page signed in as <paramref name="user"/>, once its lists have loaded and its live feed is up.</summary>
    /// <summary>Signs in and waits for the console; <paramref name="live"/> false for roles without the live feed (guards).</summary>
    protected async Task<IPage> SignedInConsoleAsync(string user, bool live = true)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions { BaseURL = Server.BaseUrl, ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("#login-user").FillAsync(user);
        await page.Locator("#login-password").FillAsync(VigilServer.Password);
        await page.Locator("#login-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#app[data-ready=true]")).ToBeAttachedAsync(new() { Timeout = Timeout });
        if (live)
        {
            await Assertions.Expect(page.Locator("#feed-state")).ToHaveTextAsync("live", new() { Timeout = Timeout });
        }

        return page;
    }
}
