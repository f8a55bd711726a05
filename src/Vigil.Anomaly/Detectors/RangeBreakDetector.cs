using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Detectors;

/// <summary>
/// Flags a value outside every value the series has ever taken, by more than a tolerance of the range seen so far:
/// the "spatial anomaly" rule that Numenta's detector adds to its HTM score in NAB (numenta/NAB,
/// nab/detectors/numenta/numenta_detector.py, spatial tolerance 5 %). A series that breaks its all-time record is
/// surprising whatever its rhythm, and the rule fires on the very first point of the break, which NAB rewards most.
/// Its likelihood is either 0 or <see cref="RangeBreakOptions.BreakLikelihood"/>; it costs two comparisons a point.
/// </summary>
public sealed class RangeBreakDetector : IStreamingDetector
{
    private const byte Version = 1;

    private readonly RangeBreakOptions _options;
    private long _seen;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public RangeBreakDetector(RangeBreakOptions? options = null)
    {
        _options = options ?? new RangeBreakOptions();
        _options.Validate();
    }

    public AnomalyResult Observe(long timestampTicks, double value)
    {
        if (!double.IsFinite(value))
        {
            return AnomalyResult.Learning(value);
        }

        _seen++;
        if (_seen == 1)
        {
            _min = value;
            _max = value;
            return AnomalyResult.Learning(value);
        }

        var tolerance = _options.Tolerance * (_max - _min);
        var low = _min - tolerance;
        var high = _max + tolerance;
        var broken = value > high || value < low;
        if (value > _max)
        {
            _max = value;
        }
        else if (value < _min)
        {
            _min = value;
        }

        var likelihood = broken && _seen > _options.LearningPoints ? _options.BreakLikelihood : 0.0;
        return new AnomalyResult(likelihood, low, high, value);
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.RangeBreak, Version);
        writer.WriteInt64(_seen);
        writer.WriteDouble(_min);
        writer.WriteDouble(_max);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.RangeBreak, Version)
            || !reader.TryReadInt64(out var seen) || seen < 0
            || !reader.TryReadDouble(out var min)
            || !reader.TryReadDouble(out var max)
            || !reader.IsAtEnd)
        {
            return false;
        }

        _seen = seen;
        _min = min;
        _max = max;
        return true;
    }
}
