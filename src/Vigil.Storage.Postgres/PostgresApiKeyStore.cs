using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresApiKeyStore(PostgresDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, key_hash, created_at, created_by, revoked_at";

    public Task<bool> AddAsync(ApiKeyRecord key, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand($"INSERT INTO api_keys ({Columns}) VALUES ($1, $2, $3, $4, $5, NULL) ON CONFLICT DO NOTHING", connection);
            command.Add(key.Id).Add(key.Name).Add(key.KeyHash).Add((DateTimeOffset?)key.CreatedAt).Add(key.CreatedBy);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public async Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM api_keys WHERE key_hash = $1");
        command.Add(keyHash);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand($"SELECT {Columns} FROM api_keys ORDER BY created_at, id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKeyRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(Read(reader));
        }

        return keys;
    }

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("UPDATE api_keys SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL", connection);
            command.Add(id).Add((DateTimeOffset?)at);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    private static ApiKeyRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
}
