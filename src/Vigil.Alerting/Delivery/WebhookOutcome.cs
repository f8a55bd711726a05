namespace Vigil.Alerting.Delivery;

/// <summary>What an attempt's response means for the delivery.</summary>
public enum WebhookOutcome
{
    Delivered,

    /// <summary>Worth retrying: network errors, timeouts, 408, 425, 429 and 5xx.</summary>
    Transient,

    /// <summary>Not worth retrying: other 4xx (the request itself is refused).</summary>
    Permanent,
}
