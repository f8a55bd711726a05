using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Diagnostics;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Ingest;

/// <summary>
/// The other half of storing a batch as unpublished: confirmed publishes are marked in bulk, and batches that stayed
/// unpublished (the publish failed, or the node died between commit and confirm) are published again from their
/// stored rows once they are older than <see cref="IngestOptions.RepublishAfter"/>. Every node sweeps, so a batch
/// stranded by a node that died is published by another; the rules see such a batch twice at worst, which the desk
/// absorbs (one open alarm per device and rule).
/// </summary>
public sealed partial class PublishOutbox(
    IObservationStore store,
    IObservationBus bus,
    DeviceRegistry devices,
    VigilMetrics metrics,
    TimeProvider time,
    IOptions<IngestOptions> options,
    ILogger<PublishOutbox>? logger = null) : BackgroundService
{
    // Marks are written in bulk rather than one write per batch: the single writer then commits one small delete per
    // flush. A mark lost in a crash only means a redundant republish later.
    private static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);
    private const int SweepLimit = 500;

    // Unbounded: it holds only the keys confirmed since the last flush, at most the ingest rate times the flush interval.
    // A key leaves only after its mark is committed, so that a resend in between is still known to be published.
    private readonly ConcurrentDictionary<BatchKey, byte> _published = new();
    private readonly ILogger _logger = logger ?? NullLogger<PublishOutbox>.Instance;
    private readonly TimeSpan _republishAfter = options.Value.RepublishAfter;

    /// <summary>The bus confirmed the batch; it is marked published at the next flush.</summary>
    public void Published(BatchKey key) => _published.TryAdd(key, 0);

    /// <summary>Whether this node has seen the batch confirmed though its mark is not yet committed.</summary>
    public bool WasPublished(BatchKey key) => _published.ContainsKey(key);

    /// <summary>Publishes the stored unpublished batches received before the cut-off; returns how many went out.</summary>
    public async Task<int> SweepAsync(long receivedBeforeMs, CancellationToken cancellationToken)
    {
        var pending = await store.ReadUnpublishedAsync(receivedBeforeMs, SweepLimit, cancellationToken).ConfigureAwait(false);
        var published = 0;
        foreach (var unpublished in pending)
        {
            var key = new BatchKey(unpublished.DeviceOrdinal, unpublished.BatchId);
            if (devices.Find(unpublished.DeviceOrdinal) is not { } device || !ObservationRowCodec.TryCount(unpublished.Rows, out var count))
            {
                // The device was deleted (nothing can evaluate its rows now) or the rows are unreadable: never retried.
                Published(key);
                continue;
            }

            var rows = IngestBatch.RentRows(Math.Max(1, count));
            ObservationRowCodec.Decode(unpublished.Rows, rows.AsSpan(0, count));
            var batch = new IngestBatch(unpublished.BatchId, device, rows, count, time.GetTimestamp());
            metrics.AddQueueDepth(count);
            await bus.PublishAsync(batch, cancellationToken).ConfigureAwait(false);
            Published(key);
            published++;
        }

        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return published;
    }

    /// <summary>Marks every batch confirmed so far as published; on failure they stay queued for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_published.IsEmpty)
        {
            return;
        }

        var keys = new List<BatchKey>(_published.Count);
        foreach (var (key, _) in _published)
        {
            keys.Add(key);
        }

        // On failure the keys simply stay for the next flush.
        await store.MarkPublishedAsync(keys, cancellationToken).ConfigureAwait(false);
        foreach (var key in keys)
        {
            _published.TryRemove(key, out _);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(FlushInterval, time);
        var nextSweep = time.GetUtcNow() + _republishAfter;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await FlushAsync(stoppingToken).ConfigureAwait(false);
                    var now = time.GetUtcNow();
                    if (now >= nextSweep)
                    {
                        nextSweep = now + _republishAfter;
                        var republished = await SweepAsync((now - _republishAfter).ToUnixTimeMilliseconds(), stoppingToken).ConfigureAwait(false);
                        if (republished > 0)
                        {
                            Log.Republished(_logger, republished);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // Storage or bus unavailable: both are retried at the next tick, and nothing unpublished is forgotten.
                    Log.OutboxFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        try
        {
            await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.OutboxFailed(_logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 2111, Level = LogLevel.Information, Message = "Published {Count} stored batches again that the bus had not confirmed")]
        public static partial void Republished(ILogger logger, int count);

        [LoggerMessage(EventId = 2112, Level = LogLevel.Warning, Message = "Publish outbox failed; retrying")]
        public static partial void OutboxFailed(ILogger logger, Exception exception);
    }
}
