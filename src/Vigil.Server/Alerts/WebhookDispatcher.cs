using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Vigil.Alerting.Delivery;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;
using Vigil.Server.Configuration;

namespace Vigil.Server.Alerts;

/// <summary>
/// Posts due webhook deliveries from the durable outbox: the CAP XML as the body, signed with HMAC-SHA256 over the
/// timestamp and body (<see cref="WebhookSigner"/>), with the delivery's idempotency key. A failed attempt is retried
/// after an exponential backoff with jitter; after the last attempt, or when the receiver refuses the request for good
/// (a 4xx other than 408, 425 and 429), the delivery is dead-lettered for an operator to inspect and retry. So is a
/// delivery whose host now resolves to an internal address (<see cref="WebhookTargetGuard"/>), with that reason.
/// </summary>
public sealed partial class WebhookDispatcher(
    IDeliveryOutbox outbox, TimeProvider time, IOptions<AlertingOptions> options, WebhookTargetGuard guard, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string AttemptHeader = "Vigil-Delivery-Attempt";

    // Deliveries per lease; each batch is posted with bounded parallelism so one slow receiver does not hold up the rest.
    private const int Batch = 64;
    private const int Parallelism = 8;

    // One pending wake-up is as good as many: the dispatcher drains everything due when it wakes.
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks the dispatcher to look for due deliveries now (after an alert was issued or a dead letter requeued).</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var policy = new RetryPolicy { BaseDelay = o.WebhookRetryBaseDelay, MaxDelay = o.WebhookRetryMaxDelay, MaxAttempts = o.WebhookMaxAttempts };

        // A lease outlives the longest attempt, so a delivery is handed out again only when its result was lost.
        var lease = (o.WebhookTimeout * 2) + TimeSpan.FromSeconds(30);
        // The guard resolves and checks the host on every new connection. No proxy: through one, the proxy would resolve
        // the name and the check would see only the proxy's address.
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            UseProxy = false,
            ConnectCallback = guard.ConnectAsync,
        };
        using var http = new HttpClient(handler) { Timeout = o.WebhookTimeout };
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow();
                var due = await outbox.LeaseDueAsync(now, now + lease, Batch, stoppingToken).ConfigureAwait(false);
                if (due.Count > 0)
                {
                    await Parallel.ForEachAsync(
                        due,
                        new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
                        (delivery, ct) => new ValueTask(AttemptAsync(http, policy, delivery, ct))).ConfigureAwait(false);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The outbox keeps every delivery; a storage hiccup only delays them until the next round.
                Log.RoundFailed(logger, e);
            }

            var woken = _wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
            await Task.WhenAny(woken, Task.Delay(o.DeliveryPollInterval, time, stoppingToken)).ConfigureAwait(false);
            while (_wake.Reader.TryRead(out _))
            {
            }
        }
    }

    private async Task AttemptAsync(HttpClient http, RetryPolicy policy, DueDelivery delivery, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.CapXml);
        var signer = new WebhookSigner(Encoding.UTF8.GetBytes(delivery.Secret));
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(AlertAtomFeed.CapMediaType) { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, signer.Sign(time.GetUtcNow(), body));
        request.Headers.TryAddWithoutValidation(WebhookSigner.IdempotencyHeader, delivery.IdempotencyKey);
        request.Headers.TryAddWithoutValidation(AttemptHeader, delivery.Attempts.ToString(CultureInfo.InvariantCulture));

        int status;
        string? error = null;
        var refused = false;
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            if (status is < 200 or >= 300)
            {
                error = $"HTTP {status}";
            }
        }
        catch (HttpRequestException e)
        {
            status = 0;
            var refusal = WebhookTargetGuard.RefusalIn(e);
            refused = refusal is not null;
            error = refusal ?? e.Message;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            status = 0;
            error = "timed out";
        }

        var outcome = WebhookOutcomes.FromStatus(status);
        var now = time.GetUtcNow();
        if (outcome == WebhookOutcome.Delivered)
        {
            await outbox.CompleteAsync(delivery.Id, DeliveryState.Delivered, now, now, null, cancellationToken).ConfigureAwait(false);
            Log.Delivered(logger, delivery.AlertId, delivery.SubscriberId, delivery.Attempts);
        }
        else if (refused || outcome == WebhookOutcome.Permanent || delivery.Attempts >= policy.MaxAttempts)
        {
            await outbox.CompleteAsync(delivery.Id, DeliveryState.DeadLettered, now, now, error, cancellationToken).ConfigureAwait(false);
            Log.DeadLettered(logger, delivery.AlertId, delivery.SubscriberId, delivery.Attempts, error);
        }
        else
        {
            var retryAt = now + policy.DelayAfter(delivery.Attempts, Random.Shared.NextDouble());
            await outbox.CompleteAsync(delivery.Id, DeliveryState.Pending, now, retryAt, error, cancellationToken).ConfigureAwait(false);
            Log.WillRetry(logger, delivery.AlertId, delivery.SubscriberId, delivery.Attempts, error, retryAt);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "Alert {AlertId} delivered to subscriber {SubscriberId} on attempt {Attempt}")]
        public static partial void Delivered(ILogger logger, string alertId, long subscriberId, int attempt);

        [LoggerMessage(EventId = 1411, Level = LogLevel.Warning, Message = "Alert {AlertId} to subscriber {SubscriberId}: attempt {Attempt} failed ({Error}); retry at {RetryAt}")]
        public static partial void WillRetry(ILogger logger, string alertId, long subscriberId, int attempt, string? error, DateTimeOffset retryAt);

        [LoggerMessage(EventId = 1412, Level = LogLevel.Error, Message = "Alert {AlertId} to subscriber {SubscriberId} dead-lettered after {Attempts} attempts ({Error})")]
        public static partial void DeadLettered(ILogger logger, string alertId, long subscriberId, int attempts, string? error);

        [LoggerMessage(EventId = 1413, Level = LogLevel.Error, Message = "Webhook dispatch round failed; pending deliveries stay in the outbox")]
        public static partial void RoundFailed(ILogger logger, Exception exception);
    }
}
