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
    private readonly ConcurrentDictionary<Subscription, byte> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public void Publish(IReadOnlyList<FeedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
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

    public IFeedSubscription Subscribe()
    {
        var subscription = new Subscription(this);
        _subscribers[subscription] = 0;
        return subscription;
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
