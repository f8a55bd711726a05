using System.Globalization;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteApiKeyStore(SqliteDatabase database) : IApiKeyStore
{
    private const string Columns = "id, name, key_hash, created_at, created_by, revoked_at";

    public Task<bool> AddAsync(ApiKeyRecord key, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"INSERT OR IGNORE INTO api_keys ({Columns}) VALUES ($id, $n, $h, $c, $by, NULL)";
            command.Parameters.AddWithValue("$id", key.Id);
            command.Parameters.AddWithValue("$n", key.Name);
            command.Parameters.AddWithValue("$h", key.KeyHash);
            command.Parameters.AddWithValue("$c", Text(key.CreatedAt));
            command.Parameters.AddWithValue("$by", key.CreatedBy);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public Task<ApiKeyRecord?> FindByHashAsync(string keyHash, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE key_hash = $h";
        command.Parameters.AddWithValue("$h", keyHash);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? Read(reader) : null);
    }

    public Task<IReadOnlyList<ApiKeyRecord>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        var keys = new List<ApiKeyRecord>();
        while (reader.Read())
        {
            keys.Add(Read(reader));
        }

        return Task.FromResult<IReadOnlyList<ApiKeyRecord>>(keys);
    }

    public Task<bool> RevokeAsync(string id, DateTimeOffset at, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
            command.Parameters.AddWithValue("$id", id);
            command.Parameters.AddWithValue("$at", Text(at));
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static ApiKeyRecord Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        reader.GetString(4),
        reader.IsDBNull(5) ? null : DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture));
}
