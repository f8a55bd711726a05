using Vigil.Anomaly.Nab;

namespace Vigil.Anomaly.Tests;

/// <summary>
/// Hand-computed cases of the NAB v1.1 scoring rules (../shared/data/nab/PROVENANCE.md, "NAB scoring rules"):
/// a 100-row file has a probationary period of 15 rows, and one window over rows 40..49 (width 10).
/// </summary>
public sealed class NabScorerTests
{
    private const int Rows = 100;
    private static readonly long Step = TimeSpan.FromMinutes(5).Ticks;
    private static readonly NabProfile Standard = NabProfile.Defaults[0];
    private static readonly NabProfile LowFp = NabProfile.Defaults[1];
    private static readonly NabProfile LowFn = NabProfile.Defaults[2];

    private static NabScoringLayout Layout()
    {
        var timestamps = new long[Rows];
        for (var i = 0; i < Rows; i++)
        {
            timestamps[i] = i * Step;
        }

        return NabScoringLayout.Create(timestamps, [new NabWindow(40 * Step, 49 * Step)]);
    }

    private static double[] Detections(params int[] rows)
    {
        var scores = new double[Rows];
        foreach (var row in rows)
        {
            scores[row] = 1.0;
        }

        return scores;
    }

    [Fact]
    public void Layout_has_the_probationary_period_and_one_window()
    {
        var layout = Layout();
        Assert.Equal(15, layout.ProbationaryRows);
        Assert.Equal(1, layout.WindowCount);
        Assert.Equal(-1, layout.WindowOfRow[39]);
        Assert.Equal(0, layout.WindowOfRow[40]);
        Assert.Equal(0, layout.WindowOfRow[49]);
        Assert.Equal(-1, layout.WindowOfRow[50]);
    }

    [Fact]
    public void Detection_at_the_start_of_a_window_scores_the_true_positive_weight()
    {
        var score = Layout().Score(Detections(40), 0.5, Standard);
        Assert.Equal(1.0, score.Raw, 12);
        Assert.Equal(1, score.DetectedWindows);
        Assert.Equal(0, score.FalsePositives);
    }

    [Fact]
    public void Later_detection_in_a_window_scores_less_and_only_the_earliest_counts()
    {
        // y = -(49 - 45 + 1) / 10 = -0.5; sigma(-0.5) / sigma(-1) = 0.8597925669 (sigma(y) = 2 / (1 + e^(5y)) - 1).
        Assert.Equal(0.8597925669097837, Layout().Score(Detections(45), 0.5, Standard).Raw, 9);
        Assert.Equal(1.0, Layout().Score(Detections(40, 45, 49), 0.5, Standard).Raw, 12);
    }

    [Fact]
    public void False_positive_before_any_window_costs_the_false_positive_weight()
    {
        Assert.Equal(1.0 - 0.11, Layout().Score(Detections(20, 40), 0.5, Standard).Raw, 12);
        Assert.Equal(1.0 - 0.22, Layout().Score(Detections(20, 40), 0.5, LowFp).Raw, 12);
    }

    [Fact]
    public void False_positive_after_a_window_costs_less_the_nearer_it_is()
    {
        // Row 60: y = |60 - 49| / (10 - 1) = 1.2222; sigma(y) = -0.9955736482; times 0.11 = -0.1095131013.
        Assert.Equal(1.0 - 0.10951310130369775, Layout().Score(Detections(40, 60), 0.5, Standard).Raw, 9);

        // Beyond three window widths the full weight applies.
        Assert.Equal(1.0 - 0.11, Layout().Score(Detections(40, 90), 0.5, Standard).Raw, 12);
    }

    [Fact]
    public void Missed_window_costs_the_false_negative_weight()
    {
        Assert.Equal(-1.0, Layout().Score(Detections(), 0.5, Standard).Raw, 12);
        Assert.Equal(-2.0, Layout().Score(Detections(), 0.5, LowFn).Raw, 12);
    }

    [Fact]
    public void Detections_inside_the_probationary_period_are_ignored()
    {
        Assert.Equal(-1.0, Layout().Score(Detections(5), 0.5, Standard).Raw, 12);
    }

    [Fact]
    public void Normalisation_puts_null_at_zero_and_perfect_at_one_hundred()
    {
        Assert.Equal(0.0, NabThresholdSweep.Normalise(-116, 116, Standard), 9);
        Assert.Equal(100.0, NabThresholdSweep.Normalise(116, 116, Standard), 9);

        // The published Numenta HTM standard total: 100 * (46.634 + 116) / 232 = 70.10.
        Assert.Equal(70.10, NabThresholdSweep.Normalise(46.634, 116, Standard), 2);
        Assert.Equal(0.0, NabThresholdSweep.Normalise(-232, 116, LowFn), 9);
    }

    [Fact]
    public void Threshold_sweep_keeps_the_true_positive_and_drops_the_weaker_false_positive()
    {
        var scores = new double[Rows];
        scores[40] = 0.9;
        scores[20] = 0.7;
        var file = new NabScoredFile("a.csv", Layout(), scores);
        var (threshold, raw) = NabThresholdSweep.FindBest([file], Standard);
        Assert.Equal(0.9, threshold);
        Assert.Equal(1.0, raw, 12);
    }
}
