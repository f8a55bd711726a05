namespace Vigil.Anomaly.Nab;

/// <summary>
/// The row-by-row scoring geometry of one file under the NAB rules (Lavin and Ahmad 2015, "Evaluating
/// real-time anomaly detection algorithms - the Numenta Anomaly Benchmark"; NAB v1.1 sweeper): which window
/// each row falls in and its scaled-sigmoid position value. It does not depend on the detector or the profile,
/// so it is built once per file and reused for every threshold.
/// </summary>
public sealed class NabScoringLayout
{
    private readonly int[] _windowOfRow;
    private readonly double[] _positionValue;

    private NabScoringLayout(int probation, int windowCount, int[] windowOfRow, double[] positionValue)
    {
        ProbationaryRows = probation;
        WindowCount = windowCount;
        _windowOfRow = windowOfRow;
        _positionValue = positionValue;
    }

    /// <summary>Rows at the start of the file that are never scored.</summary>
    public int ProbationaryRows { get; }

    /// <summary>Windows that are scored (windows starting inside the probationary period are dropped).</summary>
    public int WindowCount { get; }

    public int RowCount => _windowOfRow.Length;

    /// <summary>The window (0-based among scored windows) holding the row, or -1 outside every window.</summary>
    public ReadOnlySpan<int> WindowOfRow => _windowOfRow;

    /// <summary>
    /// The unweighted scaled-sigmoid value of a detection at each row: inside a window sigma(y)/sigma(-1) in (0, 1];
    /// outside, sigma(y) in [-1, 0) by distance past the previous window.
    /// </summary>
    public ReadOnlySpan<double> PositionValue => _positionValue;

    /// <summary>NAB's probationary period: 15 % of the file, capped at 15 % of 5000 rows.</summary>
    public static int ProbationaryLength(int rowCount) => Math.Min((int)Math.Floor(0.15 * rowCount), 750);

    /// <summary>The scaled sigmoid of NAB's sweeper: 2 / (1 + e^(5y)) - 1, and -1 beyond three window widths.</summary>
    public static double ScaledSigmoid(double y) => y > 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * y))) - 1.0;

    /// <summary>Builds the layout of a file from its timestamps and its windows (sorted by start).</summary>
    public static NabScoringLayout Create(ReadOnlySpan<long> timestamps, ReadOnlySpan<NabWindow> windows)
    {
        var n = timestamps.Length;
        var probation = ProbationaryLength(n);

        // Map windows to inclusive row ranges; drop the ones that start inside probation or hold no row.
        var lefts = new List<int>(windows.Length);
        var rights = new List<int>(windows.Length);
        foreach (var window in windows)
        {
            var left = LowerBound(timestamps, window.StartTicks);
            var right = UpperBound(timestamps, window.EndTicks) - 1;
            if (left > right || left < probation)
            {
                continue;
            }

            if (lefts.Count > 0 && left <= rights[^1])
            {
                // Overlapping windows are one window, as NAB's label combiner merges them.
                rights[^1] = Math.Max(rights[^1], right);
                continue;
            }

            lefts.Add(left);
            rights.Add(right);
        }

        var windowOfRow = new int[n];
        var positionValue = new double[n];
        var sigmaAtLeftEdge = ScaledSigmoid(-1.0);
        var current = 0;
        var previousRight = -1;
        var previousWidth = 0;
        for (var i = 0; i < n; i++)
        {
            while (current < lefts.Count && i > rights[current])
            {
                previousRight = rights[current];
                previousWidth = rights[current] - lefts[current] + 1;
                current++;
            }

            if (current < lefts.Count && i >= lefts[current])
            {
                var width = rights[current] - lefts[current] + 1;
                windowOfRow[i] = current;
                positionValue[i] = ScaledSigmoid(-(rights[current] - i + 1) / (double)width) / sigmaAtLeftEdge;
            }
            else
            {
                windowOfRow[i] = -1;
                positionValue[i] = previousRight < 0 || previousWidth <= 1
                    ? -1.0
                    : ScaledSigmoid(Math.Abs(i - previousRight) / (double)(previousWidth - 1));
            }
        }

        return new NabScoringLayout(probation, lefts.Count, windowOfRow, positionValue);
    }

    /// <summary>Scores one file's detector output at a threshold under a profile.</summary>
    public NabFileScore Score(ReadOnlySpan<double> anomalyScores, double threshold, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        if (anomalyScores.Length != RowCount)
        {
            throw new ArgumentException("one score per row is required", nameof(anomalyScores));
        }

        Span<double> best = WindowCount <= 256 ? stackalloc double[WindowCount] : new double[WindowCount];
        best.Fill(double.NaN);
        var falsePositiveSum = 0.0;
        var falsePositives = 0;
        for (var i = ProbationaryRows; i < RowCount; i++)
        {
            if (anomalyScores[i] < threshold)
            {
                continue;
            }

            var window = _windowOfRow[i];
            if (window < 0)
            {
                falsePositives++;
                falsePositiveSum += _positionValue[i];
            }
            else if (double.IsNaN(best[window]))
            {
                // Rows are visited in time order, so the first detection in a window is its best.
                best[window] = _positionValue[i];
            }
        }

        var raw = profile.FpWeight * falsePositiveSum;
        var detected = 0;
        foreach (var value in best)
        {
            if (double.IsNaN(value))
            {
                raw -= profile.FnWeight;
            }
            else
            {
                raw += profile.TpWeight * value;
                detected++;
            }
        }

        return new NabFileScore(raw, detected, WindowCount - detected, falsePositives);
    }

    private static int LowerBound(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static int UpperBound(ReadOnlySpan<long> sorted, long value)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }
}
