using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>Alarms, incidents, units and the live-feed log.</summary>
public interface IOperationsStore
{
    Task<OperationsSnapshot> LoadOpenAsync(CancellationToken cancellationToken);

    /// <summary>Commits the change set atomically; returns the feed records it appended, with their sequence numbers.</summary>
    Task<IReadOnlyList<FeedRecord>> CommitAsync(ChangeSet changes, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlarmView>> ListAlarmsAsync(AlarmQuery query, CancellationToken cancellationToken);

    Task<AlarmView?> GetAlarmAsync(long id, CancellationToken cancellationToken);

    /// <summary>Whether any alarm, open or cleared, was raised with this source key (see <c>Alarm.SourceKey</c>).</summary>
    Task<bool> AlarmExistsForSourceAsync(string sourceKey, CancellationToken cancellationToken);

    /// <summary>The stored reply of a forwarded command committed with <see cref="ChangeSet.Commands"/>; null if it was never applied.</summary>
    Task<string?> FindAppliedCommandAsync(string commandId, CancellationToken cancellationToken);

    /// <summary>Forgets applied commands recorded before <paramref name="before"/>; returns how many.</summary>
    Task<long> PurgeAppliedCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken);

    Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken);

    Task<IncidentView?> GetIncidentAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<UnitView>> ListUnitsAsync(CancellationToken cancellationToken);

    /// <summary>Feed records after <paramref name="afterSeq"/>, oldest first, for clients that resume.</summary>
    Task<IReadOnlyList<FeedRecord>> ReadFeedAsync(long afterSeq, int limit, CancellationToken cancellationToken);
}
