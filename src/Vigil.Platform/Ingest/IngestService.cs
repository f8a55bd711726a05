using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Ingest;

/// <summary>
/// Admits a validated batch: checks the in-flight budget, stores the batch durably (marked unpublished in the same
/// transaction), then hands it to the bus and marks it published once the bus confirms. A sender is acknowledged only
/// after both, so an acknowledged batch survives a crash and reaches the rules. A batch stored whose publish failed is
/// answered with an error; its resend is published from the resent rows (and acknowledged), and the
/// <see cref="PublishOutbox"/> publishes it anyway if no resend comes.
/// </summary>
public sealed class IngestService(
    IObservationStore store,
    IObservationBus bus,
    PublishOutbox outbox,
    VigilMetrics metrics,
    IOptions<IngestOptions> options)
{
    private readonly int _maxInFlight = options.Value.MaxInFlightObservations;

    public async ValueTask<IngestOutcome> AdmitAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (metrics.AddQueueDepth(batch.Count) > _maxInFlight)
        {
            metrics.AddQueueDepth(-batch.Count);
            batch.Release();
            metrics.BatchRejected("overloaded");
            return IngestOutcome.Overloaded;
        }

        AppendOutcome stored;
        try
        {
            stored = await store.AppendAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            metrics.AddQueueDepth(-batch.Count);
            batch.Release();
            throw;
        }

        // A resend right after this node's own confirm finds the batch not yet marked (marks are written in bulk): it
        // is the duplicate it seems.
        var key = new BatchKey(batch.Device.Ordinal, batch.BatchId);
        if (stored == AppendOutcome.Duplicate || (stored == AppendOutcome.Unpublished && outbox.WasPublished(key)))
        {
            metrics.AddQueueDepth(-batch.Count);
            batch.Release();
            return IngestOutcome.Duplicate;
        }

        if (stored == AppendOutcome.Stored)
        {
            metrics.BatchAccepted(batch.Count);
        }

        // The batch is committed: the rules must see it even if this request is cancelled now. The sender is answered
        // only once the bus holds it (with a broker, after its publisher confirm); if the publish throws, the batch
        // stays unpublished for the resend or the outbox.
        await bus.PublishAsync(batch, CancellationToken.None).ConfigureAwait(false);
        outbox.Published(key);
        return IngestOutcome.Accepted;
    }
}
