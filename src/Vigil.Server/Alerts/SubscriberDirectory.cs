using Vigil.Alerting.Cap;
using Vigil.Alerting.Delivery;
using Vigil.Alerting.Geo;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Server.Alerts;

/// <summary>
/// Matches an alert's area against every subscriber through the packed spatial index. The index is built from the store
/// on first use and rebuilt lazily after a subscriber is added or removed: alerts are rare and subscription changes are
/// cheap to batch, so no incremental index is needed.
/// </summary>
public sealed class SubscriberDirectory(ISubscriberStore store)
{
    private readonly SemaphoreSlim _rebuild = new(1, 1);
    private Snapshot? _snapshot;
    private long _version;

    /// <summary>Marks the index stale; the next match rebuilds it.</summary>
    public void Invalidate() => Interlocked.Increment(ref _version);

    /// <summary>
    /// One delivery per subscriber whose point lies in, or whose area intersects, the alert's polygons and circles:
    /// pending for webhooks, delivered at once to residents' inboxes.
    /// </summary>
    /// <param name="replaces">
    /// For an Update, the alert it replaces: subscribers of the old area are told too, so that someone whom the
    /// redrawn area leaves out learns that the warning no longer concerns them.
    /// </param>
    public async Task<IReadOnlyList<NewDelivery>> DeliveriesForAsync(CapAlert alert, CapAlert? replaces, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var footprint = AlertFootprint.Of(alert);
        if (replaces is not null)
        {
            var old = AlertFootprint.Of(replaces);
            for (var i = 0; i < old.PolygonCount; i++)
            {
                footprint.AddPolygon(old.Polygon(i));
            }

            for (var i = 0; i < old.CircleCount; i++)
            {
                footprint.AddCircle(old.Circle(i));
            }
        }

        if (footprint.IsEmpty)
        {
            return [];
        }

        var snapshot = await SnapshotAsync(cancellationToken).ConfigureAwait(false);
        var matches = new List<int>();
        snapshot.Index.Match(footprint, matches);
        var deliveries = new List<NewDelivery>(matches.Count);
        foreach (var position in matches)
        {
            var subscriber = snapshot.Subscribers[position];
            deliveries.Add(new NewDelivery(
                subscriber.Id,
                IdempotencyKey.For(subscriber.Id, alert),
                subscriber.Kind == SubscriberKind.Webhook ? DeliveryState.Pending : DeliveryState.Delivered));
        }

        return deliveries;
    }

    private async Task<Snapshot> SnapshotAsync(CancellationToken cancellationToken)
    {
        var version = Interlocked.Read(ref _version);
        if (Volatile.Read(ref _snapshot) is { } current && current.Version == version)
        {
            return current;
        }

        await _rebuild.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            version = Interlocked.Read(ref _version);
            if (_snapshot is { } fresh && fresh.Version == version)
            {
                return fresh;
            }

            // Read after taking the version: a change that lands during the read bumps the version again, so this
            // snapshot is at worst rebuilt once more, never kept stale.
            var stored = await store.ListAsync(cancellationToken).ConfigureAwait(false);
            var builder = new SubscriberIndexBuilder();
            var subscribers = new SubscriberView[stored.Count];
            for (var i = 0; i < stored.Count; i++)
            {
                subscribers[i] = stored[i].Subscriber;
                SubscriptionAreas.AddTo(builder, i, subscribers[i].Area);
            }

            var snapshot = new Snapshot(version, builder.Build(), subscribers);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
        finally
        {
            _rebuild.Release();
        }
    }

    private sealed record Snapshot(long Version, SubscriberIndex Index, SubscriberView[] Subscribers);
}
