using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Health;

/// <summary>
/// Watches how one sensor's readings arrive: dropouts (a gap several times the sensor's own typical interval,
/// learned as the median of recent intervals so that a sensor's cadence need not be configured) and late
/// data (a reading received long after its timestamp). O(interval memory) per reading, bounded state.
/// </summary>
public sealed class DeliveryMonitor
{
    private const byte Version = 1;
    private readonly DeliveryOptions _options;
    private SortedWindow _intervals;
    private long _lastTicks = long.MinValue;

    public DeliveryMonitor(DeliveryOptions? options = null)
    {
        _options = options ?? new DeliveryOptions();
        _options.Validate();
        _intervals = new SortedWindow(_options.IntervalMemory);
    }

    /// <summary>The sensor's typical interval between readings in ticks; NaN until three intervals were seen.</summary>
    public double TypicalIntervalTicks => _intervals.Count >= 3 ? _intervals.Median() : double.NaN;

    /// <summary>Timestamp of the newest reading, or <see cref="long.MinValue"/> before the first.</summary>
    public long LastTicks => _lastTicks;

    /// <summary>Feeds one reading, taken at <paramref name="timestampTicks"/> and received at <paramref name="receivedTicks"/>.</summary>
    public DeliveryCheck Observe(long timestampTicks, long receivedTicks)
    {
        var lateness = receivedTicks - timestampTicks;
        var late = lateness > _options.MaxLateness.Ticks ? lateness : 0;
        if (_lastTicks == long.MinValue)
        {
            _lastTicks = timestampTicks;
            return new DeliveryCheck(0, late);
        }

        if (timestampTicks <= _lastTicks)
        {
            // A repeated or back-filled reading says nothing about the cadence.
            return new DeliveryCheck(0, late);
        }

        var gap = timestampTicks - _lastTicks;
        var dropout = IsGap(gap) ? gap : 0;
        _lastTicks = timestampTicks;
        if (dropout == 0)
        {
            // A dropout is not part of the cadence; learning it would make the next dropout look normal.
            _intervals.Add(gap);
        }

        return new DeliveryCheck(dropout, late);
    }

    /// <summary>True when, at <paramref name="nowTicks"/>, the sensor has been silent for a dropout's length.</summary>
    public bool IsOverdue(long nowTicks) => _lastTicks != long.MinValue && IsGap(nowTicks - _lastTicks);

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.Delivery, Version);
        writer.WriteInt64(_lastTicks);
        _intervals.Write(ref writer);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var reader = new StateReader(source);
        var intervals = new SortedWindow(_options.IntervalMemory);
        if (!reader.TryReadHeader(Tags.Delivery, Version)
            || !reader.TryReadInt64(out var last)
            || !intervals.TryRead(ref reader)
            || !reader.IsAtEnd)
        {
            return false;
        }

        _lastTicks = last;
        _intervals = intervals;
        return true;
    }

    private bool IsGap(long gapTicks)
    {
        var typical = TypicalIntervalTicks;
        return !double.IsNaN(typical) && gapTicks >= _options.MinGap.Ticks && gapTicks > _options.GapFactor * typical;
    }
}
