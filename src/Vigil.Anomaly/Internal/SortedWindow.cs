using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Internal;

/// <summary>
/// The last <c>capacity</c> values, kept both in arrival order (to evict the oldest) and sorted (for order
/// statistics). An insert costs two binary searches and one block move of at most <c>capacity</c> doubles,
/// which for the small windows used here is cheaper than any heap-based running median.
/// </summary>
internal sealed class SortedWindow
{
    private readonly double[] _ring;
    private readonly double[] _sorted;
    private int _next;
    private int _count;

    public SortedWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ring = new double[capacity];
        _sorted = new double[capacity];
    }

    public int Count => _count;

    public int Capacity => _ring.Length;

    public bool IsFull => _count == _ring.Length;

    /// <summary>The value added <paramref name="age"/> steps ago (0 = most recent).</summary>
    public double Recent(int age)
    {
        var index = _next - 1 - age;
        if (index < 0)
        {
            index += _ring.Length;
        }

        return _ring[index];
    }

    public void Add(double value)
    {
        if (_count == _ring.Length)
        {
            // Replace the oldest value in place: shift only the values between its slot and the new value's,
            // one block move instead of a removal and an insertion.
            var old = _ring[_next];
            var at = LowerBound(old);
            var sorted = _sorted.AsSpan(0, _count);
            if (value > old)
            {
                var to = LowerBound(value) - 1;
                sorted[(at + 1)..(to + 1)].CopyTo(sorted[at..]);
                sorted[to] = value;
            }
            else
            {
                var to = LowerBound(value);
                sorted[to..at].CopyTo(sorted[(to + 1)..]);
                sorted[to] = value;
            }

            _ring[_next] = value;
            _next = _next + 1 == _ring.Length ? 0 : _next + 1;
            return;
        }

        var insert = LowerBound(value);
        Array.Copy(_sorted, insert, _sorted, insert + 1, _count - insert);
        _sorted[insert] = value;
        _count++;
        _ring[_next] = value;
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;
    }

    public void Clear()
    {
        _count = 0;
        _next = 0;
    }

    /// <summary>The q-quantile (0..1) by linear interpolation between order statistics.</summary>
    public double Quantile(double q)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        var position = q * (_count - 1);
        var low = (int)position;
        var high = Math.Min(low + 1, _count - 1);
        var fraction = position - low;
        return _sorted[low] + ((_sorted[high] - _sorted[low]) * fraction);
    }

    public double Median() => Quantile(0.5);

    /// <summary>
    /// Median absolute deviation from <paramref name="center"/> in O(log n): the deviations below and above the center
    /// are each already sorted (reading outwards from the center), so the median of their union is the classic
    /// k-th element of two sorted arrays, found by binary search on how many come from the left run. An earlier
    /// linear merge spent most of its time on unpredictable branches.
    /// </summary>
    public double MedianAbsoluteDeviation(double center)
    {
        if (_count == 0)
        {
            return double.NaN;
        }

        // Where equal values split between the runs does not matter: their deviations are zero on either side.
        var split = LowerBound(center);

        // Left run: L[i] = center - sorted[split - 1 - i], i < split. Right run: R[j] = sorted[split + j] - center.
        var leftLength = split;
        var rightLength = _count - split;
        var take = ((_count - 1) / 2) + 1; // how many deviations lie at or below the (lower) median
        var lo = Math.Max(0, take - rightLength);
        var hi = Math.Min(take, leftLength);
        int fromLeft, fromRight;
        while (true)
        {
            fromLeft = (lo + hi) >>> 1;
            fromRight = take - fromLeft;
            if (fromLeft < leftLength && fromRight > 0 && Right(split, fromRight - 1, center) > Left(split, fromLeft, center))
            {
                lo = fromLeft + 1;
            }
            else if (fromLeft > 0 && fromRight < rightLength && Left(split, fromLeft - 1, center) > Right(split, fromRight, center))
            {
                hi = fromLeft - 1;
            }
            else
            {
                break;
            }
        }

        var lower = Math.Max(
            fromLeft > 0 ? Left(split, fromLeft - 1, center) : double.NegativeInfinity,
            fromRight > 0 ? Right(split, fromRight - 1, center) : double.NegativeInfinity);
        if ((_count & 1) == 1)
        {
            return lower;
        }

        var upper = Math.Min(
            fromLeft < leftLength ? Left(split, fromLeft, center) : double.PositiveInfinity,
            fromRight < rightLength ? Right(split, fromRight, center) : double.PositiveInfinity);
        return (lower + upper) / 2;
    }

    /// <summary>
    /// The first position whose value is not below <paramref name="value"/>. A plain comparison of doubles: the
    /// windows never hold NaN, so the NaN-aware <c>CompareTo</c> behind <c>Array.BinarySearch</c> is not needed, and
    /// this search ran a dozen times per point in the default detector.
    /// </summary>
    private int LowerBound(double value)
    {
        var low = 0;
        var length = _count;
        while (length > 0)
        {
            var half = length >> 1;
            if (_sorted[low + half] < value)
            {
                low += half + 1;
                length -= half + 1;
            }
            else
            {
                length = half;
            }
        }

        return low;
    }

    private double Left(int split, int i, double center) => center - _sorted[split - 1 - i];

    private double Right(int split, int j, double center) => _sorted[split + j] - center;

    public void Write(ref StateWriter writer)
    {
        writer.WriteInt32(_ring.Length);
        writer.WriteInt32(_count);
        writer.WriteInt32(_next);
        writer.WriteDoubles(_ring);
    }

    /// <summary>Reads a window written by <see cref="Write"/> with the same capacity; the sorted copy is rebuilt.</summary>
    public bool TryRead(ref StateReader reader)
    {
        if (!reader.TryReadInt32(out var capacity) || capacity != _ring.Length
            || !reader.TryReadInt32(out var count) || count < 0 || count > capacity
            || !reader.TryReadInt32(out var next) || next < 0 || next >= capacity)
        {
            return false;
        }

        var ring = new double[capacity];
        if (!reader.TryReadDoubles(ring))
        {
            return false;
        }

        ring.CopyTo(_ring, 0);
        _count = count;
        _next = next;
        for (var age = 0; age < count; age++)
        {
            var index = next - 1 - age;
            _sorted[age] = _ring[index < 0 ? index + capacity : index];
        }

        Array.Sort(_sorted, 0, count);
        return true;
    }
}
