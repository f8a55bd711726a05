using System.Globalization;
using System.Text.Json;
using Vigil.Platform.Cameras;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteCameraStore(SqliteDatabase database) : ICameraStore
{
    public Task<IReadOnlyList<CameraConfigView>> ListConfigsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM camera_configs ORDER BY camera_id";
        using var reader = command.ExecuteReader();
        var configs = new List<CameraConfigView>();
        while (reader.Read())
        {
            configs.Add(JsonSerializer.Deserialize(reader.GetString(0), CameraJson.Default.CameraConfigView)!);
        }

        return Task.FromResult<IReadOnlyList<CameraConfigView>>(configs);
    }

    public Task SaveConfigAsync(CameraConfigView config, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(config);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO camera_configs (camera_id, doc) VALUES ($id, $doc)
                ON CONFLICT (camera_id) DO UPDATE SET doc = excluded.doc
                """;
            command.Parameters.AddWithValue("$id", config.CameraId);
            command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(config, CameraJson.Default.CameraConfigView));
            command.ExecuteNonQuery();
            database.AppendAudit(connection, audit);
            return true;
        }, cancellationToken);
    }

    public Task<bool> DeleteConfigAsync(string cameraId, AuditRecord audit, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM camera_configs WHERE camera_id = $id";
            command.Parameters.AddWithValue("$id", cameraId);
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
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO camera_batches (camera_id, batch_id, first_frame, last_frame, frames) VALUES ($c, $b, $f, $l, $j)
                ON CONFLICT (camera_id, batch_id) DO NOTHING
                """;
            command.Parameters.AddWithValue("$c", cameraId);
            command.Parameters.AddWithValue("$b", batchId);
            command.Parameters.AddWithValue("$f", firstFrame.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$l", lastFrame.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$j", framesJson);
            return command.ExecuteNonQuery() == 0 ? AppendOutcome.Duplicate : AppendOutcome.Stored;
        }, cancellationToken);

    public Task<int> CountDetectionBatchesAsync(string cameraId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM camera_batches WHERE camera_id = $c AND last_frame >= $s";
        command.Parameters.AddWithValue("$c", cameraId);
        command.Parameters.AddWithValue("$s", since.ToUnixTimeMilliseconds());
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public Task<long> PurgeDetectionsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM camera_batches WHERE last_frame < $c";
            command.Parameters.AddWithValue("$c", cutoff.ToUnixTimeMilliseconds());
            return (long)command.ExecuteNonQuery();
        }, cancellationToken);
}
