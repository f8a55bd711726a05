using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Hospitals;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteHospitalStore(SqliteDatabase database) : IHospitalStore
{
    public Task<IReadOnlyList<HospitalView>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM hospitals ORDER BY id";
        using var reader = command.ExecuteReader();
        var hospitals = new List<HospitalView>();
        while (reader.Read())
        {
            hospitals.Add(JsonSerializer.Deserialize(reader.GetString(0), HospitalJson.Default.HospitalView)!);
        }

        return Task.FromResult<IReadOnlyList<HospitalView>>(hospitals);
    }

    public Task<HospitalView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM hospitals WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return Task.FromResult(command.ExecuteScalar() is string json ? JsonSerializer.Deserialize(json, HospitalJson.Default.HospitalView) : null);
    }

    public Task<bool> AddAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken) =>
        Write(hospital, audit, "INSERT INTO hospitals (id, doc) VALUES ($id, $doc) ON CONFLICT (id) DO NOTHING", cancellationToken);

    public Task<bool> UpdateAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken) =>
        Write(hospital, audit, "UPDATE hospitals SET doc = $doc WHERE id = $id", cancellationToken);

    public Task<FeedRecord?> UpdateAndAnnounceAsync(HospitalView hospital, AuditRecord audit, string feedType, string feedJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        ArgumentNullException.ThrowIfNull(audit);
        return database.WriteAsync<FeedRecord?>(connection =>
        {
            if (!Write(connection, hospital, audit, "UPDATE hospitals SET doc = $doc WHERE id = $id"))
            {
                return null;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO feed (type, at, data) VALUES ($t, $at, $d) RETURNING seq";
            command.Parameters.AddWithValue("$t", feedType);
            command.Parameters.AddWithValue("$at", audit.At.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$d", feedJson);
            return new FeedRecord((long)command.ExecuteScalar()!, feedType, audit.At, feedJson);
        }, cancellationToken);
    }

    private Task<bool> Write(HospitalView hospital, AuditRecord audit, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        return database.WriteAsync(connection => Write(connection, hospital, audit, sql), cancellationToken);
    }

    private bool Write(SqliteConnection connection, HospitalView hospital, AuditRecord audit, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", hospital.Id);
        command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(hospital, HospitalJson.Default.HospitalView));
        if (command.ExecuteNonQuery() == 0)
        {
            return false;
        }

        database.AppendAudit(connection, audit);
        return true;
    }
}
