using System.Threading.Channels;

namespace Vigil.Platform.Ports;

public interface IFeedSubscription : IDisposable
{
    ChannelReader<FeedRecord> Reader { get; }
}
