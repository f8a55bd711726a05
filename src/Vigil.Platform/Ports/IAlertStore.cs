using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// Public warnings (CAP alerts) through draft, approval and cancellation. Changes are committed together with their
/// audit records and feed events, so that a cancellation and the Cancel message that announces it land at once.
/// </summary>
public interface IAlertStore
{
    /// <summary>Inserts or replaces each alert; returns the feed records, in order.</summary>
    Task<IReadOnlyList<FeedRecord>> SaveAsync(IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken);

    Task<StoredAlert?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Newest draft first; only those in <paramref name="status"/> when given.</summary>
    Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken);
}
