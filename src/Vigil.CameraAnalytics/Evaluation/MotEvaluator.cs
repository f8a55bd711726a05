using Vigil.CameraAnalytics.Assignment;
using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Evaluation;

/// <summary>
/// Scores a tracker output against ground truth with the MOTChallenge rules.
/// <list type="bullet">
/// <item>A ground-truth box and a hypothesis box may match only when IoU &gt;= <see cref="IouThreshold"/> (0.5).</item>
/// <item>CLEAR MOT (Bernardin and Stiefelhagen 2008, as in the MOTChallenge devkit <c>clearMOT.m</c>): a pair matched in
/// the previous frame stays matched while still valid; the rest of each frame is solved as a min-cost assignment of
/// 1 - IoU. An ID switch is a ground-truth object matched to a different hypothesis id than at its last match.</item>
/// <item>IDF1 (Ristani et al. 2016, "Performance Measures and a Data Set for Multi-Target, Multi-Camera Tracking"):
/// one global one-to-one assignment of ground-truth ids to hypothesis ids maximising the number of frames in which
/// the paired boxes overlap by at least the threshold.</item>
/// </list>
/// </summary>
public sealed class MotEvaluator
{
    private readonly AssignmentSolver _solver = new();
    private double[] _iou = new double[64];
    private double[] _cost = new double[64];
    private int[] _assign = new int[16];
    private int[] _rowMap = new int[16];
    private int[] _colMap = new int[16];
    private int[] _subAssign = new int[16];
    private bool[] _colTaken = new bool[16];

    public double IouThreshold { get; init; } = 0.5;

    public MotMetrics Evaluate(MotSequence groundTruth, MotSequence hypotheses)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(hypotheses);

        var gtIndex = IndexIds(groundTruth);
        var hypIndex = IndexIds(hypotheses);
        var nG = gtIndex.Count;
        var nH = hypIndex.Count;

        var coCount = new int[nG * nH];
        var lastMatch = new int[nG];
        var prevMatch = new int[nG];
        var prevMatchFrame = new int[nG];
        var lastMatchedFrame = new int[nG];
        var present = new int[nG];
        var matchedFrames = new int[nG];
        var hypRowFrame = new int[nH];
        var hypRowPos = new int[nH];
        Array.Fill(lastMatch, -1);
        Array.Fill(prevMatch, -1);
        Array.Fill(prevMatchFrame, int.MinValue);
        Array.Fill(lastMatchedFrame, int.MinValue);
        Array.Fill(hypRowFrame, int.MinValue);

        int fp = 0, fn = 0, idsw = 0, frag = 0, matches = 0;
        var iouSum = 0.0;
        var first = Math.Min(groundTruth.FirstFrame, hypotheses.FirstFrame);
        var last = Math.Max(groundTruth.LastFrame, hypotheses.LastFrame);
        var frames = 0;
        for (var frame = first; frame <= last; frame++)
        {
            var gt = groundTruth.Frame(frame);
            var hyp = hypotheses.Frame(frame);
            if (gt.IsEmpty && hyp.IsEmpty)
            {
                continue;
            }

            frames++;
            var g = gt.Length;
            var h = hyp.Length;
            EnsureFrameCapacity(g, h);
            var iou = _iou.AsSpan(0, g * h);
            for (var i = 0; i < g; i++)
            {
                var gi = gtIndex[gt[i].Id];
                present[gi]++;
                for (var j = 0; j < h; j++)
                {
                    var v = BoundingBox.IntersectionOverUnion(gt[i].Box, hyp[j].Box);
                    iou[(i * h) + j] = v;
                    if (v >= IouThreshold)
                    {
                        coCount[(gi * nH) + hypIndex[hyp[j].Id]]++;
                    }
                }
            }

            for (var j = 0; j < h; j++)
            {
                var hj = hypIndex[hyp[j].Id];
                hypRowFrame[hj] = frame;
                hypRowPos[hj] = j;
            }

            // Row i of this frame is matched to column match[i] (or -1); columns are flagged in colTaken.
            var match = _assign.AsSpan(0, g);
            match.Fill(-1);
            var colTaken = _colTaken.AsSpan(0, h);
            colTaken.Clear();

            // 1. Keep last frame's correspondences that are still valid.
            for (var i = 0; i < g; i++)
            {
                var gi = gtIndex[gt[i].Id];
                if (prevMatchFrame[gi] != frame - 1)
                {
                    continue;
                }

                var hj = prevMatch[gi];
                if (hypRowFrame[hj] != frame)
                {
                    continue;
                }

                var j = hypRowPos[hj];
                if (!colTaken[j] && iou[(i * h) + j] >= IouThreshold)
                {
                    match[i] = j;
                    colTaken[j] = true;
                }
            }

            // 2. Solve the rest as a min-cost assignment over 1 - IoU.
            var rows = 0;
            var cols = 0;
            for (var i = 0; i < g; i++)
            {
                if (match[i] < 0)
                {
                    _rowMap[rows++] = i;
                }
            }

            for (var j = 0; j < h; j++)
            {
                if (!colTaken[j])
                {
                    _colMap[cols++] = j;
                }
            }

            if (rows > 0 && cols > 0)
            {
                var cost = _cost.AsSpan(0, rows * cols);
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < cols; c++)
                    {
                        var v = iou[(_rowMap[r] * h) + _colMap[c]];
                        cost[(r * cols) + c] = v >= IouThreshold ? 1 - v : AssignmentSolver.Forbidden;
                    }
                }

