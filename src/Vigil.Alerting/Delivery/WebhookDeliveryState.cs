namespace Vigil.Alerting.Delivery;

/// <summary>Values are persisted; do not renumber.</summary>
public enum WebhookDeliveryState
{
    Pending = 0,
    InFlight = 1,
    Delivered = 2,
    DeadLettered = 3,
}
