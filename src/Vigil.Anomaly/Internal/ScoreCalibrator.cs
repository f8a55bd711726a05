using Vigil.Anomaly.Serialization;

namespace Vigil.Anomaly.Internal;

/// <summary>
/// Turns a detector's raw non-conformity score into a tail probability relative to the series' own recent
/// scores: an inductive conformal p-value (Vovk, Gammerman and Shafer 2005, "Algorithmic Learning in a Random
/// World", ch. 4; used for streams by Ishimtsev et al. 2017, "Conformal k-NN Anomaly Detector for Univariate
/// Data Streams", PMLR 60). Scores are kept as log-spaced bins in a sliding window with a Fenwick tree, so a
/// p-value costs O(log bins) and the memory is one byte per remembered score.
/// A score beyond every remembered one gets a Pareto tail (p shrinks with the square of the excess), so a
/// record-breaking outlier is still ranked by how far it breaks the record.
/// </summary>
internal sealed class ScoreCalibrator
{
    // Raw scores are z-like (deviation in robust scale units); 2^-10 .. 2^22 covers every value that matters.
    private const int BinsPerOctave = 4;
    private const int MinLog2 = -10;
    private const int Bins = 128;
    private const double QuarterOctave1 = 1.1892071150027210; // 2^(1/4)
    private const double QuarterOctave2 = 1.4142135623730951; // 2^(1/2)
    private const double QuarterOctave3 = 1.6817928305074290; // 2^(3/4)

    private readonly byte[] _ring;
    private readonly int[] _tree = new int[Bins + 1];
    private int _next;
    private int _count;

    public ScoreCalibrator(int memory)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(memory, 8);
        _ring = new byte[memory];
    }

    public int Count => _count;

    /// <summary>
    /// The probability that a score from the recent history is at least <paramref name="score"/>;
    /// ties within a bin count half, and the +1 terms keep the p-value valid (never zero).
    /// </summary>
    public double PValue(double score)
    {
        var bin = BinOf(score);
        var atOrBelow = Prefix(bin);
        var below = bin == 0 ? 0 : Prefix(bin - 1);
        var same = atOrBelow - below;
        var above = _count - atOrBelow;
        var p = (above + (0.5 * same) + 1.0) / (_count + 1.0);
        if (above == 0)
        {
            var top = HighestOccupiedBin();
            if (bin > top && top >= 0)
            {
                var ratio = double.Exp2((bin - top) / (double)BinsPerOctave);
                p /= ratio * ratio;
            }
        }

        return p;
    }

    public void Add(double score)
    {
        var bin = BinOf(score);
        if (_count == _ring.Length)
        {
            Update(_ring[_next], -1);
            _count--;
        }

        _ring[_next] = (byte)bin;
        Update(bin, +1);
        _count++;
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;
    }

    public void Write(ref StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteInt32(_next);
        writer.WriteBytes(_ring);
    }

    public bool TryRead(ref StateReader reader)
    {
        if (!reader.TryReadInt32(out var count) || count < 0 || count > _ring.Length
            || !reader.TryReadInt32(out var next) || next < 0 || next >= _ring.Length)
        {
            return false;
        }

        var ring = new byte[_ring.Length];
        if (!reader.TryReadBytes(ring))
        {
            return false;
        }

        foreach (var bin in ring)
        {
            if (bin >= Bins)
            {
                return false;
            }
        }

        ring.CopyTo(_ring, 0);
        _count = count;
        _next = next;
        Array.Clear(_tree);
        for (var age = 0; age < count; age++)
        {
            var index = next - 1 - age;
            Update(_ring[index < 0 ? index + _ring.Length : index], +1);
        }

        return true;
    }

    private static int BinOf(double score)
    {
        // floor(4 * (log2(score) - MinLog2)) without a logarithm: the binary exponent gives the octave and three
        // comparisons of the mantissa with 2^(1/4), 2^(1/2) and 2^(3/4) give the quarter. It runs six times per
        // point in the default detector, where Math.Log2 was a visible share of the cost.
        if (!(score > 0))
        {
            return 0;
        }

        var bits = BitConverter.DoubleToInt64Bits(score);
        var exponent = (int)((bits >> 52) & 0x7FF) - 1023;
        if (exponent < MinLog2)
        {
            return 0;
        }

        var mantissa = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000);
        var quarter = mantissa >= QuarterOctave3 ? 3 : mantissa >= QuarterOctave2 ? 2 : mantissa >= QuarterOctave1 ? 1 : 0;
        return Math.Min(((exponent - MinLog2) * BinsPerOctave) + quarter, Bins - 1);
    }

    private int HighestOccupiedBin()
    {
        // Binary descent on the Fenwick tree for the largest index whose prefix is below the total.
        var position = 0;
        var remaining = _count;
        for (var step = 128; step > 0; step >>= 1)
        {
            var probe = position + step;
            if (probe <= Bins && _tree[probe] < remaining)
            {
                position = probe;
                remaining -= _tree[probe];
            }
        }

        return _count == 0 ? -1 : position;
    }

    private int Prefix(int bin)
    {
        var sum = 0;
        for (var i = bin + 1; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }

    private void Update(int bin, int delta)
    {
        for (var i = bin + 1; i <= Bins; i += i & -i)
        {
            _tree[i] += delta;
        }
    }
}
