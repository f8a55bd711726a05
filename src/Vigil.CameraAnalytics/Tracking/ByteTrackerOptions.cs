namespace Vigil.CameraAnalytics.Tracking;

/// <summary>
/// Parameters of <see cref="ByteTracker"/>. Defaults are the published ByteTrack settings (Zhang et al. 2022, ECCV,
/// "ByteTrack: Multi-Object Tracking by Associating Every Detection Box", section 4.2: high score 0.6, low score 0.1,
/// new track 0.7, reject matches with IoU below 0.2, keep lost tracks 30 frames), which its MOT17 evaluation script
/// also uses. They are not fitted to any evaluation sequence.
/// </summary>
public sealed record ByteTrackerOptions
{
    /// <summary>Detections at or above this score are "high" and take part in the first association.</summary>
    public float HighScoreThreshold { get; init; } = 0.6f;

    /// <summary>Detections between this and <see cref="HighScoreThreshold"/> only extend existing tracks (second association).</summary>
    public float LowScoreThreshold { get; init; } = 0.1f;

    /// <summary>A new track is born only from an unmatched detection scoring at least this.</summary>
    public float NewTrackThreshold { get; init; } = 0.7f;

    /// <summary>Largest 1 - IoU (score-fused) accepted in the first association.</summary>
    public double FirstMatchMaxDistance { get; init; } = 0.8;

    /// <summary>Largest 1 - IoU accepted when matching low-score detections.</summary>
    public double SecondMatchMaxDistance { get; init; } = 0.5;

    /// <summary>Largest 1 - IoU (score-fused) accepted when confirming a tentative track.</summary>
    public double TentativeMatchMaxDistance { get; init; } = 0.7;

    /// <summary>Multiply IoU by detection score in the first association (ByteTrack does so outside crowded MOT20 scenes).</summary>
    public bool FuseScore { get; init; } = true;

    /// <summary>Camera frame rate; with <see cref="LostTrackBufferAt30Fps"/> it sets how long a lost track is kept.</summary>
    public double FrameRate { get; init; } = 30;

    /// <summary>Frames a lost track survives at 30 frames/s (ByteTrack's <c>track_buffer</c>), scaled to <see cref="FrameRate"/>.</summary>
    public int LostTrackBufferAt30Fps { get; init; } = 30;

    /// <summary>A tracked and a lost track closer than this 1 - IoU are duplicates; the younger is dropped.</summary>
    public double DuplicateMaxDistance { get; init; } = 0.15;

    /// <summary>
    /// Consecutive matched frames, counting the birth, before a track is confirmed and reported. ByteTrack uses 2;
    /// SORT (Bewley et al. 2016) uses 3 (<c>min_hits</c>).
    /// </summary>
    public int ConfirmationHits { get; init; } = 2;

    /// <summary>Report the matched detection's box instead of the Kalman-filtered one.</summary>
    public bool ReportDetectionBox { get; init; }

    /// <summary>Frames a lost track is kept before it is removed.</summary>
    public int MaxFramesLost => Math.Max(1, (int)(FrameRate / 30.0 * LostTrackBufferAt30Fps));

    /// <summary>Returns the first invalid setting, or null when all are valid.</summary>
    public string? Validate()
    {
        if (!(LowScoreThreshold >= 0 && LowScoreThreshold <= HighScoreThreshold && HighScoreThreshold <= 1))
        {
            return "score thresholds must satisfy 0 <= low <= high <= 1";
        }

        if (!(NewTrackThreshold >= 0 && NewTrackThreshold <= 1))
        {
            return "new-track threshold must lie in [0, 1]";
        }

        if (!(FrameRate > 0) || LostTrackBufferAt30Fps < 0)
        {
            return "frame rate must be positive and the lost-track buffer non-negative";
        }

        return null;
    }
}
