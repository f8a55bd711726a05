using Vigil.CameraAnalytics.Evaluation;
using Vigil.CameraAnalytics.Mot;
using Vigil.CameraAnalytics.Tracking;
using Vigil.Testing;

namespace Vigil.CameraAnalytics.Tests.Tracking;

/// <summary>
/// The tracker with its published default settings, fed with SORT's Faster R-CNN detections (abewley/sort@2236dff),
/// must beat the MOTChallenge devkit demo tracker on MOTA and IDF1 (devkit v1.4 README figures, also in
/// tracking/expected_metrics.csv). Measured figures are recorded in docs/benchmarks.md.
/// </summary>
public sealed class TudTrackingTests
{
    [DataTheory("tracking/TUD-Campus/det/det.txt")]
    [InlineData("TUD-Campus", 0.526, 0.558)]
    [InlineData("TUD-Stadtmitte", 0.564, 0.645)]
    public void Track_public_detections_beats_devkit_reference(string sequence, double referenceMota, double referenceIdf1)
    {
        Assert.True(MotReader.TryReadFile(TestData.PathTo($"tracking/{sequence}/gt/gt.txt"), out var gt, out var error), error);
        Assert.True(MotReader.TryReadFile(TestData.PathTo($"tracking/{sequence}/det/det.txt"), out var det, out error), error);

        var m = new MotEvaluator().Evaluate(gt, MotSequenceTracker.Run(det));

        Assert.True(m.Mota > referenceMota, $"MOTA {m.Mota:0.000} <= {referenceMota}");
        Assert.True(m.Idf1 > referenceIdf1, $"IDF1 {m.Idf1:0.000} <= {referenceIdf1}");
    }

    /// <summary>
    /// SORT's published TUD-Campus result on the same detections (abewley/sort@2236dff README, "Main Results":
    /// MOTA 62.7, FP 15, FN 113, ID switches 6). The online tracker alone, without offline gap filling, must beat it.
    /// </summary>
    [DataFact("tracking/TUD-Campus/det/det.txt")]
    public void Track_tud_campus_online_beats_sort_mota()
    {
        Assert.True(MotReader.TryReadFile(TestData.PathTo("tracking/TUD-Campus/gt/gt.txt"), out var gt, out var error), error);
        Assert.True(MotReader.TryReadFile(TestData.PathTo("tracking/TUD-Campus/det/det.txt"), out var det, out error), error);

        var m = new MotEvaluator().Evaluate(gt, MotSequenceTracker.Run(det));

        Assert.True(m.Mota > 0.627, $"MOTA {m.Mota:0.000} <= SORT's 0.627");
    }
}
