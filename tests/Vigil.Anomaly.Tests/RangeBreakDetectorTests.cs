using Vigil.Anomaly.Detectors;

namespace Vigil.Anomaly.Tests;

public sealed class RangeBreakDetectorTests
{
    private static RangeBreakDetector Learned(int learning)
    {
        // A series between 0 and 100: the tolerance is 5 % of that range, so breaks start beyond -5 and 105.
        var detector = new RangeBreakDetector(new RangeBreakOptions { LearningPoints = learning });
        for (var i = 0; i < learning; i++)
        {
            detector.Observe(SyntheticSeries.TimeOf(i), i % 2 == 0 ? 0 : 100);
        }

        return detector;
    }

    [Fact]
    public void Value_beyond_the_range_by_more_than_the_tolerance_is_a_break()
    {
        var detector = Learned(10);
        var result = detector.Observe(SyntheticSeries.TimeOf(10), 106);
        Assert.Equal(new RangeBreakOptions().BreakLikelihood, result.Likelihood);
        Assert.Equal(-5, result.ExpectedLow, 9);
        Assert.Equal(105, result.ExpectedHigh, 9);
        Assert.Equal(new RangeBreakOptions().BreakLikelihood, Learned(10).Observe(SyntheticSeries.TimeOf(10), -6).Likelihood);
    }

    [Fact]
    public void Value_within_the_tolerance_is_not_a_break_but_widens_the_range()
    {
        var detector = Learned(10);
        Assert.Equal(0, detector.Observe(SyntheticSeries.TimeOf(10), 104).Likelihood);

        // The range is now 0..104, so the next break lies beyond 104 + 5.2.
        Assert.Equal(0, detector.Observe(SyntheticSeries.TimeOf(11), 109).Likelihood);
        Assert.True(detector.Observe(SyntheticSeries.TimeOf(12), 120).Likelihood > 0);
    }

    [Fact]
    public void Breaks_during_learning_score_zero()
    {
        var detector = new RangeBreakDetector(new RangeBreakOptions { LearningPoints = 5 });
        detector.Observe(SyntheticSeries.TimeOf(0), 1);
        detector.Observe(SyntheticSeries.TimeOf(1), 2);
        Assert.Equal(0, detector.Observe(SyntheticSeries.TimeOf(2), 1000).Likelihood);
    }

    [Fact]
    public void Default_detector_flags_a_record_breaking_value_inside_the_alarm_mask()
    {
        // A spike inside the usual range (at the trough of the daily cycle) raises an alarm; a value four points later
        // that breaks the all-time record is more surprising still, so it breaks through the mask.
        var values = SyntheticSeries.Seasonal(days: 4, seed: 3);
        values[1080] += 8;
        values[1084] += 60;
        Assert.True(DetectorCatalog.TryCreate(DetectorCatalog.DefaultName, 300, out var detector));
        var likelihoods = SyntheticSeries.Run(detector!, values);
        var alarm = new AnomalyCombinerOptions().AlarmLikelihood;
        Assert.True(likelihoods[1080] >= alarm, $"spike likelihood {likelihoods[1080]}");

        // Without the break-through the record would be masked (it falls 4 points into the 20-point mask).
        Assert.True(likelihoods[1084] >= alarm, $"record likelihood {likelihoods[1084]}");
    }
}
