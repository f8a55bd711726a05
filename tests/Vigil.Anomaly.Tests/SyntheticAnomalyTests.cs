using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly.Tests;

/// <summary>
/// The default detector, set up as the alarm pipeline uses it (mask break-through on), over a daily-seasonal series
/// with unit noise: each injected anomaly must raise an alarm (likelihood at least 0.99 with the value outside the
/// expected band) within a bounded delay, and the clean series must stay nearly silent.
/// </summary>
public sealed class SyntheticAnomalyTests
{
    private const int Learning = 600;
    private const int Onset = 2500;
    private const double AlarmLikelihood = 0.99;

    public static TheoryData<int> Seeds() => [1, 2, 3, 4, 5, 6];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Clean_seasonal_series_raises_almost_no_alarms(int seed)
    {
        var alarms = Alarms(SyntheticSeries.Seasonal(days: 12, seed));

        // 12 days of 5-minute data, 600 of them learning: at most one alarm in 400 points (about one per day and a half).
        Assert.InRange(alarms.Count, 0, (12 * SyntheticSeries.PointsPerDay - Learning) / 400);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Spike_is_flagged_at_once(int seed)
    {
        var values = SyntheticSeries.Seasonal(days: 12, seed);
        values[Onset] += 8; // eight noise standard deviations
        Assert.InRange(FirstAlarmAfterOnset(values), 0, 0);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Level_shift_is_flagged_within_half_an_hour(int seed)
    {
        var values = SyntheticSeries.Seasonal(days: 12, seed);
        for (var i = Onset; i < values.Length; i++)
        {
            values[i] += 6;
        }

        Assert.InRange(FirstAlarmAfterOnset(values), 0, 6);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Drift_is_flagged_within_twelve_hours(int seed)
    {
        var values = SyntheticSeries.Seasonal(days: 12, seed);
        for (var i = Onset; i < values.Length; i++)
        {
            values[i] += Math.Min(20, 0.05 * (i - Onset)); // 0.6 noise deviations an hour
        }

        Assert.InRange(FirstAlarmAfterOnset(values), 0, 144);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Flatline_is_flagged_within_twelve_hours(int seed)
    {
        // A frozen reading on a seasonal series leaves the learned daily band as the day moves on.
        var values = SyntheticSeries.Seasonal(days: 12, seed);
        for (var i = Onset; i < values.Length; i++)
        {
            values[i] = values[Onset];
        }

        Assert.InRange(FirstAlarmAfterOnset(values), 0, 144);
    }

    private static IStreamingDetector Create()
    {
        Assert.True(DetectorCatalog.TryCreate(DetectorCatalog.DefaultName, Learning, new AnomalyCombinerOptions { BreakThroughMask = true }, out var detector));
        return detector;
    }

    private static List<int> Alarms(double[] values)
    {
        var detector = Create();
        var alarms = new List<int>();
        for (var i = 0; i < values.Length; i++)
        {
            var result = detector.Observe(SyntheticSeries.TimeOf(i), values[i]);
            if (result.Likelihood >= AlarmLikelihood && result.IsOutsideBand)
            {
                alarms.Add(i);
            }
        }

        return alarms;
    }

    private static int FirstAlarmAfterOnset(double[] values)
    {
        foreach (var alarm in Alarms(values))
        {
            if (alarm >= Onset)
            {
                return alarm - Onset;
            }
        }

        return -1;
    }
}
