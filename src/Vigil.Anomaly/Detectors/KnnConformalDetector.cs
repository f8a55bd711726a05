using System.Buffers;
using System.Numerics;
using Vigil.Anomaly.Internal;
using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Detectors;

/// <summary>
/// Nearest-neighbour conformal detector after Ishimtsev, Bernstein, Burnaev and Nazarov 2017, "Conformal k-NN
/// Anomaly Detector for Univariate Data Streams" (PMLR 60; KNN-CAD in NAB). The last <c>Dimension</c> values form
/// a pattern; its non-conformity is the mean distance to its k nearest neighbours among the previous
/// <c>History</c> patterns that do not overlap it, and the likelihood is its conformal rank among past
/// non-conformities. The squared distance to the pattern at each lag is kept as a running sum, updated by the
/// one value entering and the one leaving each pattern, so a point costs O(History) rather than
/// O(Dimension x History); a full recomputation every <see cref="RefreshInterval"/> points bounds the rounding drift.
/// Memory is fixed by the options.
/// </summary>
public sealed class KnnConformalDetector : IStreamingDetector
{
    private const byte Version = 2;

    // Recomputing every distance exactly costs Dimension x History once; every 1024 points it is under 1 % of the work.
    private const int RefreshInterval = 1024;
    private const double SpreadDecay = 1.0 / 256;

    private readonly KnnConformalOptions _options;
    private readonly int _ringLength;

    // Every value is written twice, at i and i + ring length, so any pattern is one contiguous span.
    private double[] _values;

    // Squared distance from the newest pattern to the one ending Dimension + h values earlier, stored at History - 1 - h
    // so that the update reads the ring forwards.
    private double[] _distances;
    private SortedWindow _recent;
    private ScoreCalibrator _calibrator;
    private int _next;
    private long _seen;
    private double _spread;

    public KnnConformalDetector(KnnConformalOptions? options = null)
    {
        _options = options ?? new KnnConformalOptions();
        _options.Validate();
        _ringLength = _options.History + (2 * _options.Dimension);
        _values = new double[2 * _ringLength];
        _distances = new double[_options.History];
        _recent = new SortedWindow(Math.Max(16, 4 * _options.Dimension));
        _calibrator = new ScoreCalibrator(_options.CalibrationMemory);
    }

    public AnomalyResult Observe(long timestampTicks, double value)
    {
        if (!double.IsFinite(value))
        {
            return AnomalyResult.Learning(value);
        }

        var previous = _seen > 0 ? _values[(_next == 0 ? _ringLength : _next) - 1] : value;
        _values[_next] = value;
        _values[_next + _ringLength] = value;
        _next = _next + 1 == _ringLength ? 0 : _next + 1;
        _seen++;
        _spread += SpreadDecay * (Math.Abs(value - previous) - _spread);
        if (_seen == _ringLength || (_seen > _ringLength && _seen % RefreshInterval == 0))
        {
            RecomputeDistances();
        }
        else if (_seen > _ringLength)
        {
            UpdateDistances();
        }

        var center = _recent.Count > 0 ? _recent.Median() : value;
        var mad = _recent.Count > 0 ? _recent.MedianAbsoluteDeviation(center) : 0;
        _recent.Add(value);
        if (_seen < _ringLength)
        {
            return AnomalyResult.Learning(value);
        }

        var raw = NonConformity() / Math.Max(_spread, Math.Max(1e-9 * Math.Abs(center), double.Epsilon));
        var likelihood = 0.0;
        if (_seen > _options.LearningPoints && _calibrator.Count >= 32)
        {
            likelihood = 1.0 - _calibrator.PValue(raw);
        }

        _calibrator.Add(raw);
        var half = _options.BandWidth * Math.Max(1.4826 * mad, 0.1 * _spread);
        return new AnomalyResult(likelihood, center - half, center + half, value);
    }

    public void WriteState(IBufferWriter<byte> destination)
    {
        var writer = new StateWriter(destination);
        writer.WriteHeader(Tags.Knn, Version);
        writer.WriteInt32(_ringLength);
        writer.WriteInt32(_next);
        writer.WriteInt64(_seen);
        writer.WriteDouble(_spread);
        writer.WriteDoubles(_values.AsSpan(0, _ringLength));
        writer.WriteDoubles(_distances);
        _recent.Write(ref writer);
        _calibrator.Write(ref writer);
    }

