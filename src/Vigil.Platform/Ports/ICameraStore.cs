using Vigil.Platform.Cameras;

namespace Vigil.Platform.Ports;

/// <summary>
/// Camera configurations, and the detection batches cameras send. A batch is stored before it is acknowledged, and a
/// batch id a camera used before is recognised, so a camera that retries after a lost answer is not tracked twice.
/// </summary>
public interface ICameraStore
{
    Task<IReadOnlyList<CameraConfigView>> ListConfigsAsync(CancellationToken cancellationToken);

    /// <summary>Inserts or replaces the camera's configuration, with its audit record.</summary>
    Task SaveConfigAsync(CameraConfigView config, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>False when the camera had no configuration.</summary>
    Task<bool> DeleteConfigAsync(string cameraId, AuditRecord audit, CancellationToken cancellationToken);

    /// <param name="framesJson">The validated batch as JSON (class, confidence and box per object, nothing else): what a replay would feed the tracker again.</param>
    Task<AppendOutcome> AppendDetectionsAsync(string cameraId, string batchId, DateTimeOffset firstFrame, DateTimeOffset lastFrame, string framesJson, CancellationToken cancellationToken);

    /// <summary>How many stored detection batches of a camera end at or after <paramref name="since"/>.</summary>
    Task<int> CountDetectionBatchesAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the detection batches of every camera whose last frame is before <paramref name="cutoff"/> and returns how
    /// many went. A camera that sent such an old batch id again afterwards would have it stored as new.
    /// </summary>
    Task<long> PurgeDetectionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);
}
