using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Health;

/// <summary>
/// Flags a stuck sensor: the same value (within a tolerance) for at least a minimum time and number of readings.
/// A real signal carries noise, so an exactly repeated reading over many samples says the sensor or its
/// digitiser has frozen, not that the world stood still. O(1) per reading, a few fields of state.
/// </summary>
public sealed class FlatlineDetector
{
    private const byte Version = 1;
    private readonly FlatlineOptions _options;
    private readonly long _minTicks;
    private double _runLow;
    private double _runHigh;
    private long _runStartTicks;
    private int _runReadings;

    public FlatlineDetector(FlatlineOptions? options = null)
    {
        _options = options ?? new FlatlineOptions();
        _options.Validate();
        _minTicks = _options.MinDuration.Ticks;
    }

    /// <summary>True while the current run of equal readings is long enough to call the sensor stuck.</summary>
    public bool IsStuck { get; private set; }

    /// <summary>The value the sensor is stuck at (the first of the run).</summary>
    public double StuckValue => _runLow;

    /// <summary>When the current run of equal readings began (ticks).</summary>
    public long RunStartTicks => _runStartTicks;

    /// <summary>Feeds one reading; returns <see cref="IsStuck"/> after it.</summary>
    public bool Observe(long timestampTicks, double value)
    {
        if (!double.IsFinite(value))
        {
            return IsStuck;
        }

        // The run is the set of readings whose spread stays within the tolerance.
        var low = Math.Min(_runLow, value);
        var high = Math.Max(_runHigh, value);
        if (_runReadings > 0 && high - low <= _options.Tolerance)
        {
            _runLow = low;
            _runHigh = high;
            _runReadings++;
        }
        else
        {
            _runLow = value;
            _runHigh = value;
            _runStartTicks = timestampTicks;
            _runReadings = 1;
        }

        IsStuck = _runReadings >= _options.MinReadings && timestampTicks - _runStartTicks >= _minTicks;
        return IsStuck;
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.Flatline, Version);
        writer.WriteDouble(_runLow);
        writer.WriteDouble(_runHigh);
        writer.WriteInt64(_runStartTicks);
        writer.WriteInt32(_runReadings);
        writer.WriteBoolean(IsStuck);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.Flatline, Version)
            || !reader.TryReadDouble(out var low)
            || !reader.TryReadDouble(out var high)
            || !reader.TryReadInt64(out var start)
            || !reader.TryReadInt32(out var readings) || readings < 0
            || !reader.TryReadBoolean(out var stuck)
            || !reader.IsAtEnd)
        {
            return false;
        }

        (_runLow, _runHigh, _runStartTicks, _runReadings, IsStuck) = (low, high, start, readings, stuck);
        return true;
    }
}
