using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>Who receives public warnings, and for which area.</summary>
public interface ISubscriberStore
{
    Task<SubscriberView> AddAsync(NewSubscriber subscriber, CancellationToken cancellationToken);

    /// <summary>Every subscriber, oldest first, with webhook secrets: what the matcher's spatial index is built from.</summary>
    Task<IReadOnlyList<StoredSubscriber>> ListAsync(CancellationToken cancellationToken);

    Task<SubscriberView?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Removes the subscriber and its deliveries (pending ones included); false when there was none.</summary>
    Task<bool> RemoveAsync(long id, CancellationToken cancellationToken);
}
