using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.LoadHarness;

/// <summary>
/// Sends pre-serialised batches over a fixed set of connections, optionally paced to a target rate, and counts only
/// what the server acknowledged (202) inside the measured window. With several servers each device's requests all go to
/// the same one (device i to server i mod n), as a load balancer hashing on the device would send them.
/// </summary>
public sealed class LoadRunner(HarnessOptions options, IReadOnlyList<LoadTarget> targets)
{
    private const long MaxPreparedObservations = 24_000_000;
    private long _next = -1;
    private string[] _deviceIds = [];
    private long _accepted;
    private long _acceptedRequests;
    private long _refused;
    private long _failed;
    private volatile bool _measuring;
    private volatile bool _stop;
    private volatile bool _exhausted;

    public async Task<LoadResult> RunAsync(CancellationToken cancellationToken)
    {
        Console.Error.WriteLine($"registering {options.Devices} devices…");
        // The nodes share one database, so devices registered through the first are known to all.
        var (ids, keys) = await targets[0].RegisterDevicesAsync(options.Devices, cancellationToken).ConfigureAwait(false);

        _deviceIds = ids;
        var plannedRate = options.Rate > 0 ? options.Rate : 250_000;
        var total = Math.Min(MaxPreparedObservations, (long)(plannedRate * (options.Duration + options.Warmup).TotalSeconds * 1.1));
        Console.Error.WriteLine($"preparing {total:N0} observations in batches of {options.Batch}…");
        var payloads = PayloadFactory.Build(options.Devices, options.Batch, total, options.AlarmEvery, DateTimeOffset.UtcNow.AddMinutes(-5));
        var headers = new string[keys.Length];
        Array.Copy(keys, headers, keys.Length);

        var clients = new HttpClient[targets.Count];
        var admins = new HttpClient[targets.Count];
        for (var t = 0; t < targets.Count; t++)
        {
            var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            clients[t] = new HttpClient(handler, disposeHandler: true) { BaseAddress = targets[t].BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            admins[t] = new HttpClient { BaseAddress = targets[t].BaseAddress };
            admins[t].DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", targets[t].AdminToken);
        }

        try
        {
            return await MeasureAsync(clients, admins, payloads, headers, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in clients.Concat(admins))
            {
                client.Dispose();
            }
        }
    }

    private async Task<LoadResult> MeasureAsync(HttpClient[] clients, HttpClient[] admins, PayloadFactory.Payload[] payloads, string[] headers, CancellationToken cancellationToken)
    {
        var mqtt = options.Mqtt is { } broker ? new MqttPublishers(broker, options.Devices, headers, _deviceIds) : null;
        var latencies = new LatencyRecorder(mqtt is null ? options.Connections : options.Devices);
        var clock = Stopwatch.StartNew();
        var workers = new Task[mqtt is null ? options.Connections : options.Devices];
        for (var w = 0; w < workers.Length; w++)
        {
            var worker = w;
            workers[w] = mqtt is null
                ? Task.Run(() => WorkAsync(worker, clients, payloads, headers, latencies, clock, cancellationToken), cancellationToken)
                : Task.Run(() => PublishAsync(worker, mqtt, payloads, clock, cancellationToken), cancellationToken);
        }

        Console.Error.WriteLine($"warming up for {options.Warmup.TotalSeconds:0} s…");
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        foreach (var admin in admins)
        {
            (await admin.PostAsync("api/v1/diagnostics/latency/reset", null, cancellationToken).ConfigureAwait(false)).Dispose();
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var gcBefore = GC.CollectionCount(2);
        var measured = Stopwatch.StartNew();
        _measuring = true;
        Console.Error.WriteLine($"measuring for {options.Duration.TotalSeconds:0} s…");
        while (measured.Elapsed < options.Duration && !_exhausted)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken).ConfigureAwait(false);
        }

        _measuring = false;
        var seconds = measured.Elapsed.TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        _stop = true;
        await Task.WhenAll(workers).ConfigureAwait(false);
        if (mqtt is not null)
        {
            // mosquitto_pub queues what it cannot send yet, so a written line is not yet acknowledged. Closing stdin
            // makes each publisher wait for all its PUBACKs and exit 0 only if all came; the measured window runs until
            // then, so the rate counts acknowledged messages only (the warm-up's backlog drains in it uncounted).
            _failed += await mqtt.CloseAsync().ConfigureAwait(false);
            seconds = measured.Elapsed.TotalSeconds;
        }

        // Let the pipeline drain the last acknowledged batches so their alarms are counted.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);

        // Each node reports its own alarms; the percentiles shown are the worst node's, since they cannot be merged.
        long alarmCount = 0;
        double alarmP50 = 0, alarmP99 = 0;
        foreach (var admin in admins)
        {
            using var report = JsonDocument.Parse(await admin.GetStringAsync("api/v1/diagnostics/latency", cancellationToken).ConfigureAwait(false));
            alarmCount += report.RootElement.GetProperty("alarms").GetInt64();
            alarmP50 = Math.Max(alarmP50, report.RootElement.GetProperty("p50Ms").GetDouble());
            alarmP99 = Math.Max(alarmP99, report.RootElement.GetProperty("p99Ms").GetDouble());
        }

        var (p50, p99, max) = latencies.Summarise();
        return new LoadResult(
            Embedded: targets[0].Embedded,
            Nodes: targets.Count,
            Path: mqtt is null ? "http" : "mqtt",
            Devices: options.Devices,
            Batch: options.Batch,
            Connections: options.Connections,
            TargetRate: options.Rate,
            Seconds: Math.Round(seconds, 2),
            AcceptedObservations: _accepted,
            ObservationsPerSecond: Math.Round(_accepted / seconds),
            RequestsPerSecond: Math.Round(_acceptedRequests / seconds),
            Refused503: _refused,
            Failed: _failed,
            AckP50Ms: Math.Round(p50, 2),
            AckP99Ms: Math.Round(p99, 2),
            AckMaxMs: Math.Round(max, 2),
            Alarms: alarmCount,
            AlarmP50Ms: Math.Round(alarmP50, 2),
            AlarmP99Ms: Math.Round(alarmP99, 2),
            CpuCoresUsed: targets[0].Embedded ? Math.Round(cpu / seconds, 2) : null,
            Gen2Collections: GC.CollectionCount(2) - gcBefore,
            RanOutOfPayloads: _exhausted);
    }

