using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteObservationStore(SqliteDatabase database) : IObservationStore
{
    public ValueTask<AppendOutcome> AppendAsync(IngestBatch batch, CancellationToken cancellationToken) =>
        new(database.WriteAsync(connection => database.Observations.Append(connection, batch), cancellationToken));

    public Task MarkPublishedAsync(IReadOnlyList<BatchKey> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM ingest_unpublished WHERE device = $d AND batch_id = $b";
            var device = command.Parameters.Add("$d", Microsoft.Data.Sqlite.SqliteType.Integer);
            var batchId = command.Parameters.Add("$b", Microsoft.Data.Sqlite.SqliteType.Text);
            foreach (var key in batches)
            {
                device.Value = key.DeviceOrdinal;
                batchId.Value = key.BatchId;
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<UnpublishedBatch>> ReadUnpublishedAsync(long receivedBeforeMs, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT device, batch_id, received_ms, rows FROM ingest_unpublished WHERE received_ms < $c ORDER BY received_ms LIMIT $n";
        command.Parameters.AddWithValue("$c", receivedBeforeMs);
        command.Parameters.AddWithValue("$n", limit);
        using var reader = command.ExecuteReader();
        var batches = new List<UnpublishedBatch>();
        while (reader.Read())
        {
            batches.Add(new UnpublishedBatch(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), (byte[])reader[3]));
        }

        return Task.FromResult<IReadOnlyList<UnpublishedBatch>>(batches);
    }

    public Task<IReadOnlyList<StoredObservation>> ReadAsync(int deviceOrdinal, int? quantityIndex, long fromMs, long toMs, int limit, CancellationToken cancellationToken)
    {
        var points = new List<StoredObservation>();
        using (var connection = database.OpenReader())
        {
            using var blocks = connection.CreateCommand();
            blocks.CommandText = """
                SELECT quantity, data FROM obs_blocks
                WHERE device = $d AND t1 >= $from AND t0 <= $to AND ($q IS NULL OR quantity = $q)
                ORDER BY t0
                """;
            blocks.Parameters.AddWithValue("$d", deviceOrdinal);
            blocks.Parameters.AddWithValue("$from", fromMs);
            blocks.Parameters.AddWithValue("$to", toMs);
            blocks.Parameters.AddWithValue("$q", quantityIndex.HasValue ? quantityIndex.Value : DBNull.Value);
            using (var reader = blocks.ExecuteReader())
            {
                while (reader.Read())
                {
                    ObservationWriter.Unpack((byte[])reader[1], points, reader.GetInt32(0), fromMs, toMs);
                }
            }

            using var recent = connection.CreateCommand();
            recent.CommandText = """
                SELECT quantity, ts, value FROM obs_recent
                WHERE device = $d AND ts BETWEEN $from AND $to AND ($q IS NULL OR quantity = $q)
                """;
            recent.Parameters.AddWithValue("$d", deviceOrdinal);
            recent.Parameters.AddWithValue("$from", fromMs);
            recent.Parameters.AddWithValue("$to", toMs);
            recent.Parameters.AddWithValue("$q", quantityIndex.HasValue ? quantityIndex.Value : DBNull.Value);
            using var rows = recent.ExecuteReader();
            while (rows.Read())
            {
                points.Add(new StoredObservation(rows.GetInt64(1), rows.GetInt32(0), rows.GetDouble(2)));
            }
        }

        points.Sort(static (a, b) => a.TimestampMs.CompareTo(b.TimestampMs));
        if (points.Count > limit)
        {
            points.RemoveRange(limit, points.Count - limit);
        }

        return Task.FromResult<IReadOnlyList<StoredObservation>>(points);
    }

    public Task<long> PurgeAsync(long cutoffMs, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            long removed = 0;
            using (var count = connection.CreateCommand())
            {
                count.CommandText = "SELECT COALESCE(SUM(n), 0) FROM obs_blocks WHERE t1 < $c";
                count.Parameters.AddWithValue("$c", cutoffMs);
                removed = (long)count.ExecuteScalar()!;
            }

            // Rows not yet folded into blocks count too: the caller asked how many observations went.
            using (var recent = connection.CreateCommand())
            {
                recent.CommandText = "DELETE FROM obs_recent WHERE ts < $c";
                recent.Parameters.AddWithValue("$c", cutoffMs);
                removed += recent.ExecuteNonQuery();
            }

            using var purge = connection.CreateCommand();
            purge.CommandText = """
                DELETE FROM obs_blocks WHERE t1 < $c;
                DELETE FROM ingest_batches WHERE received_ms < $c;
                DELETE FROM ingest_unpublished WHERE received_ms < $c;
                """;
            purge.Parameters.AddWithValue("$c", cutoffMs);
            purge.ExecuteNonQuery();
            database.Observations.ResetPendingCount();
            return removed;
        }, cancellationToken);
}
