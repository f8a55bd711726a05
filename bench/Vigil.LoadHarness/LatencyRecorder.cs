namespace Vigil.LoadHarness;

/// <summary>Collects request latencies per worker without locks, and merges them for percentiles at the end.</summary>
public sealed class LatencyRecorder
{
    private readonly List<double>[] _perWorker;

    public LatencyRecorder(int workers)
    {
        _perWorker = new List<double>[workers];
        for (var i = 0; i < workers; i++)
        {
            _perWorker[i] = new List<double>(1 << 14);
        }
    }

    public void Record(int worker, double milliseconds) => _perWorker[worker].Add(milliseconds);

    public (double P50, double P99, double Max) Summarise()
    {
        var all = new List<double>();
        foreach (var list in _perWorker)
        {
            all.AddRange(list);
        }

        if (all.Count == 0)
        {
            return (double.NaN, double.NaN, double.NaN);
        }

        all.Sort();
        return (At(all, 0.50), At(all, 0.99), all[^1]);
    }

    private static double At(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
