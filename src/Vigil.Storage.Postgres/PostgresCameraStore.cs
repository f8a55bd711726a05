using System.Text.Json;
using Npgsql;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresCameraStore(PostgresDatabase database) : ICameraStore
{
    public async Task<IReadOnlyList<CameraConfigView>> ListConfigsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text FROM camera_configs ORDER BY camera_id");
        return await Sql.ReadDocsAsync(command, CameraJson.Default.CameraConfigView, cancellationToken).ConfigureAwait(false);
    }

    public Task SaveConfigAsync(CameraConfigView config, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO camera_configs (camera_id, doc) VALUES ($1, $2)
                ON CONFLICT (camera_id) DO UPDATE SET doc = excluded.doc
                """, connection);
            command.Add(config.CameraId).AddJson(JsonSerializer.Serialize(config, CameraJson.Default.CameraConfigView));
            command.ExecuteNonQuery();
            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteConfigAsync(string cameraId, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM camera_configs WHERE camera_id = $1", connection);
            command.Add(cameraId);
            if (command.ExecuteNonQuery() == 0)
            {
                return false;
            }

            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);

    public Task<AppendOutcome> AppendDetectionsAsync(string cameraId, string batchId, DateTimeOffset firstFrame, DateTimeOffset lastFrame, string framesJson, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("""
                INSERT INTO camera_batches (camera_id, batch_id, first_frame, last_frame, frames) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (camera_id, batch_id) DO NOTHING
                """, connection);
            command.Add(cameraId).Add(batchId).Add((DateTimeOffset?)firstFrame).Add((DateTimeOffset?)lastFrame).AddJson(framesJson);
            return command.ExecuteNonQuery() == 0 ? AppendOutcome.Duplicate : AppendOutcome.Stored;
        }, cancellationToken);

    public async Task<int> CountDetectionBatchesAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT count(*)::int FROM camera_batches WHERE camera_id = $1 AND last_frame >= $2");
        command.Add(cameraId).Add((DateTimeOffset?)since);
        return (int)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public Task<long> PurgeDetectionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM camera_batches WHERE last_frame < $1", connection);
            command.Add((DateTimeOffset?)cutoff);
            return (long)command.ExecuteNonQuery();
        }, cancellationToken);
}
