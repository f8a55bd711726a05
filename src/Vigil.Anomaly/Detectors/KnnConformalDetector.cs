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
/// non-conformities. Memory and cost per point are fixed by the options (O(Dimension x History)).
/// </summary>
public sealed class KnnConformalDetector : IStreamingDetector
{
    private const byte Version = 1;
    private const double SpreadDecay = 1.0 / 256;

    private readonly KnnConformalOptions _options;
    private readonly int _ringLength;

    // Every value is written twice, at i and i + ring length, so any pattern is one contiguous span.
    private double[] _values;
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
            || !probe._recent.TryRead(ref reader)
            || !probe._calibrator.TryRead(ref reader)
            || !reader.IsAtEnd)
        {
            return false;
        }

        probe._values.AsSpan(0, ringLength).CopyTo(probe._values.AsSpan(ringLength));
        _values = probe._values;
        _next = probe._next;
        _seen = probe._seen;
        _spread = probe._spread;
        _recent = probe._recent;
        _calibrator = probe._calibrator;
        return true;
    }

    private double NonConformity()
    {
        var dimension = _options.Dimension;
        var k = _options.Neighbours;
        Span<double> nearest = stackalloc double[k];
        nearest.Fill(double.PositiveInfinity);

        // The current pattern ends at the newest value; candidates end at least one pattern length earlier.
        var newestEnd = _next == 0 ? _ringLength : _next;
        var currentStart = newestEnd - dimension + _ringLength;
        ReadOnlySpan<double> current = _values.AsSpan(currentStart, dimension);
        for (var h = 0; h < _options.History; h++)
        {
            var start = currentStart - dimension - h;
            var distance = SquaredDistance(current, _values.AsSpan(start, dimension));
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
            sum += Math.Sqrt(d);
        }

        return sum / k / Math.Sqrt(dimension);
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
