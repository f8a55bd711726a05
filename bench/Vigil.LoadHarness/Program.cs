using System.CommandLine;
using Vigil.LoadHarness;

var url = new Option<string?>("--url") { Description = "A running Vigil server; when omitted the harness starts one in this process on a temporary data folder" };
var adminPassword = new Option<string?>("--admin-password") { Description = "The admin password of the server given by --url" };
var devices = new Option<int>("--devices") { Description = "Simulated devices, each with its own key", DefaultValueFactory = _ => 1000 };
var batch = new Option<int>("--batch") { Description = "Observations per request", DefaultValueFactory = _ => 500 };
var connections = new Option<int>("--connections") { Description = "Concurrent HTTP connections", DefaultValueFactory = _ => 16 };
var duration = new Option<int>("--duration") { Description = "Measured seconds", DefaultValueFactory = _ => 30 };
var warmup = new Option<int>("--warmup") { Description = "Seconds of load before measuring", DefaultValueFactory = _ => 5 };
var rate = new Option<int>("--rate") { Description = "Target observations/s; 0 sends as fast as the server accepts", DefaultValueFactory = _ => 0 };
var alarmEvery = new Option<int>("--alarm-every") { Description = "One observation in this many crosses the gunshot threshold, raising an alarm", DefaultValueFactory = _ => 2000 };
var mqtt = new Option<string?>("--mqtt") { Description = "Publish through RabbitMQ's MQTT plugin at host:port (mosquitto_pub, QoS 1, one process per device) instead of HTTP" };
var json = new Option<bool>("--json") { Description = "Print the result as JSON" };
var root = new RootCommand("Drives Vigil's HTTP ingest with simulated devices and reports sustained observations/s and latencies")
{
    url, adminPassword, devices, batch, connections, duration, warmup, rate, alarmEvery, mqtt, json,
};
root.SetAction(async (parse, cancellationToken) =>
{
    var options = new HarnessOptions(
        parse.GetValue(url), parse.GetValue(adminPassword), parse.GetValue(devices), parse.GetValue(batch), parse.GetValue(connections),
        TimeSpan.FromSeconds(parse.GetValue(duration)), TimeSpan.FromSeconds(parse.GetValue(warmup)), parse.GetValue(rate), parse.GetValue(alarmEvery), parse.GetValue(mqtt));
    if (options.Validate() is { } problem)
    {
        Console.Error.WriteLine($"error: {problem}");
        return 2;
    }

    var targets = new List<LoadTarget>();
    try
    {
        if (options.Urls.Count == 0)
        {
            targets.Add(await LoadTarget.OpenAsync(options, null, cancellationToken).ConfigureAwait(false));
        }

        foreach (var node in options.Urls)
        {
            targets.Add(await LoadTarget.OpenAsync(options, node, cancellationToken).ConfigureAwait(false));
        }

        var result = await new LoadRunner(options, targets).RunAsync(cancellationToken).ConfigureAwait(false);
        Console.WriteLine(parse.GetValue(json) ? result.ToJson() : result.ToText());
        return 0;
    }
    finally
    {
        foreach (var target in targets)
        {
            await target.DisposeAsync().ConfigureAwait(false);
        }
    }
});
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
