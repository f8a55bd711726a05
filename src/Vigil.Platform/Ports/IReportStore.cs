using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// Residents' reports. Each change is committed with its audit record and the live-feed event that announces it, so
/// operators' consoles and the feed log never disagree.
/// </summary>
public interface IReportStore
{
    /// <summary>Stores a new report; returns the feed record announcing it ("report.created").</summary>
    Task<FeedRecord> AddAsync(ReportView report, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Replaces a report; returns the feed record ("report.updated"), or null when the ticket is unknown.</summary>
    Task<FeedRecord?> UpdateAsync(ReportView report, AuditRecord audit, CancellationToken cancellationToken);

    Task<ReportView?> GetAsync(string ticket, CancellationToken cancellationToken);

    /// <summary>Newest first; open ones only (received, in review, in progress) when <paramref name="openOnly"/>.</summary>
    Task<IReadOnlyList<ReportView>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken);

    Task<ReportPhoto?> GetPhotoAsync(string ticket, CancellationToken cancellationToken);

    /// <summary>Reports matching every filter of <paramref name="query"/>, newest first (Open311 and open-data reads).</summary>
    Task<IReadOnlyList<ReportView>> QueryAsync(ReportQuery query, CancellationToken cancellationToken);
}
