namespace Vigil.Platform.Contracts;

/// <summary>A subscriber as operators see it. The webhook secret and the resident's token are never part of it.</summary>
public sealed record SubscriberView(long Id, SubscriberKind Kind, string Name, string? Url, SubscriptionArea Area, DateTimeOffset CreatedAt);
