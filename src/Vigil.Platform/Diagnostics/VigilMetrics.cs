using System.Diagnostics.Metrics;

namespace Vigil.Platform.Diagnostics;

/// <summary>Vigil's instruments, on the "Vigil" meter (exported as Prometheus text at /metrics, and to OpenTelemetry).</summary>
public sealed class VigilMetrics : IDisposable
{
    public const string MeterName = "Vigil";

    private readonly Meter _meter;
    private readonly Counter<long> _observations;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _alarms;
    private readonly Histogram<double> _alarmLatency;
    private long _queueDepth;

    public VigilMetrics()
    {
        _meter = new Meter(MeterName, "1.0");
        _observations = _meter.CreateCounter<long>("vigil.ingest.observations", "{observation}", "Observations durably accepted");
        _batches = _meter.CreateCounter<long>("vigil.ingest.batches", "{batch}", "Batches durably accepted");
        _rejected = _meter.CreateCounter<long>("vigil.ingest.rejected", "{batch}", "Batches refused (bad input, auth, overload)");
        _alarms = _meter.CreateCounter<long>("vigil.alarms.raised", "{alarm}", "Alarms raised by rules");
        _alarmLatency = _meter.CreateHistogram<double>("vigil.pipeline.observation_to_alarm", "ms", "From receipt of an observation to its alarm being committed");
        _meter.CreateObservableGauge("vigil.pipeline.queue_depth", () => Interlocked.Read(ref _queueDepth), "{observation}", "Observations accepted and not yet through the rules");
    }

    /// <summary>Percentiles of observation→alarm latency for diagnostics and the load harness.</summary>
    public LatencyHistogram AlarmLatency { get; } = new();

    public long QueueDepth => Interlocked.Read(ref _queueDepth);

    public void BatchAccepted(int observations)
    {
        _batches.Add(1);
        _observations.Add(observations);
    }

    public void BatchRejected(string reason) => _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void AlarmRaised(double latencyMs)
    {
        _alarms.Add(1);
        _alarmLatency.Record(latencyMs);
        AlarmLatency.Record(latencyMs);
    }

    public long AddQueueDepth(long delta) => Interlocked.Add(ref _queueDepth, delta);

    public void Dispose() => _meter.Dispose();
}
