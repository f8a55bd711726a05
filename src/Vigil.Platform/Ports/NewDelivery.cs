using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// A delivery written with the alert change that causes it, in the same transaction, so that an issued alert never
/// lacks its deliveries (the transactional outbox). Webhooks start <see cref="DeliveryState.Pending"/>; residents'
/// inbox entries are <see cref="DeliveryState.Delivered"/> at once.
/// </summary>
public sealed record NewDelivery(long SubscriberId, string IdempotencyKey, DeliveryState State);
