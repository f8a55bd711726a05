namespace Vigil.Alerting.Delivery;

public static class WebhookOutcomes
{
    /// <summary>Classifies an HTTP status; 0 stands for no response (connection error or timeout).</summary>
    public static WebhookOutcome FromStatus(int status) => status switch
    {
        >= 200 and < 300 => WebhookOutcome.Delivered,
        0 or 408 or 425 or 429 or >= 500 => WebhookOutcome.Transient,
        _ => WebhookOutcome.Permanent,
    };
}
