namespace Vigil.Platform.Diagnostics;

/// <summary>
/// A lock-free latency histogram with logarithmic buckets (about 4% wide) from 10 µs to ~100 s, good enough for p50
/// and p99 without keeping samples. Recording is one <see cref="Interlocked.Increment(ref long)"/>.
/// </summary>
public sealed class LatencyHistogram
{
    private const double MinMs = 0.01;
    private const double Growth = 1.04;
    private const int BucketCount = 420;
    private static readonly double LogGrowth = Math.Log(Growth);
    private readonly long[] _counts = new long[BucketCount];
    private long _total;

    public long Count => Interlocked.Read(ref _total);

    public void Record(double milliseconds)
    {
        var bucket = milliseconds <= MinMs ? 0 : Math.Min(BucketCount - 1, (int)(Math.Log(milliseconds / MinMs) / LogGrowth) + 1);
        Interlocked.Increment(ref _counts[bucket]);
        Interlocked.Increment(ref _total);
    }

    /// <summary>The upper edge of the bucket holding the given quantile (0..1), in milliseconds; 0 when empty.</summary>
    public double Quantile(double q)
    {
        var total = Count;
        if (total == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(q * total);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += Interlocked.Read(ref _counts[i]);
            if (seen >= rank)
            {
                return MinMs * Math.Pow(Growth, i);
            }
        }

        return MinMs * Math.Pow(Growth, BucketCount - 1);
    }

    public void Reset()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            Interlocked.Exchange(ref _counts[i], 0);
        }

        Interlocked.Exchange(ref _total, 0);
    }
}
