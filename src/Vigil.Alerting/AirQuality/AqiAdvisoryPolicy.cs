namespace Vigil.Alerting.AirQuality;

/// <summary>When an AQI reading turns into a public health advisory, and whether it may go out without a supervisor.</summary>
public sealed record AqiAdvisoryPolicy
{
    public required string Sender { get; init; }

    /// <summary>The lowest category that prompts an advisory; EPA advises action from "Unhealthy for Sensitive Groups".</summary>
    public AqiCategory Threshold { get; init; } = AqiCategory.UnhealthyForSensitiveGroups;

    /// <summary>Issue without approval. Off by default: a person approves public warnings unless the city decides otherwise.</summary>
    public bool AutoIssue { get; init; }

    /// <summary>How long the advisory stays in force unless updated; hourly NowCast readings will refresh it.</summary>
    public TimeSpan Validity { get; init; } = TimeSpan.FromHours(6);

    public string SenderName { get; init; } = "City Air Quality Monitoring";
}
