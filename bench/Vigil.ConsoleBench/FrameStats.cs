namespace Vigil.ConsoleBench;

/// <summary>Frame-time figures from the intervals between successive animation frames, in milliseconds.</summary>
public readonly record struct FrameStats(int Frames, double P50, double P95, double Max, int Dropped, double DurationMs)
{
    /// <summary>A frame is dropped for every whole refresh interval beyond the first that an interval spans.</summary>
    public static FrameStats From(IReadOnlyList<double> intervals, double refreshMs)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        if (intervals.Count == 0)
        {
            return default;
        }

        var sorted = new double[intervals.Count];
        var total = 0.0;
        var dropped = 0;
        for (var i = 0; i < intervals.Count; i++)
        {
            sorted[i] = intervals[i];
            total += intervals[i];
            dropped += Math.Max(0, (int)Math.Round(intervals[i] / refreshMs) - 1);
        }

        Array.Sort(sorted);
        return new FrameStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.95), sorted[^1], dropped, total);
    }

    private static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
