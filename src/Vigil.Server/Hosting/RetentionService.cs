using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Ports;

namespace Vigil.Server.Hosting;

/// <summary>Purges observations older than the retention period, on start and then periodically.</summary>
public sealed partial class RetentionService(
    IObservationStore store,
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
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Retention purged {Count} observations older than {Cutoff}")]
        public static partial void Purged(ILogger logger, long count, DateTimeOffset cutoff);

        [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Retention purge failed; it will be retried")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
