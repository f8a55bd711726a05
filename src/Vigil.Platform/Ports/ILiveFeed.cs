namespace Vigil.Platform.Ports;

/// <summary>
/// Fans committed feed records out to live subscribers (SSE clients). In-process by default; a message bus when
/// several nodes serve clients.
/// </summary>
public interface ILiveFeed
{
    void Publish(IReadOnlyList<FeedRecord> records);

    /// <summary>A subscription whose reader yields records published after it was made.</summary>
    IFeedSubscription Subscribe();
}
