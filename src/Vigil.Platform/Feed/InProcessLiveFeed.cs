using System.Collections.Concurrent;
using System.Threading.Channels;
using Vigil.Platform.Ports;

namespace Vigil.Platform.Feed;

/// <summary>
/// The embedded live feed: committed records fan out to each subscriber's bounded channel. A subscriber too slow to
/// keep 10,000 records behind is cut off rather than slowing everyone; its client reconnects with Last-Event-ID and
/// catches up from storage.
/// </summary>
public sealed class InProcessLiveFeed : ILiveFeed
{
    private const int SubscriberCapacity = 10_000;
    private static readonly TimeSpan GapGrace = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();
    private readonly Lock _order = new();
    private readonly SortedDictionary<long, FeedRecord> _held = [];
    private readonly Timer _gapTimer;

    // The sequence number expected next; 0 until the first record is seen.
    private long _next;

    public InProcessLiveFeed() => _gapTimer = new Timer(_ => ReleaseAfterGrace(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

    public int SubscriberCount => _subscribers.Count;

    public void Publish(IReadOnlyList<FeedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);

        // Several producers commit to the one feed log (the operations desk, the report desk) and publish from their
        // own threads after their commits complete, so records can arrive here out of sequence order. Clients skip
        // anything at or below the last id they saw, so an early record would hide a later-published earlier one:
        // records are released strictly in sequence order, holding back any that arrive ahead of a missing one.
        lock (_order)
        {
            if (_held.Count == 0 && IsContiguous(records))
            {
                Deliver(records);
                if (records.Count > 0)
                {
                    _next = records[^1].Seq + 1;
                }

                return;
            }

            foreach (var record in records)
            {
                if (record.Seq < _next)
                {
                    // Older than what went out already (a producer that lost a race by more than the grace period).
                    Deliver([record]);
                }
                else
                {
                    _held[record.Seq] = record;
                }
            }

            Release(force: false);
        }
    }

    public IFeedSubscription Subscribe()
    {
        var subscription = new Subscription(this);
        _subscribers[subscription] = 0;
        return subscription;
    }

    private bool IsContiguous(IReadOnlyList<FeedRecord> records)
    {
        var expected = _next;
        for (var i = 0; i < records.Count; i++)
        {
            if (expected != 0 && records[i].Seq != expected)
            {
                return false;
            }

            expected = records[i].Seq + 1;
        }

        return true;
    }

    /// <summary>Delivers held records from the next expected one on; with <paramref name="force"/>, across gaps too.</summary>
    private void Release(bool force)
    {
        var ready = new List<FeedRecord>(_held.Count);
        foreach (var (seq, record) in _held)
        {
            if (!force && _next != 0 && seq != _next)
            {
                break;
            }

            ready.Add(record);
            _next = seq + 1;
        }

        foreach (var record in ready)
        {
            _held.Remove(record.Seq);
        }

        Deliver(ready);
        if (_held.Count > 0)
        {
            // A gap that never fills (a producer stopped between commit and publish) must not stall the feed.
            _gapTimer.Change(GapGrace, Timeout.InfiniteTimeSpan);
        }
    }

    private void ReleaseAfterGrace()
    {
        lock (_order)
        {
            Release(force: true);
        }
    }

    private void Deliver(IReadOnlyList<FeedRecord> records)
    {
        foreach (var subscriber in _subscribers.Keys)
        {
            foreach (var record in records)
            {
                if (!subscriber.Writer.TryWrite(record))
                {
                    subscriber.Writer.TryComplete(new InvalidOperationException("Subscriber fell too far behind."));
                    _subscribers.TryRemove(subscriber, out _);
                    break;
                }
            }
        }
    }

    private sealed class Subscription : IFeedSubscription
    {
        private readonly InProcessLiveFeed _owner;
        private readonly Channel<FeedRecord> _channel = Channel.CreateBounded<FeedRecord>(
            new BoundedChannelOptions(SubscriberCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

        public Subscription(InProcessLiveFeed owner) => _owner = owner;

        public ChannelWriter<FeedRecord> Writer => _channel.Writer;

        public ChannelReader<FeedRecord> Reader => _channel.Reader;

        public void Dispose()
        {
            _owner._subscribers.TryRemove(this, out _);
            _channel.Writer.TryComplete();
        }
    }
}
