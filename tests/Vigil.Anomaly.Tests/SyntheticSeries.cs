namespace Vigil.Anomaly.Tests;

/// <summary>
/// Deterministic synthetic sensor series: a daily sine (5-minute samples) plus Gaussian noise from a seeded
/// generator, into which tests inject one known anomaly.
/// </summary>
internal static class SyntheticSeries
{
    public const int PointsPerDay = 288;
    public static readonly long Start = new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc).Ticks;
    public static readonly long Step = TimeSpan.FromMinutes(5).Ticks;

    public const double Mean = 50;
    public const double Amplitude = 10;
    public const double Noise = 1;

    public static long TimeOf(int i) => Start + (i * Step);

    /// <summary>A clean seasonal series of <paramref name="days"/> days.</summary>
    public static double[] Seasonal(int days, int seed)
    {
        var random = new Random(seed);
        var values = new double[days * PointsPerDay];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Mean + (Amplitude * Math.Sin(2 * Math.PI * i / PointsPerDay)) + (Noise * Gaussian(random));
        }

        return values;
    }

    public static double Gaussian(Random random)
    {
        // Box-Muller transform.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Runs a detector over the series and returns every likelihood.</summary>
    public static double[] Run(IStreamingDetector detector, double[] values)
    {
        var likelihoods = new double[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            likelihoods[i] = detector.Observe(TimeOf(i), values[i]).Likelihood;
        }

        return likelihoods;
    }

    /// <summary>The first index at or after <paramref name="from"/> whose likelihood reaches the threshold; -1 if none.</summary>
    public static int FirstAlarm(double[] likelihoods, int from, double threshold)
    {
        for (var i = from; i < likelihoods.Length; i++)
        {
            if (likelihoods[i] >= threshold)
            {
                return i;
            }
        }

        return -1;
    }
}
