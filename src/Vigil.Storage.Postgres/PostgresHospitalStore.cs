using System.Text.Json;
using Npgsql;
using Vigil.Platform.Hospitals;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresHospitalStore(PostgresDatabase database) : IHospitalStore
{
    public async Task<IReadOnlyList<HospitalView>> ListAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text FROM hospitals ORDER BY id");
        return await Sql.ReadDocsAsync(command, HospitalJson.Default.HospitalView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HospitalView?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text FROM hospitals WHERE id = $1");
        command.Add(id);
        return await Sql.ReadDocAsync(command, HospitalJson.Default.HospitalView, cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> AddAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken) =>
        Write(hospital, audit, "INSERT INTO hospitals (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", cancellationToken);

    public Task<bool> UpdateAsync(HospitalView hospital, AuditRecord audit, CancellationToken cancellationToken) =>
        Write(hospital, audit, "UPDATE hospitals SET doc = $2 WHERE id = $1", cancellationToken);

    public Task<FeedRecord?> UpdateAndAnnounceAsync(HospitalView hospital, AuditRecord audit, string feedType, string feedJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        ArgumentNullException.ThrowIfNull(audit);
        return database.WriteAsync<FeedRecord?>(connection =>
            Write(connection, hospital, audit, "UPDATE hospitals SET doc = $2 WHERE id = $1")
                ? Sql.AppendFeed(connection, feedType, audit.At, feedJson)
                : null,
            cancellationToken);
    }

    private Task<bool> Write(HospitalView hospital, AuditRecord audit, string sql, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hospital);
        return database.WriteAsync(connection => Write(connection, hospital, audit, sql), cancellationToken);
    }

    private bool Write(NpgsqlConnection connection, HospitalView hospital, AuditRecord audit, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.Add(hospital.Id).AddJson(JsonSerializer.Serialize(hospital, HospitalJson.Default.HospitalView));
        if (command.ExecuteNonQuery() == 0)
        {
            return false;
        }

        database.AppendAudit(connection, audit);
        return true;
    }
}
