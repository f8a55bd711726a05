using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Detectors;

/// <summary>
/// Level-shift (changepoint) detector: the median of the last few values against the median and MAD of the
/// window just before them, a robust form of the two-window change test (Basseville and Nikiforov 1993,
/// "Detection of Abrupt Changes", ch. 2). A single spike moves the short median little; a sustained step
/// or a slow drift moves it by its full size. The shift, in robust standard deviations of the reference, is ranked
/// against the series' own history to give the likelihood.
/// </summary>
public sealed class LevelShiftDetector : IStreamingDetector
{
    private const byte Version = 1;
    private const double MadToSigma = 1.4826;
    private const double SpreadDecay = 1.0 / 256;

    private readonly LevelShiftOptions _options;
    private SortedWindow _short;
    private SortedWindow _reference;
    private ScoreCalibrator _calibrator;
    private long _seen;
    private double _spread;

    public LevelShiftDetector(LevelShiftOptions? options = null)
    {
        _options = options ?? new LevelShiftOptions();
        _options.Validate();
        _short = new SortedWindow(_options.ShortWindow);
        _reference = new SortedWindow(_options.ReferenceWindow);
        _calibrator = new ScoreCalibrator(_options.CalibrationMemory);
    }

    public AnomalyResult Observe(long timestampTicks, double value)
    {
        if (!double.IsFinite(value))
        {
            return AnomalyResult.Learning(value);
        }

        if (_short.IsFull)
        {
            _reference.Add(_short.Recent(_short.Capacity - 1));
        }

        _short.Add(value);
        _seen++;
        if (_reference.Count < 8)
        {
            return AnomalyResult.Learning(value);
        }

        var level = _reference.Median();
        var mad = _reference.MedianAbsoluteDeviation(level);
        var sigma = Math.Max(MadToSigma * mad, Math.Max(0.1 * _spread, Math.Max(1e-9 * Math.Abs(level), double.Epsilon)));
        var shift = _short.Median() - level;
        var raw = Math.Abs(shift) / sigma;
        _spread += SpreadDecay * (Math.Abs(value - level) - _spread);

        var likelihood = 0.0;
        if (_seen > _options.LearningPoints && _calibrator.Count >= 32)
        {
            likelihood = 1.0 - _calibrator.PValue(raw);
        }

        _calibrator.Add(raw);
        var half = _options.BandWidth * sigma;
        return new AnomalyResult(likelihood, level - half, level + half, value);
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.LevelShift, Version);
        writer.WriteInt64(_seen);
        writer.WriteDouble(_spread);
        _short.Write(ref writer);
        _reference.Write(ref writer);
        _calibrator.Write(ref writer);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var probe = new LevelShiftDetector(_options);
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.LevelShift, Version)
            || !reader.TryReadInt64(out probe._seen)
            || !reader.TryReadDouble(out probe._spread)
            || !probe._short.TryRead(ref reader)
            || !probe._reference.TryRead(ref reader)
            || !probe._calibrator.TryRead(ref reader)
            || !reader.IsAtEnd)
        {
            return false;
        }

        _seen = probe._seen;
        _spread = probe._spread;
        _short = probe._short;
        _reference = probe._reference;
        _calibrator = probe._calibrator;
        return true;
    }
}
