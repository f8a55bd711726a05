using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Vigil.LoadHarness;

/// <summary>
/// Sends pre-serialised batches over a fixed set of connections, optionally paced to a target rate, and counts only
/// what the server acknowledged (202) inside the measured window.
/// </summary>
public sealed class LoadRunner(HarnessOptions options, LoadTarget target)
{
    private const long MaxPreparedObservations = 24_000_000;
    private long _next = -1;
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
        var keys = await target.RegisterDevicesAsync(options.Devices, cancellationToken).ConfigureAwait(false);

        var plannedRate = options.Rate > 0 ? options.Rate : 250_000;
        var total = Math.Min(MaxPreparedObservations, (long)(plannedRate * (options.Duration + options.Warmup).TotalSeconds * 1.1));
        Console.Error.WriteLine($"preparing {total:N0} observations in batches of {options.Batch}…");
        var payloads = PayloadFactory.Build(options.Devices, options.Batch, total, options.AlarmEvery, DateTimeOffset.UtcNow.AddMinutes(-5));
        var headers = new string[keys.Length];
        Array.Copy(keys, headers, keys.Length);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = options.Connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = target.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var admin = new HttpClient { BaseAddress = target.BaseAddress };
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", target.AdminToken);

        var latencies = new LatencyRecorder(options.Connections);
        var clock = Stopwatch.StartNew();
        var workers = new Task[options.Connections];
        for (var w = 0; w < workers.Length; w++)
        {
            var worker = w;
            workers[w] = Task.Run(() => WorkAsync(worker, client, payloads, headers, latencies, clock, cancellationToken), cancellationToken);
        }

        Console.Error.WriteLine($"warming up for {options.Warmup.TotalSeconds:0} s…");
        await Task.Delay(options.Warmup, cancellationToken).ConfigureAwait(false);
        (await admin.PostAsync("api/v1/diagnostics/latency/reset", null, cancellationToken).ConfigureAwait(false)).Dispose();
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

        // Let the pipeline drain the last acknowledged batches so their alarms are counted.
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        using var report = JsonDocument.Parse(await admin.GetStringAsync("api/v1/diagnostics/latency", cancellationToken).ConfigureAwait(false));
        var alarms = report.RootElement;
        var (p50, p99, max) = latencies.Summarise();
        return new LoadResult(
            Embedded: target.Embedded,
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
            Alarms: alarms.GetProperty("alarms").GetInt64(),
            AlarmP50Ms: Math.Round(alarms.GetProperty("p50Ms").GetDouble(), 2),
            AlarmP99Ms: Math.Round(alarms.GetProperty("p99Ms").GetDouble(), 2),
            CpuCoresUsed: target.Embedded ? Math.Round(cpu / seconds, 2) : null,
            Gen2Collections: GC.CollectionCount(2) - gcBefore,
            RanOutOfPayloads: _exhausted);
    }

    private async Task WorkAsync(int worker, HttpClient client, PayloadFactory.Payload[] payloads, string[] keys, LatencyRecorder latencies, Stopwatch clock, CancellationToken cancellationToken)
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
