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
}
