using Vigil.CameraAnalytics.Detections;
using Vigil.CameraAnalytics.Mot;

namespace Vigil.CameraAnalytics.Tracking;

/// <summary>Runs a <see cref="ByteTracker"/> over a MOTChallenge detection file, frame by frame, as offline evaluation needs.</summary>
public static class MotSequenceTracker
{
    /// <summary>
    /// Tracks every frame from 1 to the last detection frame (frames without detections still advance the tracker, so
    /// lost tracks age correctly) and returns the reported tracks in MOTChallenge form. All detections are treated as persons, as
    /// MOTChallenge pedestrian files are.
    /// </summary>
    public static MotSequence Run(MotSequence detections, ByteTrackerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(detections);
        var tracker = new ByteTracker(options);
        var rows = new List<MotRow>(detections.Count);
        var buffer = new List<Detection>();
        var output = new TrackedObject[16];
        for (var frame = 1; frame <= detections.LastFrame; frame++)
        {
            buffer.Clear();
            foreach (ref readonly var row in detections.Frame(frame))
            {
                buffer.Add(new Detection(row.Box, (float)row.Confidence, ObjectClass.Person));
            }

            if (output.Length < buffer.Count)
            {
                output = new TrackedObject[buffer.Count * 2];
            }

            var n = tracker.Update(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(buffer), output);
            for (var k = 0; k < n; k++)
            {
                rows.Add(new MotRow(frame, output[k].TrackId, output[k].Box, output[k].Confidence));
            }
        }

        return MotSequence.FromRows(rows);
    }
}
