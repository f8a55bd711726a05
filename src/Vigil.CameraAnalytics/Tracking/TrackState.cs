namespace Vigil.CameraAnalytics.Tracking;

/// <summary>Life cycle of a track. Values are persisted in events: never renumber them.</summary>
public enum TrackState
{
    /// <summary>Born from one confident detection, not yet confirmed by a second; never reported.</summary>
    Tentative = 0,

    /// <summary>Confirmed and matched in the current frame; reported.</summary>
    Tracked = 1,

    /// <summary>Confirmed but unmatched for up to the lost-track buffer; kept for re-identification by IoU, not reported.</summary>
    Lost = 2,
}
