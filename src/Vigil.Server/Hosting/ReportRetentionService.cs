using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Platform.Configuration;
using Vigil.Platform.Reports;

namespace Vigil.Server.Hosting;

/// <summary>Runs the report retention pass (<see cref="ReportRetention"/>) on start and then every PurgeInterval.</summary>
public sealed partial class ReportRetentionService(
    ReportRetention retention,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<ReportRetentionService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        do
        {
            try
            {
                var purged = await retention.PurgeDueAsync(stoppingToken).ConfigureAwait(false);
                if (purged > 0)
                {
                    Log.Purged(logger, purged, options.Value.ClosedReportDays);
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
        [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Retention removed personal data from {Count} reports closed more than {Days} days ago")]
        public static partial void Purged(ILogger logger, int count, int days);

        [LoggerMessage(EventId = 1112, Level = LogLevel.Error, Message = "Report retention pass failed; it will be retried")]
        public static partial void PurgeFailed(ILogger logger, Exception exception);
    }
}
