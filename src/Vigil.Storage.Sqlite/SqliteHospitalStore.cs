using System.Text.Json;
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

    private Task<bool> Write(HospitalView hospital, AuditRecord audit, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        return database.WriteAsync(connection =>
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
        }, cancellationToken);
    }
}
