namespace Vigil.Server.Tests.Infrastructure;

/// <summary>The real server with webhook retries shortened from minutes to milliseconds, so that a test sees the whole schedule.</summary>
public sealed class DeliveryServer : VigilServer
{
    public const int MaxAttempts = 3;

    public DeliveryServer()
        : base(new Dictionary<string, string?>
        {
            ["Vigil:Alerting:WebhookMaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Vigil:Alerting:WebhookRetryBaseDelay"] = "00:00:00.050",
            ["Vigil:Alerting:WebhookRetryMaxDelay"] = "00:00:00.200",
            ["Vigil:Alerting:WebhookTimeout"] = "00:00:05",
            ["Vigil:Alerting:DeliveryPollInterval"] = "00:00:00.050",

            // The test receivers listen on loopback, which webhooks may not reach by default.
            ["Vigil:Alerting:AllowPrivateWebhookTargets"] = "true",
        })
    {
    }
}