    /// <summary>
    /// Feeds one device's batches to its mosquitto_pub. A write returns once the line is in the pipe; mosquitto_pub keeps
    /// a bounded number of QoS 1 messages in flight, so the pipe fills and writes block as fast as PUBACKs come back.
    /// </summary>
    private async Task PublishAsync(int device, MqttPublishers mqtt, PayloadFactory.Payload[] payloads, Stopwatch clock, CancellationToken cancellationToken)
    {
        var input = mqtt.Input(device);
        for (long i = device; !_stop; i += options.Devices)
        {
            if (i >= payloads.Length)
            {
                _exhausted = true;
                return;
            }

            var payload = payloads[i];
            if (options.Rate > 0)
            {
                // The same open-loop pacing as over HTTP, since mosquitto_pub would otherwise queue without bound.
                var due = TimeSpan.FromSeconds((double)i * options.Batch / options.Rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            try
            {
                await input.BaseStream.WriteAsync(payload.Body, cancellationToken).ConfigureAwait(false);
                input.BaseStream.WriteByte((byte)'\n');
                await input.BaseStream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (IOException)
            {
                Interlocked.Increment(ref _failed);
                return;
            }

            if (_measuring)
            {
                Interlocked.Add(ref _accepted, payload.Observations);
                Interlocked.Increment(ref _acceptedRequests);
            }
        }
    }

    private async Task WorkAsync(int worker, HttpClient[] clients, PayloadFactory.Payload[] payloads, string[] keys, LatencyRecorder latencies, Stopwatch clock, CancellationToken cancellationToken)
    {
        while (!_stop)
        {
            var i = Interlocked.Increment(ref _next);
            if (i >= payloads.Length)
            {
                _exhausted = true;
                return;
            }

            var payload = payloads[i];
            if (options.Rate > 0)
            {
                // Open-loop pacing: request i is due when the target rate would have sent its first observation.
                var due = TimeSpan.FromSeconds((double)i * options.Batch / options.Rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
                }
            }

            var client = clients[payload.Device % clients.Length];
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/observations") { Content = new ByteArrayContent(payload.Body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-Api-Key", keys[payload.Device]);
            var sent = Stopwatch.GetTimestamp();
            HttpStatusCode status;
            try
            {
                using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _failed);
                continue;
            }

            if (!_measuring)
            {
                continue;
            }

            latencies.Record(worker, Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
            if (status == HttpStatusCode.Accepted)
            {
                Interlocked.Add(ref _accepted, payload.Observations);
                Interlocked.Increment(ref _acceptedRequests);
            }
            else if (status == HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref _refused);
            }
            else
            {
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
