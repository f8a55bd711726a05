using Vigil.Platform.Contracts;

namespace Vigil.Platform.Ports;

/// <summary>
/// Residents' reports. Each change is committed with its audit record and the live-feed event that announces it, so
/// operators' consoles and the feed log never disagree. Contact details live beside the document, sealed
/// (<see cref="Privacy.ContactCipher"/>): the store never sees them in clear.
/// </summary>
public interface IReportStore
{
    /// <summary>Stores a new report with its sealed contact; returns the feed record announcing it ("report.created").</summary>
    Task<FeedRecord> AddAsync(ReportView report, string? sealedContact, ReportPhoto? photo, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Replaces a report; returns the feed record ("report.updated"), or null when the ticket is unknown.</summary>
    Task<FeedRecord?> UpdateAsync(ReportView report, AuditRecord audit, CancellationToken cancellationToken);

    Task<ReportView?> GetAsync(string ticket, CancellationToken cancellationToken);

    /// <summary>Newest first; open ones only (received, in review, in progress) when <paramref name="openOnly"/>.</summary>
    Task<IReadOnlyList<ReportView>> ListAsync(bool openOnly, int limit, CancellationToken cancellationToken);

    Task<ReportPhoto?> GetPhotoAsync(string ticket, CancellationToken cancellationToken);

    /// <summary>Reports matching every filter of <paramref name="query"/>, newest first (Open311 and open-data reads).</summary>
    Task<IReadOnlyList<ReportView>> QueryAsync(ReportQuery query, CancellationToken cancellationToken);

    /// <summary>The sealed contact of a report, or null when it has none (or the ticket is unknown).</summary>
    Task<string?> GetSealedContactAsync(string ticket, CancellationToken cancellationToken);

    /// <summary>Sealed contacts in ticket order after <paramref name="afterTicket"/>, for a re-encrypt pass.</summary>
    Task<IReadOnlyList<SealedContact>> ListSealedContactsAsync(string? afterTicket, int limit, CancellationToken cancellationToken);

    /// <summary>Replaces a sealed contact only if it is still <paramref name="expected"/>; false when it changed meanwhile.</summary>
    Task<bool> ResealContactAsync(string ticket, string expected, string replacement, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>Resolved or dismissed reports, not yet purged, last changed before <paramref name="closedBefore"/>; oldest first.</summary>
    Task<IReadOnlyList<ReportView>> ListPurgeDueAsync(DateTimeOffset closedBefore, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="purged"/> (the report with personal data removed) and drops its contact and photo, in one
    /// transaction with the audit record; null when the report is gone, reopened, or already purged.
    /// </summary>
    Task<FeedRecord?> PurgeAsync(ReportView purged, AuditRecord audit, CancellationToken cancellationToken);
}