                var sub = _subAssign.AsSpan(0, rows);
                _solver.Solve(cost, rows, cols, sub);
                for (var r = 0; r < rows; r++)
                {
                    var c = sub[r];
                    if (c >= 0 && cost[(r * cols) + c] < AssignmentSolver.Forbidden)
                    {
                        match[_rowMap[r]] = _colMap[c];
                    }
                }
            }

            // 3. Count.
            var frameMatches = 0;
            for (var i = 0; i < g; i++)
            {
                var j = match[i];
                var gi = gtIndex[gt[i].Id];
                if (j < 0)
                {
                    continue;
                }

                frameMatches++;
                iouSum += iou[(i * h) + j];
                var hj = hypIndex[hyp[j].Id];
                if (lastMatch[gi] >= 0 && lastMatch[gi] != hj)
                {
                    idsw++;
                }

                if (lastMatchedFrame[gi] != int.MinValue && lastMatchedFrame[gi] != frame - 1)
                {
                    frag++;
                }

                lastMatch[gi] = hj;
                lastMatchedFrame[gi] = frame;
                prevMatch[gi] = hj;
                prevMatchFrame[gi] = frame;
                matchedFrames[gi]++;
            }

            matches += frameMatches;
            fn += g - frameMatches;
            fp += h - frameMatches;
        }

        int mt = 0, pt = 0, ml = 0;
        for (var gi = 0; gi < nG; gi++)
        {
            // Thresholds 80 % / 20 % of the trajectory's length (Li, Huang and Nevatia 2009), as in the devkit.
            var ratio = present[gi] == 0 ? 0 : (double)matchedFrames[gi] / present[gi];
            if (ratio >= 0.8)
            {
                mt++;
            }
            else if (ratio < 0.2)
            {
                ml++;
            }
            else
            {
                pt++;
            }
        }

        var idtp = IdentityTruePositives(coCount, nG, nH);
        var gtBoxes = groundTruth.Count;
        var hypBoxes = hypotheses.Count;
        return new MotMetrics
        {
            Frames = frames,
            GroundTruthBoxes = gtBoxes,
            HypothesisBoxes = hypBoxes,
            GroundTruthTracks = nG,
            HypothesisTracks = nH,
            Matches = matches,
            FalsePositives = fp,
            FalseNegatives = fn,
            IdSwitches = idsw,
            Fragmentations = frag,
            MostlyTracked = mt,
            PartiallyTracked = pt,
            MostlyLost = ml,
            IdTruePositives = idtp,
            IdFalsePositives = hypBoxes - idtp,
            IdFalseNegatives = gtBoxes - idtp,
            Mota = gtBoxes == 0 ? 0 : 1 - ((double)(fn + fp + idsw) / gtBoxes),
            Motal = gtBoxes == 0 ? 0 : 1 - ((fn + fp + Math.Log10(idsw + 1)) / gtBoxes),
            Motp = matches == 0 ? 0 : iouSum / matches,
            Recall = gtBoxes == 0 ? 0 : (double)matches / gtBoxes,
            Precision = hypBoxes == 0 ? 0 : (double)matches / hypBoxes,
            Idp = hypBoxes == 0 ? 0 : (double)idtp / hypBoxes,
            Idr = gtBoxes == 0 ? 0 : (double)idtp / gtBoxes,
            Idf1 = gtBoxes + hypBoxes == 0 ? 0 : 2.0 * idtp / (gtBoxes + hypBoxes),
        };
    }

    /// <summary>
    /// Maximum total overlap count over one-to-one id pairings. Minimising IDFN + IDFP as Ristani et al. state it is the
    /// same as maximising IDTP, because both box totals are fixed; so the bipartite problem is solved on -count.
    /// </summary>
    private int IdentityTruePositives(int[] coCount, int nG, int nH)
    {
        if (nG == 0 || nH == 0)
        {
            return 0;
        }

        var cost = new double[nG * nH];
        for (var k = 0; k < cost.Length; k++)
        {
            cost[k] = -coCount[k];
        }

        var assign = new int[nG];
        _solver.Solve(cost, nG, nH, assign);
        var idtp = 0;
        for (var gi = 0; gi < nG; gi++)
        {
            if (assign[gi] >= 0)
            {
                idtp += coCount[(gi * nH) + assign[gi]];
            }
        }

        return idtp;
    }

    private static Dictionary<int, int> IndexIds(MotSequence sequence)
    {
        var index = new Dictionary<int, int>();
        foreach (ref readonly var row in sequence.Rows)
        {
            index.TryAdd(row.Id, index.Count);
        }

        return index;
    }

    private void EnsureFrameCapacity(int g, int h)
    {
        if (_iou.Length < g * h)
        {
            _iou = new double[g * h * 2];
            _cost = new double[g * h * 2];
        }

        var n = Math.Max(g, h);
        if (_assign.Length < n)
        {
            _assign = new int[n * 2];
            _rowMap = new int[n * 2];
            _colMap = new int[n * 2];
            _subAssign = new int[n * 2];
            _colTaken = new bool[n * 2];
        }
    }
}
