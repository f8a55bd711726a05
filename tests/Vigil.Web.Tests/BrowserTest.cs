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
}
