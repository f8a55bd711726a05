using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Evaluation;
using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Tests.Evaluation;

public sealed class MotEvaluatorTests
{
    private static MotRow Row(int frame, int id, double left, double top = 0) => new(frame, id, new BoundingBox(left, top, 10, 20), 1);

    [Fact]
    public void Evaluate_perfect_tracks_score_one()
    {
        var gt = MotSequence.FromRows([Row(1, 1, 0), Row(1, 2, 50), Row(2, 1, 1), Row(2, 2, 51)]);
        var m = new MotEvaluator().Evaluate(gt, gt);
        Assert.Equal(1.0, m.Mota);
        Assert.Equal(1.0, m.Idf1);
        Assert.Equal(1.0, m.Motp);
        Assert.Equal(0, m.IdSwitches);
        Assert.Equal(2, m.MostlyTracked);
    }

    [Fact]
    public void Evaluate_id_change_counts_one_switch_and_lowers_idf1()
    {
        var gt = MotSequence.FromRows([Row(1, 1, 0), Row(2, 1, 0), Row(3, 1, 0), Row(4, 1, 0)]);
        var hyp = MotSequence.FromRows([Row(1, 7, 0), Row(2, 7, 0), Row(3, 8, 0), Row(4, 8, 0)]);
        var m = new MotEvaluator().Evaluate(gt, hyp);
        Assert.Equal(1, m.IdSwitches);
        Assert.Equal(0.75, m.Mota, 9);
        Assert.Equal(2, m.IdTruePositives);
        Assert.Equal(0.5, m.Idf1, 9);
    }

    [Fact]
    public void Evaluate_box_below_iou_threshold_is_one_false_positive_and_one_miss()
    {
        var gt = MotSequence.FromRows([Row(1, 1, 0)]);
        var hyp = MotSequence.FromRows([Row(1, 5, 6)]); // IoU 4/16 = 0.25
        var m = new MotEvaluator().Evaluate(gt, hyp);
        Assert.Equal(1, m.FalsePositives);
        Assert.Equal(1, m.FalseNegatives);
        Assert.Equal(-1.0, m.Mota);
    }

    [Fact]
    public void Evaluate_existing_match_is_kept_over_a_closer_newcomer()
    {
        // Frame 1 matches gt 1 to hyp 7. In frame 2 hyp 8 overlaps better, but 7 is still valid, so CLEAR MOT keeps 7:
        // no switch, and 8 is a false positive.
        var gt = MotSequence.FromRows([Row(1, 1, 0), Row(2, 1, 0)]);
        var hyp = MotSequence.FromRows([Row(1, 7, 0), Row(2, 7, 2), Row(2, 8, 0)]);
        var m = new MotEvaluator().Evaluate(gt, hyp);
        Assert.Equal(0, m.IdSwitches);
        Assert.Equal(1, m.FalsePositives);
    }

    [Fact]
    public void Evaluate_gap_in_matching_counts_a_fragmentation()
    {
        var gt = MotSequence.FromRows([Row(1, 1, 0), Row(2, 1, 0), Row(3, 1, 0)]);
        var hyp = MotSequence.FromRows([Row(1, 7, 0), Row(3, 7, 0)]);
        var m = new MotEvaluator().Evaluate(gt, hyp);
        Assert.Equal(1, m.Fragmentations);
        Assert.Equal(1, m.FalseNegatives);
        Assert.Equal(0, m.IdSwitches);
    }
}

public sealed class MotChallengePreprocessingTests
{
    [Fact]
    public void Apply_drops_hypotheses_on_distractors_and_non_pedestrian_ground_truth()
    {
        // Frame 1: a pedestrian (class 1), a static person (class 7, a distractor), and an ignored pedestrian (flag 0).
        var gt = MotSequence.FromRows([
            new MotRow(1, 1, new BoundingBox(0, 0, 10, 20), 1, Class: 1, Visibility: 1),
            new MotRow(1, 2, new BoundingBox(100, 0, 10, 20), 1, Class: 7, Visibility: 1),
            new MotRow(1, 3, new BoundingBox(200, 0, 10, 20), 0, Class: 1, Visibility: 1),
        ]);
        var hyp = MotSequence.FromRows([
            new MotRow(1, 10, new BoundingBox(0, 0, 10, 20), 1),
            new MotRow(1, 11, new BoundingBox(101, 0, 10, 20), 1),
            new MotRow(1, 12, new BoundingBox(300, 0, 10, 20), 1),
        ]);
        Assert.True(MotChallengePreprocessing.HasClasses(gt));

        var (g, h) = MotChallengePreprocessing.Apply(gt, hyp, mot20: false);

        Assert.Equal(1, g.Count);
        Assert.Equal(1, g.Rows[0].Id);
        Assert.Equal([10, 12], [h.Rows[0].Id, h.Rows[1].Id]);
        var m = new MotEvaluator().Evaluate(g, h);
        Assert.Equal(1, m.FalsePositives);
        Assert.Equal(0, m.FalseNegatives);
    }
}
