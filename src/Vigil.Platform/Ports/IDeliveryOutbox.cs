using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// The durable outbox of alert deliveries. Deliveries are written with their alert (<see cref="AlertChange.Deliveries"/>);
/// dispatchers lease the due ones, post them and record the result. A lease that is never completed (a crash) ends and
/// the delivery is handed out again: delivery is at-least-once, and receivers de-duplicate by idempotency key.
/// </summary>
public interface IDeliveryOutbox
{
    /// <summary>
    /// Leases up to <paramref name="max"/> webhook deliveries due at <paramref name="now"/> (pending, or in flight with
    /// an expired lease), counting an attempt on each and making it due again at <paramref name="leaseUntil"/>.
    /// </summary>
    Task<IReadOnlyList<DueDelivery>> LeaseDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt's result: <see cref="DeliveryState.Delivered"/>, <see cref="DeliveryState.DeadLettered"/>, or
    /// <see cref="DeliveryState.Pending"/> again, due at <paramref name="dueAt"/>. Ignored (false) unless the delivery is
    /// still in flight, so a late result of an expired lease cannot undo a newer one.
    /// </summary>
    Task<bool> CompleteAsync(long id, DeliveryState state, DateTimeOffset at, DateTimeOffset dueAt, string? error, CancellationToken cancellationToken);

    /// <summary>Newest first; only those in <paramref name="state"/>, or to <paramref name="subscriberId"/>, when given.</summary>
    Task<IReadOnlyList<DeliveryView>> ListAsync(DeliveryState? state, long? subscriberId, int limit, CancellationToken cancellationToken);

    /// <summary>Puts a dead letter back in the queue, due now, with a fresh attempt budget; false if it is not a dead letter.</summary>
    Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The alerts delivered to a subscriber, newest first.</summary>
    Task<IReadOnlyList<AlertView>> InboxAsync(long subscriberId, int limit, CancellationToken cancellationToken);
}
