using Vigil.CameraAnalytics.Detections;
using CameraDetection = Vigil.CameraAnalytics.Detections.Detection;

namespace Vigil.Benchmarks.CameraAnalytics;

/// <summary>
/// The naive baseline: the IOU tracker of Bochinski, Eiselein and Sikora (AVSS 2017) written the obvious way, with
/// greedy best-IoU matching, no motion model and per-frame lists. It is what the Kalman and two-stage machinery of
/// ByteTrack has to pay for itself against.
/// </summary>
internal sealed class GreedyIouTracker
{
    private List<(int Id, BoundingBox Box)> _tracks = [];
    private int _nextId = 1;

    public int Update(CameraDetection[] detections)
    {
        var next = new List<(int Id, BoundingBox Box)>(detections.Length);
        var used = new bool[detections.Length];
        foreach (var (id, box) in _tracks)
        {
            var best = -1;
            var bestIou = 0.5;
            for (var d = 0; d < detections.Length; d++)
            {
                if (used[d])
                {
                    continue;
                }

                var iou = BoundingBox.IntersectionOverUnion(box, detections[d].Box);
                if (iou > bestIou)
                {
                    bestIou = iou;
                    best = d;
                }
            }

            if (best >= 0)
            {
                used[best] = true;
                next.Add((id, detections[best].Box));
            }
        }

        for (var d = 0; d < detections.Length; d++)
        {
            if (!used[d] && detections[d].Confidence >= 0.5f)
            {
                next.Add((_nextId++, detections[d].Box));
            }
        }

        _tracks = next;
        return next.Count;
    }
}
