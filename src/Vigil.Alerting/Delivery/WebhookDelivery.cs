namespace Vigil.Alerting.Delivery;

/// <summary>One message on its way to one webhook endpoint.</summary>
public sealed record WebhookDelivery
{
    public required long Id { get; init; }

    public required long SubscriberId { get; init; }

    public required string Endpoint { get; init; }

    public required string IdempotencyKey { get; init; }

    public required ReadOnlyMemory<byte> Body { get; init; }

    public WebhookDeliveryState State { get; init; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; init; }

    public DateTimeOffset DueAt { get; init; }

    public string? LastError { get; init; }
}
