namespace Vigil.Platform.Contracts;

/// <summary>One alert's delivery to one subscriber, as the outbox holds it.</summary>
public sealed record DeliveryView(
    long Id,
    long SubscriberId,
    string AlertId,
    string IdempotencyKey,
    DeliveryState State,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset DueAt,
    DateTimeOffset? DeliveredAt,
    string? LastError);
