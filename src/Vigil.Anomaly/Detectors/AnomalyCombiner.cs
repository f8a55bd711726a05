using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Detectors;

/// <summary>
/// Combines the likelihoods of several detectors of the same series into one. Each part's likelihood is a
/// conformal tail probability p; the combination takes the smallest p with a Bonferroni correction for the
/// number of parts (valid whatever the dependence between parts). After an alarm, further surprises are damped
/// for a fixed number of observations, as ARTime and CAD OSE do in NAB, so that one event raises one alarm;
/// with <see cref="AnomalyCombinerOptions.BreakThroughMask"/>, a surprise stronger than the one that raised the
/// alarm breaks through the mask, so a small blip cannot hide the large event that follows it.
/// A noise gate calibrates the alarm level per series: the combiner keeps an exponentially decayed rate of the
/// points whose raw combined p reached the alarm level, and when that rate exceeds the allowance
/// (<see cref="AnomalyCombinerOptions.NoiseAllowance"/>) p is multiplied by rate / allowance, so a series that is
/// always surprising needs a proportionally stronger surprise to alarm, while a quiet series is left untouched.
/// The expected band is the first part's.
/// </summary>
public sealed class AnomalyCombiner : IStreamingDetector
{
    // Version 4: the noise gate's alarm rate joined the state. Version 3 added the range-break part (a version 2
    // checkpoint has three parts) and kept the alarm that opened the mask as its tail probability. An older
    // checkpoint is refused by the header and the device starts learning afresh.
    private const byte Version = 4;

    // A p-value floor keeps every likelihood below 1 and -log10(p) finite; 1e-12 is far beyond any threshold in use.
    private const double MinimumP = 1e-12;

    private readonly IStreamingDetector[] _parts;
    private readonly AnomalyCombinerOptions _options;
    private readonly double _alarmP;
    private readonly double _rateDecay;
    private long _sinceAlarm = long.MaxValue;
    private double _alarmedP = 1.0;
    private double _alarmRate;

    public AnomalyCombiner(IReadOnlyList<IStreamingDetector> parts, AnomalyCombinerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(parts);
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        _parts = new IStreamingDetector[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            _parts[i] = parts[i] ?? throw new ArgumentException("a part is null", nameof(parts));
        }

        _options = options ?? new AnomalyCombinerOptions();
        _options.Validate();
        _alarmP = 1.0 - _options.AlarmLikelihood;
        _rateDecay = _options.NoiseMemory == 0 ? 0 : 1.0 / _options.NoiseMemory;
    }

    public AnomalyResult Observe(long timestampTicks, double value)
    {
        var first = _parts[0].Observe(timestampTicks, value);
        var smallest = 1.0 - first.Likelihood;
        var anyScored = first.Likelihood > 0;
        for (var i = 1; i < _parts.Length; i++)
        {
            var likelihood = _parts[i].Observe(timestampTicks, value).Likelihood;
            anyScored |= likelihood > 0;
            smallest = Math.Min(smallest, 1.0 - likelihood);
        }

        if (!anyScored)
        {
            return first with { Likelihood = 0 };
        }

        // Everything below works on the tail probability itself: comparing p values orders surprises (-log10 p)
        // exactly as comparing the surprises would, without a logarithm and a power on every point.
        var p = Math.Clamp(smallest * _parts.Length, MinimumP, 1.0);
        if (_rateDecay > 0)
        {
            // The gate uses the rate before this point, so a lone surprise on a quiet series is judged on its own;
            // the rate counts raw surprises (before gate and mask), which measure how noisy the series itself is.
            var gated = _alarmRate > _options.NoiseAllowance ? Math.Min(p * (_alarmRate / _options.NoiseAllowance), 1.0) : p;
            _alarmRate += ((p <= _alarmP ? 1.0 : 0.0) - _alarmRate) * _rateDecay;
            p = gated;
        }

        if (_sinceAlarm < long.MaxValue)
        {
            _sinceAlarm++;
        }

        if (_sinceAlarm <= _options.MaskPoints && (!_options.BreakThroughMask || p >= _alarmedP))
        {
            // Damping the surprise by the masked weight w turns p into p^w; w = 0 (the default) silences it.
            p = _options.MaskedWeight == 0 ? 1.0 : Math.Pow(p, _options.MaskedWeight);
        }
        else if (p <= _alarmP)
        {
            _sinceAlarm = 0;
            _alarmedP = p;
        }

        return first with { Likelihood = 1.0 - p };
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.Combiner, Version);
        writer.WriteInt32(_parts.Length);
        writer.WriteInt64(_sinceAlarm);
        writer.WriteDouble(_alarmedP);
        writer.WriteDouble(_alarmRate);
        var part = new ArrayBufferWriter<byte>();
        foreach (var detector in _parts)
        {
            part.ResetWrittenCount();
            detector.WriteState(part);
            writer.WriteBytes(part.WrittenSpan);
        }
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.Combiner, Version)
            || !reader.TryReadInt32(out var count) || count != _parts.Length
            || !reader.TryReadInt64(out var sinceAlarm) || sinceAlarm < 0
            || !reader.TryReadDouble(out var alarmedP) || !(alarmedP >= MinimumP && alarmedP <= 1.0)
            || !reader.TryReadDouble(out var alarmRate) || !(alarmRate >= 0 && alarmRate <= 1.0))
        {
            return false;
        }

        var states = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadInt32(out var length) || length < 0 || length > source.Length)
            {
                return false;
            }

            states[i] = new byte[length];
            var span = states[i].AsSpan();
            for (var b = 0; b < length; b++)
            {
                if (!reader.TryReadByte(out span[b]))
                {
                    return false;
                }
            }
        }

        if (!reader.IsAtEnd)
        {
            return false;
        }

        // Restore part by part; if one rejects its bytes, put the earlier ones back so a bad checkpoint changes nothing.
        var snapshots = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            snapshots[i] = _parts[i].SaveState();
            if (!_parts[i].TryReadState(states[i]))
            {
                for (var j = 0; j < i; j++)
                {
                    _parts[j].TryReadState(snapshots[j]);
                }

                return false;
            }
        }

        _sinceAlarm = sinceAlarm;
        _alarmedP = alarmedP;
        _alarmRate = alarmRate;
        return true;
    }
}
