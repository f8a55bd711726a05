using Vigil.CameraAnalytics.Assignment;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Evaluation;

/// <summary>
/// The standard MOT16/17/20 preparation before scoring, without which published figures cannot be reproduced
/// (MOTChallenge evaluation protocol, as TrackEval's <c>MotChallenge2DBox</c> and EvalDeT's <c>preprocess_mot_1720</c>
/// do it): in each frame, hypothesis boxes matched (IoU above 0.5, min-cost assignment) to a ground-truth box of a
/// distractor class (2 person on vehicle, 7 static person, 8 distractor, 12 reflection; and 6 non-motorised vehicle
/// for MOT20) are dropped; then ground truth keeps only pedestrians (class 1) with a consider flag of at least 0.1.
/// 2DMOT2015 files carry no classes and need none of this.
/// </summary>
public static class MotChallengePreprocessing
{
    private const int Pedestrian = 1;

    /// <summary>True for 9-column MOT16/17/20 ground truth, which carries classes.</summary>
    public static bool HasClasses(MotSequence groundTruth)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        return groundTruth.Count > 0 && groundTruth.Rows[0].Class >= 0;
    }

    public static (MotSequence GroundTruth, MotSequence Hypotheses) Apply(MotSequence groundTruth, MotSequence hypotheses, bool mot20)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(hypotheses);
        var solver = new AssignmentSolver();
        var keptHyp = new List<MotRow>(hypotheses.Count);
        for (var frame = hypotheses.FirstFrame; frame <= hypotheses.LastFrame; frame++)
        {
            var hyp = hypotheses.Frame(frame);
            var gt = groundTruth.Frame(frame);
            if (hyp.IsEmpty)
            {
                continue;
            }

            var drop = new bool[hyp.Length];
            if (!gt.IsEmpty)
            {
                var cost = new double[gt.Length * hyp.Length];
                for (var i = 0; i < gt.Length; i++)
                {
                    for (var j = 0; j < hyp.Length; j++)
                    {
                        var iou = BoundingBox.IntersectionOverUnion(gt[i].Box, hyp[j].Box);
                        cost[(i * hyp.Length) + j] = iou > 0.5 ? 1 - iou : 1;
                    }
                }

                var assign = new int[gt.Length];
                solver.Solve(cost, gt.Length, hyp.Length, assign);
                for (var i = 0; i < gt.Length; i++)
                {
                    var j = assign[i];
                    if (j >= 0 && cost[(i * hyp.Length) + j] < 0.5 && IsDistractor(gt[i].Class, mot20))
                    {
                        drop[j] = true;
                    }
                }
            }

            for (var j = 0; j < hyp.Length; j++)
            {
                if (!drop[j])
                {
                    keptHyp.Add(hyp[j]);
                }
            }
        }

        var keptGt = new List<MotRow>(groundTruth.Count);
        foreach (ref readonly var row in groundTruth.Rows)
        {
            if (row.Class == Pedestrian && row.Confidence >= 0.1)
            {
                keptGt.Add(row);
            }
        }

        return (MotSequence.FromRows(keptGt), MotSequence.FromRows(keptHyp));
    }

    private static bool IsDistractor(int cls, bool mot20) => cls is 2 or 7 or 8 or 12 || (mot20 && cls == 6);
}
