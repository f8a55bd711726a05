namespace Vigil.Platform.Ports;

/// <summary>The tamper-evident audit trail: each entry's hash covers its content and the previous hash.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSeq, int limit, string? entityType, string? entityId, CancellationToken cancellationToken);

    /// <summary>Recomputes the whole chain; returns the sequence number of the first broken link, or null when intact.</summary>
    Task<long?> VerifyChainAsync(CancellationToken cancellationToken);
}