    public bool TryReadState(ReadOnlySpan<byte> source)
    {
        var probe = new KnnConformalDetector(_options);
        var reader = new StateReader(source);
        if (!reader.TryReadHeader(Tags.Knn, Version)
            || !reader.TryReadInt32(out var ringLength) || ringLength != _ringLength
            || !reader.TryReadInt32(out probe._next) || probe._next < 0 || probe._next >= ringLength
            || !reader.TryReadInt64(out probe._seen) || probe._seen < 0
            || !reader.TryReadDouble(out probe._spread)
            || !reader.TryReadDoubles(probe._values.AsSpan(0, ringLength))
            || !reader.TryReadDoubles(probe._distances)
            || !probe._recent.TryRead(ref reader)
            || !probe._calibrator.TryRead(ref reader)
            || !reader.IsAtEnd)
        {
            return false;
        }

        probe._values.AsSpan(0, ringLength).CopyTo(probe._values.AsSpan(ringLength));
        _values = probe._values;
        _distances = probe._distances;
        _next = probe._next;
        _seen = probe._seen;
        _spread = probe._spread;
        _recent = probe._recent;
        _calibrator = probe._calibrator;
        return true;
    }

    private int NewestPosition => (_next == 0 ? _ringLength : _next) - 1 + _ringLength;

    private void RecomputeDistances()
    {
        var dimension = _options.Dimension;
        var history = _options.History;
        var p = NewestPosition;
        ReadOnlySpan<double> current = _values.AsSpan(p - dimension + 1, dimension);
        for (var h = 0; h < history; h++)
        {
            _distances[history - 1 - h] = SquaredDistance(current, _values.AsSpan(p - dimension + 1 - dimension - h, dimension));
        }
    }

    private void UpdateDistances()
    {
        // Pattern at lag L = Dimension + h gains (x[t] - x[t-L])^2 and loses (x[t-Dimension] - x[t-Dimension-L])^2.
        var dimension = _options.Dimension;
        var history = _options.History;
        var p = NewestPosition;
        var entering = _values[p];
        var leaving = _values[p - dimension];
        ReadOnlySpan<double> enteringPartners = _values.AsSpan(p - dimension - history + 1, history);
        ReadOnlySpan<double> leavingPartners = _values.AsSpan(p - (2 * dimension) - history + 1, history);
        var distances = _distances.AsSpan();
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var newest = new Vector<double>(entering);
            var oldest = new Vector<double>(leaving);
            for (; i <= history - Vector<double>.Count; i += Vector<double>.Count)
            {
                var a = newest - new Vector<double>(enteringPartners[i..]);
                var b = oldest - new Vector<double>(leavingPartners[i..]);
                (new Vector<double>(distances[i..]) + (a * a) - (b * b)).CopyTo(distances[i..]);
            }
        }

        for (; i < history; i++)
        {
            var a = entering - enteringPartners[i];
            var b = leaving - leavingPartners[i];
            distances[i] += (a * a) - (b * b);
        }
    }

    private double NonConformity()
    {
        var k = _options.Neighbours;
        Span<double> nearest = stackalloc double[k];
        nearest.Fill(double.PositiveInfinity);
        foreach (var distance in _distances)
        {
            if (distance < nearest[k - 1])
            {
                var at = k - 1;
                while (at > 0 && nearest[at - 1] > distance)
                {
                    nearest[at] = nearest[at - 1];
                    at--;
                }

                nearest[at] = distance;
            }
        }

        var sum = 0.0;
        foreach (var d in nearest)
        {
            // The running sums may dip a rounding error below zero.
            sum += Math.Sqrt(Math.Max(d, 0));
        }

        return sum / k / Math.Sqrt(_options.Dimension);
    }

    private static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = Vector<double>.Zero;
        var i = 0;
        for (; i <= a.Length - Vector<double>.Count; i += Vector<double>.Count)
        {
            var d = new Vector<double>(a[i..]) - new Vector<double>(b[i..]);
            sum += d * d;
        }

        var total = Vector.Sum(sum);
        for (; i < a.Length; i++)
        {
            var d = a[i] - b[i];
            total += d * d;
        }

        return total;
    }
}
