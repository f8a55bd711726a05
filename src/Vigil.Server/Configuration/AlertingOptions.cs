using System.ComponentModel.DataAnnotations;

namespace Vigil.Server.Configuration;

/// <summary>Public warnings (section "Vigil:Alerting").</summary>
public sealed class AlertingOptions
{
    public const string Section = "Vigil:Alerting";

    /// <summary>
    /// CAP <c>sender</c>: the alerting authority's globally unique identifier, conventionally an address at its domain.
    /// Receivers key alerts on sender and identifier together, so it must not change once alerts are published.
    /// </summary>
    [Required]
    [RegularExpression("^[^\\s,<&]+$", ErrorMessage = "A CAP sender has no spaces, commas, '<' or '&'.")]
    public string Sender { get; set; } = "alerts@vigil.local";

    /// <summary>Shown to the public as who issued the warning (CAP <c>senderName</c>).</summary>
    [Required]
    public string SenderName { get; set; } = "City Emergency Management";

    /// <summary>How long an alert stays in force when the author gives no expiry; aggregators such as Google require one.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00")]
    public TimeSpan DefaultValidity { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How often district air quality is checked for advisories.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AirQualityCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Issue air-quality advisories without a supervisor's approval. Off by default: a person approves public warnings
    /// unless the city decides otherwise; when on, the audit trail names the policy as the approver.
    /// </summary>
    public bool AirQualityAutoIssue { get; set; }

    /// <summary>
    /// Let webhooks reach loopback, private, link-local and other internal addresses. Off by default, so that a subscriber
    /// cannot aim the server at itself or its own network; on for on-premises receivers (and tests with a local one).
    /// </summary>
    public bool AllowPrivateWebhookTargets { get; set; }

    /// <summary>How long a webhook receiver may take to answer one delivery before the attempt counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per webhook delivery, the first included; after the last failure it is dead-lettered.</summary>
    [Range(1, 50)]
    public int WebhookMaxAttempts { get; set; } = 10;

    /// <summary>The backoff before the first retry; it doubles per attempt up to <see cref="WebhookRetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// How often the dispatcher looks for due retries. New deliveries wake it at once; this bounds how late a retry may
    /// start after its backoff ends.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DeliveryPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
