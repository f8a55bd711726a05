using Npgsql;
using NpgsqlTypes;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

/// <summary>
/// Observations in daily partitions. A batch is written with binary COPY, together with its row in ingest_batches in the
/// same transaction: a batch id seen before stores nothing, and a batch is either wholly stored or not at all. The same
/// transaction records the batch as unpublished until the bus confirms it (see <see cref="PublishOutbox"/>).
/// </summary>
public sealed class PostgresObservationStore(PostgresDatabase database) : IObservationStore
{
    private const string PartitionMissing = "23514";

    public ValueTask<AppendOutcome> AppendAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (!NeedsPartitions(batch))
        {
            return new ValueTask<AppendOutcome>(database.WriteAsync(connection => Append(connection, batch), cancellationToken));
        }

        return AppendWithRetryAsync(batch, cancellationToken);
    }

    public Task MarkPublishedAsync(IReadOnlyList<BatchKey> batches, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batches);
        return database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM ingest_unpublished WHERE device = $1 AND batch_id = $2", connection);
            var device = new NpgsqlParameter<int>();
            var batchId = new NpgsqlParameter<string>();
            command.Parameters.Add(device);
            command.Parameters.Add(batchId);
            foreach (var key in batches)
            {
                device.TypedValue = key.DeviceOrdinal;
                batchId.TypedValue = key.BatchId;
                command.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<UnpublishedBatch>> ReadUnpublishedAsync(long receivedBeforeMs, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT device, batch_id, received_at, rows FROM ingest_unpublished WHERE received_at < $1 ORDER BY received_at LIMIT $2");
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Clamp(receivedBeforeMs), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var batches = new List<UnpublishedBatch>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            batches.Add(new UnpublishedBatch(reader.GetInt32(0), reader.GetString(1), PostgresDatabase.ToMs(reader.GetDateTime(2)), (byte[])reader[3]));
        }

        return batches;
    }

    public async Task<IReadOnlyList<StoredObservation>> ReadAsync(int deviceOrdinal, int? quantityIndex, long fromMs, long toMs, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT quantity, ts, value FROM observations
            WHERE device = $1 AND ts BETWEEN $2 AND $3 AND ($4::smallint IS NULL OR quantity = $4)
            ORDER BY ts, quantity LIMIT $5
            """);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = deviceOrdinal });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Clamp(fromMs), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = Clamp(toMs), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = quantityIndex.HasValue ? (short)quantityIndex.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var points = new List<StoredObservation>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            points.Add(new StoredObservation(PostgresDatabase.ToMs(reader.GetDateTime(1)), reader.GetInt16(0), reader.GetDouble(2)));
        }

        return points;
    }

    /// <summary>
    /// Drops every daily partition that lies wholly before the cut-off (no row-by-row delete, no bloat), deletes the
    /// older rows of the one partition the cut-off falls in, and forgets batch ids received before it: all in one
    /// transaction. Then makes sure the partitions ahead exist again.
    /// </summary>
    public async Task<long> PurgeAsync(long cutoffMs, CancellationToken cancellationToken)
    {
        var cutoffDay = PostgresDatabase.DayOf(cutoffMs);
        var cutoff = Clamp(cutoffMs);
        var dropped = new List<long>();
        long removed = 0;
        await using (var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var lockPartitions = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext(current_schema() || ':vigil-partitions'))", connection))
            {
                await lockPartitions.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var partitions = new List<(string Name, long Day)>();
            await using (var list = new NpgsqlCommand("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'observations'::regclass", connection))
            await using (var reader = await list.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    var name = reader.GetString(0);
                    if (PostgresDatabase.TryParsePartition(name, out var day))
                    {
                        partitions.Add((name, day));
                    }
                }
            }

            foreach (var (name, day) in partitions)
            {
                if (day < cutoffDay)
                {
                    await using var count = new NpgsqlCommand($"SELECT count(*) FROM {name}", connection);
                    removed += (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                    await using var drop = new NpgsqlCommand($"DROP TABLE {name}", connection);
                    await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    dropped.Add(day);
                }
                else if (day == cutoffDay)
                {
                    await using var delete = new NpgsqlCommand($"DELETE FROM {name} WHERE ts < $1", connection);
                    delete.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                    removed += await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            foreach (var table in new[] { "ingest_batches", "ingest_unpublished" })
            {
                await using var batches = new NpgsqlCommand($"DELETE FROM {table} WHERE received_at < $1", connection);
                batches.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                await batches.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var day in dropped)
        {
            database.ForgetPartition(day);
        }

        await Task.Run(database.EnsurePartitionsAhead, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static DateTime Clamp(long ms) =>
        PostgresDatabase.ToUtc(Math.Clamp(ms, -62_135_596_800_000L, 253_402_300_799_999L));

    private async ValueTask<AppendOutcome> AppendWithRetryAsync(IngestBatch batch, CancellationToken cancellationToken)
    {
        await Task.Run(() => CreatePartitions(batch), cancellationToken).ConfigureAwait(false);
        try
        {
            return await database.WriteAsync(connection => Append(connection, batch), cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PartitionMissing)
        {
            // Another node's retention dropped a partition this node still believed in: learn again and retry once.
            database.ForgetPartitions();
            await Task.Run(() => CreatePartitions(batch), cancellationToken).ConfigureAwait(false);
            return await database.WriteAsync(connection => Append(connection, batch), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>True when some row falls on a day whose partition this node has not seen yet (the rare path).</summary>
    private bool NeedsPartitions(IngestBatch batch)
    {
        // A batch nearly always covers one day: look each day up once, not once per row.
        var checkedDay = long.MinValue;
        foreach (ref readonly var row in batch.Rows)
        {
            var day = PostgresDatabase.DayOf(row.TimestampMs);
            if (day == checkedDay)
            {
                continue;
            }

            if (!database.HasPartition(day))
            {
                return true;
            }

            checkedDay = day;
        }

        return false;
    }

    private void CreatePartitions(IngestBatch batch)
    {
        foreach (ref readonly var row in batch.Rows)
        {
            var day = PostgresDatabase.DayOf(row.TimestampMs);
            if (!database.HasPartition(day))
            {
                database.EnsurePartitions(day, day);
            }
        }
    }

    private static AppendOutcome Append(NpgsqlConnection connection, IngestBatch batch)
    {
        using (var claim = new NpgsqlCommand("INSERT INTO ingest_batches (device, batch_id, count, received_at) VALUES ($1, $2, $3, now()) ON CONFLICT DO NOTHING", connection))
        {
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batch.Device.Ordinal });
            claim.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batch.BatchId });
            claim.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batch.Count });
            if (claim.ExecuteNonQuery() == 0)
            {
                using var find = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM ingest_unpublished WHERE device = $1 AND batch_id = $2)", connection);
                find.Parameters.Add(new NpgsqlParameter<int> { TypedValue = batch.Device.Ordinal });
                find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batch.BatchId });
                return (bool)find.ExecuteScalar()! ? AppendOutcome.Unpublished : AppendOutcome.Duplicate;
            }
        }

        var device = batch.Device.Ordinal;
        using (var importer = connection.BeginBinaryImport("COPY observations (device, quantity, ts, value) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (ref readonly var row in batch.Rows)
            {
                importer.StartRow();
                importer.Write(device, NpgsqlDbType.Integer);
                importer.Write((short)row.QuantityIndex, NpgsqlDbType.Smallint);
                importer.Write(PostgresDatabase.ToUtc(row.TimestampMs), NpgsqlDbType.TimestampTz);
                importer.Write(row.Value, NpgsqlDbType.Double);
            }

            importer.Complete();
        }

        using var unpublished = new NpgsqlCommand("INSERT INTO ingest_unpublished (device, batch_id, received_at, rows) VALUES ($1, $2, now(), $3)", connection);
        unpublished.Parameters.Add(new NpgsqlParameter<int> { TypedValue = device });
        unpublished.Parameters.Add(new NpgsqlParameter<string> { TypedValue = batch.BatchId });
        unpublished.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = ObservationRowCodec.Encode(batch.Rows), NpgsqlDbType = NpgsqlDbType.Bytea });
        unpublished.ExecuteNonQuery();
        return AppendOutcome.Stored;
    }
}
