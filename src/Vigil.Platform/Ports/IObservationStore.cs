using Vigil.Platform.Ingest;

namespace Vigil.Platform.Ports;

/// <summary>The time series of observations. Implementations: SQLite (embedded), PostgreSQL (scale-out).</summary>
public interface IObservationStore
{
    /// <summary>
    /// Stores the batch durably and only then completes: a caller may acknowledge the batch to its sender once this
    /// returns. Idempotent on <see cref="IngestBatch.BatchId"/> per device.
    /// </summary>
    ValueTask<AppendOutcome> AppendAsync(IngestBatch batch, CancellationToken cancellationToken);

    /// <summary>
    /// Marks batches as published to the bus. A stored batch stays unpublished (in the same transaction that stored it)
    /// until this is called after the bus confirmed it; ids that are not unpublished are ignored.
    /// </summary>
    Task MarkPublishedAsync(IReadOnlyList<BatchKey> batches, CancellationToken cancellationToken);

    /// <summary>Stored batches never marked published that were received before the cut-off, oldest first.</summary>
    Task<IReadOnlyList<UnpublishedBatch>> ReadUnpublishedAsync(long receivedBeforeMs, int limit, CancellationToken cancellationToken);

    /// <summary>Observations of one device in [fromMs, toMs], oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<StoredObservation>> ReadAsync(int deviceOrdinal, int? quantityIndex, long fromMs, long toMs, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes observations (and batch ids) older than the cut-off; returns how many observations went.</summary>
    Task<long> PurgeAsync(long cutoffMs, CancellationToken cancellationToken);
}
