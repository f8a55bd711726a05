namespace Vigil.CameraAnalytics.Mot;

/// <summary>
/// The rows of one MOTChallenge file ordered by frame (stable within a frame), with an index from frame to row range,
/// so per-frame consumers (tracker, evaluator) slice a span instead of filtering.
/// </summary>
public sealed class MotSequence
{
    private readonly MotRow[] _rows;
    private readonly int[] _frameStart;

    private MotSequence(MotRow[] rows, int firstFrame, int lastFrame, int[] frameStart)
    {
        _rows = rows;
        FirstFrame = firstFrame;
        LastFrame = lastFrame;
        _frameStart = frameStart;
    }

    /// <summary>Lowest frame number present; 1 for an empty sequence.</summary>
    public int FirstFrame { get; }

    /// <summary>Highest frame number present; 0 for an empty sequence.</summary>
    public int LastFrame { get; }

    public int Count => _rows.Length;

    public ReadOnlySpan<MotRow> Rows => _rows;

    /// <summary>The rows of one frame; empty when the frame has none or lies outside the sequence.</summary>
    public ReadOnlySpan<MotRow> Frame(int frame)
    {
        if (frame < FirstFrame || frame > LastFrame)
        {
            return [];
        }

        var i = frame - FirstFrame;
        return _rows.AsSpan(_frameStart[i], _frameStart[i + 1] - _frameStart[i]);
    }

    public static MotSequence FromRows(IEnumerable<MotRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = new List<MotRow>(rows);
        if (list.Count == 0)
        {
            return new MotSequence([], 1, 0, [0]);
        }

        var first = int.MaxValue;
        var last = int.MinValue;
        foreach (var r in list)
        {
            first = Math.Min(first, r.Frame);
            last = Math.Max(last, r.Frame);
        }

        // Counting sort by frame keeps the file order within a frame, which keeps tracking deterministic.
        var span = last - first + 1;
        var start = new int[span + 1];
        foreach (var r in list)
        {
            start[r.Frame - first + 1]++;
        }

        for (var i = 0; i < span; i++)
        {
            start[i + 1] += start[i];
        }

        var next = (int[])start.Clone();
        var sorted = new MotRow[list.Count];
        foreach (var r in list)
        {
            sorted[next[r.Frame - first]++] = r;
        }

        return new MotSequence(sorted, first, last, start);
    }
}
