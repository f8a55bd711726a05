namespace Vigil.Server.Alerts;

/// <summary>A webhook's host is, or resolves to, an address webhooks may not reach (loopback, private, link-local…).</summary>
public sealed class WebhookTargetRefusedException : Exception
{
    public WebhookTargetRefusedException()
    {
    }

    public WebhookTargetRefusedException(string message)
        : base(message)
    {
    }

    public WebhookTargetRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
