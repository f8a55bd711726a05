namespace Vigil.Platform.Ports;

/// <summary>The tamper-evident audit trail: each entry's hash covers its content and the previous hash.</summary>
public interface IAuditStore
{
    Task AppendAsync(AuditRecord record, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSeq, int limit, string? entityType, string? entityId, CancellationToken cancellationToken);
}
