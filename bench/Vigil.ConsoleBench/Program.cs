using System.CommandLine;
using Vigil.ConsoleBench;

var devices = new Option<int>("--devices") { Description = "Devices registered before the console loads", DefaultValueFactory = _ => 50_000 };
var incidents = new Option<int>("--incidents") { Description = "Open incidents created before the console loads", DefaultValueFactory = _ => 1_000 };
var loads = new Option<int>("--loads") { Description = "Signed-in page loads timed for the first meaningful render", DefaultValueFactory = _ => 5 };
var drags = new Option<int>("--drags") { Description = "Map drags recorded for frame times", DefaultValueFactory = _ => 8 };
var chromium = new Option<string>("--chromium") { Description = "The chromium executable", DefaultValueFactory = _ => "/usr/bin/chromium" };
var longFrames = new Option<bool>("--long-frames") { Description = "Also print chromium's long animation frames of the last load, to see where its time went" };
var root = new RootCommand("Loads Vigil's operator console with many devices and incidents in headless chromium; reports first render and panning frame times")
{
    devices, incidents, loads, drags, chromium, longFrames,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var deviceCount = parse.GetValue(devices);
    var incidentCount = parse.GetValue(incidents);
    if (deviceCount is < 1 or > 500_000 || incidentCount is < 0 or > 1000 || parse.GetValue(loads) < 1 || parse.GetValue(drags) < 1)
    {
        Console.Error.WriteLine("error: --devices 1–500000, --incidents 0–1000 (the console loads at most 1,000 open incidents), --loads and --drags at least 1");
        return 2;
    }

    var seeding = System.Diagnostics.Stopwatch.StartNew();
    await using var city = await BenchCity.StartAsync(deviceCount, incidentCount, cancellationToken).ConfigureAwait(false);
    Console.WriteLine($"seeded {deviceCount:N0} devices and {incidentCount:N0} incidents in {seeding.Elapsed.TotalSeconds:F1} s");
    var result = await new ConsoleProbe(city.BaseUrl, parse.GetValue(chromium)!).RunAsync(parse.GetValue(loads), parse.GetValue(drags), parse.GetValue(longFrames), cancellationToken).ConfigureAwait(false);
    Console.Write(result.ToText(deviceCount, incidentCount));
    return 0;
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
