using System.Text.Json;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Pipeline;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Cameras;

/// <summary>
/// Admits a validated detection batch under the same rules as observations: within the in-flight budget, stored
/// durably first, and only then tracked, so an acknowledged batch survives a crash and a retried one is not tracked twice.
/// A camera sends detections, not observations, so each accepted batch is also reported to the device's health rules:
/// without that, an active camera would be seen as silent and raise device-offline alarms.
/// </summary>
public sealed class CameraIngestService(
    ICameraStore store, CameraPipeline pipeline, ObservationPipeline health, VigilMetrics metrics, IOptions<IngestOptions> options)
{
    private readonly int _maxInFlight = options.Value.MaxInFlightObservations;

    public async ValueTask<IngestOutcome> AdmitAsync(CameraBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // A detection weighs about what an observation does in the pipeline, so both share one in-flight budget.
        var weight = Math.Max(1, batch.DetectionCount);
        if (metrics.AddQueueDepth(weight) > _maxInFlight)
        {
            metrics.AddQueueDepth(-weight);
            metrics.BatchRejected("overloaded");
            return IngestOutcome.Overloaded;
        }

        AppendOutcome stored;
        try
        {
            stored = await store.AppendDetectionsAsync(batch.Camera.Device.Id, batch.BatchId, batch.Frames[0].Time, batch.Frames[^1].Time,
                StoredForm(batch), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            metrics.AddQueueDepth(-weight);
            throw;
        }

        if (stored == AppendOutcome.Duplicate)
        {
            metrics.AddQueueDepth(-weight);
            return IngestOutcome.Duplicate;
        }

        metrics.BatchAccepted(batch.DetectionCount);

        // The batch is committed: the tracker must see it even if this request is cancelled now.
        await pipeline.EnqueueAsync(batch with { DetectionCount = weight }, CancellationToken.None).ConfigureAwait(false);
        await health.ReportActivityAsync(batch.Camera, batch.Frames[^1].Time, batch.DetectionCount, CancellationToken.None).ConfigureAwait(false);
        return IngestOutcome.Accepted;
    }

    /// <summary>
    /// The batch as stored: rebuilt from the validated frames rather than copied from the body, so that whatever else a
    /// vendor's metadata carried (face or person attributes, embeddings) is dropped before anything is written.
    /// </summary>
    private static string StoredForm(CameraBatch batch)
    {
        var frames = new DetectionFrameRequest?[batch.Frames.Count];
        for (var f = 0; f < frames.Length; f++)
        {
            var frame = batch.Frames[f];
            var objects = new DetectedObjectRequest?[frame.Detections.Count];
            for (var o = 0; o < objects.Length; o++)
            {
                var d = frame.Detections[o];
                objects[o] = new DetectedObjectRequest(d.Class, d.Confidence, d.Box.Left, d.Box.Top, d.Box.Width, d.Box.Height);
            }

            frames[f] = new DetectionFrameRequest(frame.FrameIndex, frame.Time, objects);
        }

        return JsonSerializer.Serialize(new DetectionBatchRequest(batch.BatchId, frames), CameraJson.Default.DetectionBatchRequest);
    }
}
