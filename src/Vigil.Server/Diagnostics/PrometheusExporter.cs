using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using Vigil.Platform.Diagnostics;

namespace Vigil.Server.Diagnostics;

/// <summary>
/// Renders the "Vigil" meter in the Prometheus text format. The OpenTelemetry Prometheus exporter is not available
/// to this build, and a MeterListener with running sums is all a scrape needs.
/// </summary>
public sealed class PrometheusExporter : IDisposable
{
    private static readonly double[] LatencyBounds = [0.5, 1, 2, 5, 10, 20, 50, 100, 250, 500, 1000, 5000];
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();
    private readonly ConcurrentDictionary<string, double> _gauges = new();
    private readonly ConcurrentDictionary<string, Histogram> _histograms = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == VigilMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var (name, value) in Sorted(_sums))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
        }

        foreach (var (name, value) in Sorted(_gauges))
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} {value}\n");
        }

        foreach (var (name, histogram) in _histograms)
        {
            lock (histogram)
            {
                long cumulative = 0;
                for (var b = 0; b < LatencyBounds.Length; b++)
                {
                    cumulative += histogram.Buckets[b];
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"{LatencyBounds[b]}\"}} {cumulative}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{le=\"+Inf\"}} {histogram.Count}\n{name}_sum {histogram.Sum}\n{name}_count {histogram.Count}\n");
            }
        }

        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private static List<KeyValuePair<string, double>> Sorted(ConcurrentDictionary<string, double> values)
    {
        var list = new List<KeyValuePair<string, double>>(values);
        list.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        return list;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = Name(instrument, tags);
        switch (instrument)
        {
            case Histogram<double>:
                var histogram = _histograms.GetOrAdd(name, _ => new Histogram());
                lock (histogram)
                {
                    var b = Array.BinarySearch(LatencyBounds, value);
                    b = b >= 0 ? b : ~b;
                    if (b < LatencyBounds.Length)
                    {
                        histogram.Buckets[b]++;
                    }

                    histogram.Count++;
                    histogram.Sum += value;
                }

                break;
            case ObservableGauge<long> or ObservableGauge<double>:
                _gauges[name] = value;
                break;
            default:
                _sums.AddOrUpdate(name, value, (_, old) => old + value);
                break;
        }
    }

    private static string Name(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var name = instrument.Name.Replace('.', '_') + (instrument is Counter<long> ? "_total" : string.Empty);
        if (tags.Length == 0)
        {
            return name;
        }

        var labels = new StringBuilder(name).Append('{');
        for (var i = 0; i < tags.Length; i++)
        {
            labels.Append(i == 0 ? string.Empty : ",").Append(tags[i].Key).Append("=\"").Append(tags[i].Value).Append('"');
        }

        return labels.Append('}').ToString();
    }

    private sealed class Histogram
    {
        public long[] Buckets { get; } = new long[LatencyBounds.Length];

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
