using System.Data.Common;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Domain.Devices;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;
using Vigil.Routing.Traffic;
using RoadPoint = Vigil.Routing.Geo.GeoPoint;

namespace Vigil.Server.Routing;

/// <summary>
/// Folds live traffic into routing: every <see cref="RoutingOptions.TrafficInterval"/> the latest "speed" reading of
/// each traffic sensor, snapped once to the road segment it watches, becomes that edge's speed, and the engine
/// re-customises its CCH metric (no re-ordering, no re-contraction). Each round replaces the previous picture, so a
/// silent sensor's road returns to free flow after <see cref="RoutingOptions.TrafficWindow"/>.
/// </summary>
public sealed partial class TrafficSpeedFeed(
    CityRouter router,
    DeviceRegistry devices,
    IObservationStore observations,
    TimeProvider time,
    ILogger<TrafficSpeedFeed> logger) : BackgroundService
{
    public const string Quantity = "speed";

    // Sensor → edge, kept while the sensor stays where it was snapped; -1 when it lies off every road.
    private readonly Dictionary<string, (double Lat, double Lon, int Edge)> _edges = new(StringComparer.Ordinal);

    /// <summary>Roads whose speed came from a sensor in the last round.</summary>
    public int LiveEdges { get; private set; }

    /// <summary>Duration of the last customisation.</summary>
    public TimeSpan LastCustomisation { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: loading a large graph takes seconds.
        await Task.Yield();
        if (router.Engine is null)
        {
            return;
        }

        using var timer = new PeriodicTimer(router.Options.TrafficInterval, time);
        do
        {
            try
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or DbException)
            {
                // One failed round leaves the previous speeds in place; the next round retries.
                Log.RoundFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One round: read the sensors, replace the live speeds, re-customise. Returns the number of roads set.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var engine = router.Engine;
        if (engine is null)
        {
            return 0;
        }

        var options = router.Options;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var from = now - (long)options.TrafficWindow.TotalMilliseconds;
        var speeds = new List<EdgeSpeed>();
        foreach (var entry in devices.All)
        {
            var device = entry.Device;
            var quantity = device.Kind == DeviceKind.Traffic ? device.IndexOfQuantity(Quantity) : -1;
            if (quantity < 0)
            {
                continue;
            }

            var edge = EdgeOf(device, options.TrafficSnapMeters);
            if (edge < 0)
            {
                continue;
            }

            var readings = await observations.ReadAsync(entry.Ordinal, quantity, from, now, 10_000, cancellationToken).ConfigureAwait(false);
            if (readings.Count == 0 || !double.IsFinite(readings[^1].Value))
            {
                continue;
            }

            // A reading above the free-flow speed would make the road faster than its class allows; only slow-downs count.
            var freeFlow = FreeFlowKmh(engine.Graph, edge);
            var kmh = Math.Clamp(readings[^1].Value, options.MinTrafficKmh, Math.Max(options.MinTrafficKmh, freeFlow));
            speeds.Add(new EdgeSpeed(edge, kmh));
        }

        var clock = Stopwatch.StartNew();
        engine.ReplaceSpeeds(speeds.ToArray());
        LastCustomisation = clock.Elapsed;
        LiveEdges = speeds.Count;
        Log.Customised(logger, speeds.Count, clock.Elapsed.TotalMilliseconds);
        return speeds.Count;
    }

    private int EdgeOf(Device device, double maxMeters)
    {
        var location = device.Location;
        if (_edges.TryGetValue(device.Id, out var known) && known.Lat == location.Lat && known.Lon == location.Lon)
        {
            return known.Edge;
        }

        var edge = router.Engine is { } engine && engine.TrySnap(new RoadPoint(location.Lat, location.Lon), out var snap, maxMeters) ? snap.Edge : -1;
        _edges[device.Id] = (location.Lat, location.Lon, edge);
        return edge;
    }

    private static double FreeFlowKmh(Vigil.Routing.Graph.RoadGraph graph, int edge)
    {
        var arc = graph.EdgeArc(edge, reversed: false);
        if (arc < 0)
        {
            arc = graph.EdgeArc(edge, reversed: true);
        }

        var ms = graph.ArcBaseWeightMs(arc);
        return ms > 0 ? graph.EdgeLength(edge) / (ms / 1000.0) * 3.6 : double.MaxValue;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 910, Level = LogLevel.Debug, Message = "Live traffic: {Edges} roads from sensors, metric customised in {Milliseconds:0.0} ms")]
        public static partial void Customised(ILogger logger, int edges, double milliseconds);

        [LoggerMessage(EventId = 911, Level = LogLevel.Warning, Message = "Live traffic round failed; previous speeds stay in place")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
