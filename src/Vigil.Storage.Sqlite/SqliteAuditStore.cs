using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteAuditStore(SqliteDatabase database) : IAuditStore
{
    public Task AppendAsync(AuditRecord record, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            database.AppendAudit(connection, record);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> ListAsync(long afterSeq, int limit, string? entityType, string? entityId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT seq, at, actor, action, entity_type, entity_id, before, after, prev_hash, hash FROM audit
            WHERE seq > $after AND ($type IS NULL OR entity_type = $type) AND ($id IS NULL OR entity_id = $id)
            ORDER BY seq LIMIT $limit
            """;
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$type", (object?)entityType ?? DBNull.Value);
        command.Parameters.AddWithValue("$id", (object?)entityId ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var entries = new List<AuditEntry>();
        while (reader.Read())
        {
            var record = new AuditRecord(
                DateTimeOffset.Parse(reader.GetString(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7));
            entries.Add(new AuditEntry(reader.GetInt64(0), record, reader.GetString(8), reader.GetString(9)));
        }

        return Task.FromResult<IReadOnlyList<AuditEntry>>(entries);
    }

    public Task<long?> VerifyChainAsync(CancellationToken cancellationToken) => Task.FromResult(database.VerifyAuditChain());
}
