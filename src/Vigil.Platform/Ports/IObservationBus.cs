using Vigil.Platform.Ingest;

namespace Vigil.Platform.Ports;

/// <summary>
/// Carries a stored batch to the pipeline partition that owns its device's rule state. In-process by default (the
/// local <see cref="Pipeline.ObservationPipeline"/>); a message bus when several nodes share the partitions.
/// </summary>
public interface IObservationBus
{
    /// <summary>
    /// Completes once the bus has taken responsibility for the batch (queued locally, or confirmed by the broker), so
    /// that the sender may be acknowledged. The bus then owns the batch and releases it.
    /// </summary>
    ValueTask PublishAsync(IngestBatch batch, CancellationToken cancellationToken);
}
