using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Ports;

namespace Vigil.Server.Hosting;

/// <summary>
/// Purges observations, camera detection batches and the desk's record of applied forwarded commands older than their
/// retention periods, on start and then periodically.
/// Each purge is independent: one failing does not keep the other from running.
/// </summary>
public sealed partial class RetentionService(
    IObservationStore store,
    ICameraStore cameras,
    IOperationsStore operations,
    IAuditStore audit,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.ObservationDays);
            try
            {
                var removed = await store.PurgeAsync(cutoff.ToUnixTimeMilliseconds(), stoppingToken).ConfigureAwait(false);
                if (removed > 0)
                {
                    Log.Purged(logger, removed, cutoff);
                    await audit.AppendAsync(new AuditRecord(time.GetUtcNow(), "system", "observations.purge", "observations", "*", null,
                        $"{{\"removed\":{removed},\"before\":\"{cutoff:O}\"}}"), stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.PurgeFailed(logger, ex);
            }

            await PurgeDetectionsAsync(stoppingToken).ConfigureAwait(false);
            await PurgeDeskCommandsAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private async Task PurgeDetectionsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(options.Value.DetectionDays);
        try
        {
            var removed = await cameras.PurgeDetectionsAsync(cutoff, cancellationToken).ConfigureAwait(false);
            if (removed > 0)
            {
                Log.DetectionsPurged(logger, removed, cutoff);
                await audit.AppendAsync(new AuditRecord(time.GetUtcNow(), "system", "detections.purge", "camera_batches", "*", null,
                    $"{{\"removed\":{removed},\"before\":\"{cutoff:O}\"}}"), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DetectionPurgeFailed(logger, ex);
        }
    }

    private async Task PurgeDeskCommandsAsync(CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - TimeSpan.FromHours(options.Value.DeskCommandHours);
        try
        {
            // Not audited: these ids are a delivery guarantee, not a record of anything (the commands' effects are audited).
            var removed = await operations.PurgeAppliedCommandsAsync(cutoff, cancellationToken).ConfigureAwait(false);
            if (removed > 0)
            {
                Log.DeskCommandsPurged(logger, removed, cutoff);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DeskCommandPurgeFailed(logger, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Retention purged {Count} observations older than {Cutoff}")]
        public static partial void Purged(ILogger logger, long count, DateTimeOffset cutoff);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Retention purge failed; it will be retried")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Retention purged {Count} camera detection batches whose last frame is older than {Cutoff}")]
        public static partial void DetectionsPurged(ILogger logger, long count, DateTimeOffset cutoff);

        [LoggerMessage(EventId = 1104, Level = LogLevel.Error, Message = "Retention purge of camera detection batches failed; it will be retried")]
        public static partial void DetectionPurgeFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 1105, Level = LogLevel.Debug, Message = "Retention forgot {Count} applied desk command ids recorded before {Cutoff}")]
        public static partial void DeskCommandsPurged(ILogger logger, long count, DateTimeOffset cutoff);

        [LoggerMessage(EventId = 1106, Level = LogLevel.Error, Message = "Retention purge of applied desk command ids failed; it will be retried")]
        public static partial void DeskCommandPurgeFailed(ILogger logger, Exception exception);
    }
}
