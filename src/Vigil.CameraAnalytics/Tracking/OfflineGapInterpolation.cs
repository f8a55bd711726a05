using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// Offline post-processing of a finished tracker output: where a track id is missing for a few frames and then seen
/// again, the gap is filled with boxes interpolated linearly between the two ends. ByteTrack (Zhang et al. 2022,
/// section 4.2) reports its MOTChallenge figures with this step (gaps up to 20 frames). It needs the frame after the
/// gap, so it is never applied to live tracking: only <c>vigil tracking eval --interpolate</c> uses it, and its
/// figures are labelled offline.
/// </summary>
public static class OfflineGapInterpolation
{
    /// <summary>
    /// Returns <paramref name="tracks"/> plus interpolated rows for every gap of at most <paramref name="maxGap"/>
    /// missing frames within one id. Interpolated rows carry the lower confidence of the two ends.
    /// </summary>
    public static MotSequence Fill(MotSequence tracks, int maxGap)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);

        // Last row seen per id, in frame order (the sequence is ordered by frame).
        var last = new Dictionary<int, MotRow>();
        var rows = new List<MotRow>(tracks.Count);
        foreach (ref readonly var row in tracks.Rows)
        {
            rows.Add(row);
            if (last.TryGetValue(row.Id, out var previous))
            {
                var missing = row.Frame - previous.Frame - 1;
                if (missing > 0 && missing <= maxGap)
                {
                    var confidence = Math.Min(previous.Confidence, row.Confidence);
                    for (var k = 1; k <= missing; k++)
                    {
                        var t = k / (double)(missing + 1);
                        rows.Add(new MotRow(previous.Frame + k, row.Id, Lerp(previous.Box, row.Box, t), confidence));
                    }
                }
            }

            last[row.Id] = row;
        }

        return MotSequence.FromRows(rows);
    }

    private static BoundingBox Lerp(in BoundingBox a, in BoundingBox b, double t) => new(
        a.Left + ((b.Left - a.Left) * t),
        a.Top + ((b.Top - a.Top) * t),
        a.Width + ((b.Width - a.Width) * t),
        a.Height + ((b.Height - a.Height) * t));
}
