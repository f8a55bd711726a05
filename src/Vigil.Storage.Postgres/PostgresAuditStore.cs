using Npgsql;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresAuditStore(PostgresDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            database.AppendAudit(connection, record);
            return true;
        }, cancellationToken);

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSeq, int limit, string? entityType, string? entityId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash FROM audit
            WHERE seq > $1 AND ($2::text IS NULL OR entity_type = $2) AND ($3::text IS NULL OR entity_id = $3)
            ORDER BY seq LIMIT $4
            """);
        command.Add(afterSeq).Add(entityType).Add(entityId).Add((int?)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var record = new AuditRecord(
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            entries.Add(new AuditEntry(reader.GetInt64(0), record, reader.GetString(8), reader.GetString(9)));
        }

        return entries;
    }

    public Task<long?> VerifyChainAsync(CancellationToken cancellationToken) => database.VerifyAuditChainAsync(cancellationToken);
}
