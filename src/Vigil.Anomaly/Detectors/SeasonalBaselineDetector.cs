using System.Buffers;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Detectors;

/// <summary>
/// Robust seasonal baseline: the median and MAD of the values seen in the same time-of-day (or hour-of-week)
/// slot on previous days, next to the median and MAD of the most recent values. Whichever of the two has
/// predicted the series better lately gives the expected band; the distance outside it, in robust standard
/// deviations, is ranked against the series' own history to give the likelihood. Median/MAD make the baseline
/// insensitive to the anomalies it has already seen (Hampel 1974; Rousseeuw and Croux 1993).
/// </summary>
public sealed class SeasonalBaselineDetector : IStreamingDetector
{
    private const byte Version = 1;

    // 1.4826 * MAD estimates the standard deviation of normal data (Rousseeuw and Croux 1993).
    private const double MadToSigma = 1.4826;

    // Exponential forgetting of the prediction errors that choose between the two baselines: about a day of 5-minute data.
    private const double ErrorDecay = 1.0 / 256;

    private readonly SeasonalBaselineOptions _options;
    private SortedWindow[] _slots;
    private SortedWindow _recent;
    private ScoreCalibrator _calibrator;
    private long _seen;
    private double _seasonalError;
    private double _recentError;
    private double _spread;
    private long _slotStart = long.MaxValue;
    private long _slotEnd = long.MinValue;
    private int _slotIndex;

    public SeasonalBaselineDetector(SeasonalBaselineOptions? options = null)
    {
        _options = options ?? new SeasonalBaselineOptions();
        _options.Validate();
        _slots = new SortedWindow[_options.SlotsPerDay * _options.SeasonDays];
        for (var i = 0; i < _slots.Length; i++)
        {
            _slots[i] = new SortedWindow(_options.SlotMemory);
        }

        _recent = new SortedWindow(_options.RecentWindow);
        _calibrator = new ScoreCalibrator(_options.CalibrationMemory);
    }

    /// <summary>The raw score of the last observation: its distance outside the expected centre in robust sigmas.</summary>
    public double LastRawScore { get; private set; }

    /// <summary>The expected value of the last observation (NaN while learning).</summary>
    public double LastExpected { get; private set; } = double.NaN;

    public AnomalyResult Observe(long timestampTicks, double value)
    {
        if (!double.IsFinite(value))
        {
            return AnomalyResult.Learning(value);
        }

        var slot = _slots[SlotOf(timestampTicks)];
        var haveSeasonal = slot.Count >= 3;
        var haveRecent = _recent.Count >= 8;
        double seasonalMedian = double.NaN, recentMedian = double.NaN;
        double center = double.NaN, mad = double.NaN;
        if (haveRecent)
        {
            recentMedian = _recent.Median();
        }

        if (haveSeasonal)
        {
            seasonalMedian = slot.Median();
        }

        if (haveSeasonal && (!haveRecent || _seasonalError <= _recentError))
        {
            center = seasonalMedian;
            mad = slot.MedianAbsoluteDeviation(center);
        }
        else if (haveRecent)
        {
            center = recentMedian;
            mad = _recent.MedianAbsoluteDeviation(center);
        }

        var result = AnomalyResult.Learning(value);
        var raw = 0.0;
        if (!double.IsNaN(center))
        {
            // A MAD of zero (quantised or idle series) would make every change infinitely surprising;
            // floor the scale at a tenth of the series' typical distance from its recent median.
            var sigma = Math.Max(MadToSigma * mad, Math.Max(0.1 * _spread, 1e-9 * Math.Abs(center)));
            sigma = Math.Max(sigma, double.Epsilon);
            raw = Math.Abs(value - center) / sigma;
            var likelihood = 0.0;
            if (_seen >= _options.LearningPoints && _calibrator.Count >= 32)
            {
                likelihood = 1.0 - _calibrator.PValue(raw);
            }

            var half = _options.BandWidth * sigma;
            result = new AnomalyResult(likelihood, center - half, center + half, value);
            _calibrator.Add(raw);
        }

        LastRawScore = raw;
        LastExpected = center;

        if (haveSeasonal)
        {
            _seasonalError += ErrorDecay * (Math.Abs(value - seasonalMedian) - _seasonalError);
        }

        if (haveRecent)
        {
            var deviation = Math.Abs(value - recentMedian);
            _recentError += ErrorDecay * (deviation - _recentError);
            _spread += ErrorDecay * (deviation - _spread);
        }

        slot.Add(value);
        _recent.Add(value);
        _seen++;
        return result;
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.Seasonal, Version);
        writer.WriteInt32(_slots.Length);
        writer.WriteInt64(_seen);
        writer.WriteDouble(_seasonalError);
        writer.WriteDouble(_recentError);
        writer.WriteDouble(_spread);
        foreach (var slot in _slots)
        {
            slot.Write(ref writer);
        }

        _recent.Write(ref writer);
        _calibrator.Write(ref writer);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var probe = new SeasonalBaselineDetector(_options);
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.Seasonal, Version)
            || !reader.TryReadInt32(out var slotCount) || slotCount != probe._slots.Length
            || !reader.TryReadInt64(out probe._seen)
            || !reader.TryReadDouble(out probe._seasonalError)
            || !reader.TryReadDouble(out probe._recentError)
            || !reader.TryReadDouble(out probe._spread))
        {
            return false;
        }

        foreach (var slot in probe._slots)
        {
            if (!slot.TryRead(ref reader))
            {
                return false;
            }
        }

        if (!probe._recent.TryRead(ref reader) || !probe._calibrator.TryRead(ref reader) || !reader.IsAtEnd)
        {
            return false;
        }

        // Only a fully valid state replaces ours; reading into a probe keeps this detector intact on failure.
        _slots = probe._slots;
        _recent = probe._recent;
        _calibrator = probe._calibrator;
        _seen = probe._seen;
        _seasonalError = probe._seasonalError;
        _recentError = probe._recentError;
        _spread = probe._spread;
        return true;
    }

    private int SlotOf(long ticks)
    {
        // Consecutive observations nearly always fall in the slot of the one before (a half-hour slot holds six
        // 5-minute readings), so the slot's time span is remembered and the three 64-bit divisions are paid only when
        // a reading leaves it. The cache is derived from the timestamp alone, so it is not part of the state.
        if (ticks >= _slotStart && ticks < _slotEnd)
        {
            return _slotIndex;
        }

        var day = ticks / TimeSpan.TicksPerDay;
        var dayStart = day * TimeSpan.TicksPerDay;
        var ofDay = ticks - dayStart;
        var slotsPerDay = _options.SlotsPerDay;
        var slotOfDay = (int)(ofDay * slotsPerDay / TimeSpan.TicksPerDay);
        var dayOfSeason = (int)(day % _options.SeasonDays);
        if (ticks >= 0)
        {
            // Slot k holds the offsets o with floor(o * S / T) = k, that is ceil(k * T / S) <= o < ceil((k + 1) * T / S).
            _slotStart = dayStart + CeilingDivide(slotOfDay * TimeSpan.TicksPerDay, slotsPerDay);
            _slotEnd = dayStart + CeilingDivide((slotOfDay + 1) * TimeSpan.TicksPerDay, slotsPerDay);
        }

        _slotIndex = (dayOfSeason * slotsPerDay) + slotOfDay;
        return _slotIndex;
    }

    private static long CeilingDivide(long numerator, long denominator) => (numerator + denominator - 1) / denominator;
}
