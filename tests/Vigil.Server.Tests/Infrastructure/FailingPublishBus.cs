using System.Collections.Concurrent;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ingest;
using Vigil.Platform.Pipeline;
using Vigil.Platform.Ports;

namespace Vigil.Server.Tests.Infrastructure;

/// <summary>
/// The in-process bus, except that the first publish of each batch whose id starts with <see cref="Prefix"/> fails the
/// way a broker that never confirms does: the batch is released and the publish throws.
/// </summary>
public sealed class FailingPublishBus(ObservationPipeline pipeline, VigilMetrics metrics) : IObservationBus
{
    public const string Prefix = "fail-once-";

    private readonly ConcurrentDictionary<string, bool> _failed = new(StringComparer.Ordinal);

    /// <summary>How many publishes failed on purpose.</summary>
    public int Failures => _failed.Count;

    public ValueTask PublishAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.BatchId.StartsWith(Prefix, StringComparison.Ordinal) && _failed.TryAdd(batch.Device.Device.Id + "/" + batch.BatchId, true))
        {
            metrics.AddQueueDepth(-batch.Count);
            batch.Release();
            throw new IOException("The broker did not confirm the publish (failed on purpose by the test).");
        }

        return pipeline.EnqueueAsync(batch, cancellationToken);
    }
}
