using System.Text.Json;
using Microsoft.Playwright;

namespace Vigil.ConsoleBench;

/// <summary>
/// Drives the operator console in Debian's headless chromium: times the first meaningful render of a signed-in load
/// (navigation start to the console's own ready signal plus the next painted frame, when the device layer has drawn)
/// and the frame times while an operator drags the map about.
/// </summary>
public sealed class ConsoleProbe(string baseUrl, string chromium)
{
    // Installed before any page script: records every animation frame's timestamp while a recording is on.
    private const string FrameRecorder = """
        window.__frames = []; window.__recording = false;
        (function tick(t) { if (window.__recording) window.__frames.push(t); requestAnimationFrame(tick); })(performance.now());
        """;

    // Waits for two frames after the ready signal: the device layer draws in the first, which is then painted.
    private const string RenderedAt = """
        () => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(() => {
          const devices = performance.getEntriesByType('resource').find(e => e.name.endsWith('/api/v1/map/devices'));
          resolve({ at: performance.now(), deviceBytes: devices ? devices.encodedBodySize : 0, deviceFetchMs: devices ? devices.duration : 0 });
        })))
        """;

    public async Task<ConsoleResult> RunAsync(int loads, int drags, bool showLongFrames, CancellationToken cancellationToken)
    {
        using var playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        }).ConfigureAwait(false);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } }).ConfigureAwait(false);
        await context.AddInitScriptAsync(FrameRecorder).ConfigureAwait(false);
        var page = await context.NewPageAsync().ConfigureAwait(false);
        await SignInAsync(page).ConfigureAwait(false);

        var renders = new List<double>(loads);
        long deviceBytes = 0;
        var deviceFetch = 0.0;
        for (var i = 0; i < loads; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await page.GotoAsync(baseUrl + "/").ConfigureAwait(false);
            await page.WaitForSelectorAsync("#app[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 60_000 }).ConfigureAwait(false);
            using var rendered = JsonDocument.Parse((await page.EvaluateAsync(RenderedAt).ConfigureAwait(false))!.Value.GetRawText());
            renders.Add(rendered.RootElement.GetProperty("at").GetDouble());
            deviceBytes = rendered.RootElement.GetProperty("deviceBytes").GetInt64();
            deviceFetch = rendered.RootElement.GetProperty("deviceFetchMs").GetDouble();
        }

        string? longFrames = null;
        if (showLongFrames)
        {
            // Chromium's long-animation-frame entries of the last load: start, duration, time before rendering, style
            // and layout, and the scripts that ran, which says where a slow load spent its time.
            longFrames = await page.EvaluateAsync<string>("() => JSON.stringify(performance.getEntries().filter(e => e.entryType == 'long-animation-frame').map(e => [Math.round(e.startTime), Math.round(e.duration), Math.round(e.renderStart ? e.renderStart - e.startTime : 0), Math.round(e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0), (e.scripts || []).map(s => [s.invoker, s.sourceFunctionName, Math.round(s.duration), Math.round(s.forcedStyleAndLayoutDuration)])]))").ConfigureAwait(false);
        }

        var refresh = await MeasureRefreshAsync(page).ConfigureAwait(false);
        var pan = await PanAsync(page, drags, cancellationToken).ConfigureAwait(false);
        return new ConsoleResult(renders, deviceBytes, deviceFetch, refresh, FrameStats.From(pan, refresh), longFrames);
    }

    private async Task SignInAsync(IPage page)
    {
        await page.GotoAsync(baseUrl + "/").ConfigureAwait(false);
        await page.FillAsync("#login-user", BenchCity.UserName).ConfigureAwait(false);
        await page.FillAsync("#login-password", BenchCity.Password).ConfigureAwait(false);
        await page.ClickAsync("#login-form button[type=submit]").ConfigureAwait(false);
        await page.WaitForSelectorAsync("#app[data-ready='true']", new PageWaitForSelectorOptions { Timeout = 120_000 }).ConfigureAwait(false);
    }

    /// <summary>The page's own refresh interval, from an idle second, so dropped frames are counted against it.</summary>
    private static async Task<double> MeasureRefreshAsync(IPage page)
    {
        var intervals = await RecordAsync(page, () => Task.Delay(1000)).ConfigureAwait(false);
        if (intervals.Count == 0)
        {
            return 1000.0 / 60;
        }

        intervals.Sort();
        return intervals[intervals.Count / 2];
    }

    /// <summary>
    /// Drags the map <paramref name="drags"/> times, 400 px each in a different direction, one mouse step every
    /// 16 ms as a hand would, with a short rest after each drag in which the layers redraw for the new view; all of
    /// it counts, the redraws included.
    /// </summary>
    private static async Task<List<double>> PanAsync(IPage page, int drags, CancellationToken cancellationToken)
    {
        var box = (await page.Locator("#map").BoundingBoxAsync().ConfigureAwait(false))!;
        var cx = box.X + (box.Width / 2);
        var cy = box.Y + (box.Height / 2);
        return await RecordAsync(page, async () =>
        {
            for (var d = 0; d < drags; d++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var angle = d * 2.4;
                var dx = Math.Cos(angle) * 400;
                var dy = Math.Sin(angle) * 400;
                await page.Mouse.MoveAsync((float)cx, (float)cy).ConfigureAwait(false);
                await page.Mouse.DownAsync().ConfigureAwait(false);
                const int Steps = 30;
                for (var s = 1; s <= Steps; s++)
                {
                    await page.Mouse.MoveAsync((float)(cx + (dx * s / Steps)), (float)(cy + (dy * s / Steps))).ConfigureAwait(false);
                    await Task.Delay(16, cancellationToken).ConfigureAwait(false);
                }

                await page.Mouse.UpAsync().ConfigureAwait(false);
                await Task.Delay(300, cancellationToken).ConfigureAwait(false);
            }
        }).ConfigureAwait(false);
    }

    private static async Task<List<double>> RecordAsync(IPage page, Func<Task> during)
    {
        await page.EvaluateAsync("() => { window.__frames = []; window.__recording = true; }").ConfigureAwait(false);
        await during().ConfigureAwait(false);
        var frames = await page.EvaluateAsync<double[]>("() => { window.__recording = false; return window.__frames; }").ConfigureAwait(false);
        var intervals = new List<double>(Math.Max(0, frames.Length - 1));
        for (var i = 1; i < frames.Length; i++)
        {
            intervals.Add(frames[i] - frames[i - 1]);
        }

        return intervals;
    }
}
