using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Ingest;

/// <summary>
/// Admits a validated batch: checks the in-flight budget, stores the batch durably, then hands it to the pipeline.
/// A sender is acknowledged only after the store has committed, so an acknowledged batch survives a crash.
/// </summary>
public sealed class IngestService(
    IObservationStore store,
    IObservationBus bus,
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

        if (stored == AppendOutcome.Duplicate)
        {
            metrics.AddQueueDepth(-batch.Count);
            batch.Release();
            return IngestOutcome.Duplicate;
        }

        metrics.BatchAccepted(batch.Count);

        // The batch is committed: the rules must see it even if this request is cancelled now. The sender is answered
        // only once the bus holds it (with a broker, after its publisher confirm).
        await bus.PublishAsync(batch, CancellationToken.None).ConfigureAwait(false);
        return IngestOutcome.Accepted;
    }
}
