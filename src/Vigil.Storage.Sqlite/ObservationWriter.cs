using System.Buffers.Binary;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Ingest;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

/// <summary>
/// The observation layout. Appends go to an unindexed table in arrival order, which SQLite writes at about a million
/// rows a second; an index on (device, time) would cut that tenfold, since every row would rewrite index pages. The
/// writer later folds those rows into one block per device and quantity (16 bytes a point), indexed by device and time,
/// so queries by device read a few blocks instead of scanning. Used on the writer thread only.
/// </summary>
internal sealed class ObservationWriter(SqliteDatabase database)
{
    private SqliteCommand? _insertBatch;
    private SqliteCommand? _insertRow;
    private SqliteCommand? _insertUnpublished;
    private SqliteCommand? _findUnpublished;
    private long _pendingRows = -1;

    public long PendingRows
    {
        get
        {
            if (_pendingRows < 0)
            {
                using var count = database.Writer.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM obs_recent";
                _pendingRows = (long)count.ExecuteScalar()!;
            }

            return _pendingRows;
        }
    }

    public void ResetPendingCount() => _pendingRows = -1;

    public AppendOutcome Append(SqliteConnection connection, IngestBatch batch)
    {
        _insertBatch ??= Prepare(connection, "INSERT OR IGNORE INTO ingest_batches (device, batch_id, count, received_ms) VALUES ($d, $b, $n, $at)", "$d", "$b", "$n", "$at");
        _insertRow ??= Prepare(connection, "INSERT INTO obs_recent (device, quantity, ts, value) VALUES ($d, $q, $t, $v)", "$d", "$q", "$t", "$v");
        _insertUnpublished ??= Prepare(connection, "INSERT INTO ingest_unpublished (device, batch_id, received_ms, rows) VALUES ($d, $b, $at, $r)", "$d", "$b", "$at", "$r");
        _findUnpublished ??= Prepare(connection, "SELECT EXISTS (SELECT 1 FROM ingest_unpublished WHERE device = $d AND batch_id = $b)", "$d", "$b");
        var receivedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _insertBatch.Parameters[0].Value = batch.Device.Ordinal;
        _insertBatch.Parameters[1].Value = batch.BatchId;
        _insertBatch.Parameters[2].Value = batch.Count;
        _insertBatch.Parameters[3].Value = receivedMs;
        if (_insertBatch.ExecuteNonQuery() == 0)
        {
            _findUnpublished.Parameters[0].Value = batch.Device.Ordinal;
            _findUnpublished.Parameters[1].Value = batch.BatchId;
            return (long)_findUnpublished.ExecuteScalar()! != 0 ? AppendOutcome.Unpublished : AppendOutcome.Duplicate;
        }

        var unpublished = _insertUnpublished.Parameters;
        unpublished[0].Value = batch.Device.Ordinal;
        unpublished[1].Value = batch.BatchId;
        unpublished[2].Value = receivedMs;
        unpublished[3].Value = ObservationRowCodec.Encode(batch.Rows);
        _insertUnpublished.ExecuteNonQuery();

        var p = _insertRow.Parameters;
        p[0].Value = batch.Device.Ordinal;
        foreach (ref readonly var row in batch.Rows)
        {
            p[1].Value = row.QuantityIndex;
            p[2].Value = row.TimestampMs;
            p[3].Value = row.Value;
            _insertRow.ExecuteNonQuery();
        }

        if (_pendingRows >= 0)
        {
            _pendingRows += batch.Count;
        }

        return AppendOutcome.Stored;
    }

    /// <summary>Folds everything in the recent table into blocks at once, on the writer (shutdown and idle time).</summary>
    public void Compact(SqliteConnection connection) => Apply(connection, PrepareCompaction(connection));

    /// <summary>
    /// Reads the committed recent rows and packs them into blocks. Runs on a reader connection off the writer thread:
    /// this is the expensive part, and the writer keeps committing batches meanwhile. Rows with a rowid above the
    /// snapshot's maximum were not visible and stay for the next round.
    /// </summary>
    public static PreparedCompaction PrepareCompaction(SqliteConnection connection)
    {
        var groups = new Dictionary<(long Device, long Quantity), List<(long Ts, double Value)>>();
        long maxRowId = 0;
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT rowid, device, quantity, ts, value FROM obs_recent ORDER BY rowid";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                maxRowId = reader.GetInt64(0);
                var key = (reader.GetInt64(1), reader.GetInt64(2));
                if (!groups.TryGetValue(key, out var points))
                {
                    groups[key] = points = [];
                }

                points.Add((reader.GetInt64(3), reader.GetDouble(4)));
            }
        }

        var blocks = new List<PreparedBlock>(groups.Count);
        foreach (var ((device, quantity), points) in groups)
        {
            points.Sort(static (a, b) => a.Ts.CompareTo(b.Ts));
            blocks.Add(new PreparedBlock(device, quantity, points[0].Ts, points[^1].Ts, points.Count, Pack(points)));
        }

        return new PreparedCompaction(maxRowId, blocks);
    }

    /// <summary>
    /// Writes prepared blocks and removes the rows they hold, inside the caller's transaction. Only compaction deletes
    /// from the recent table, and new rows always get rowids above the current maximum, so every row at or below the
    /// snapshot's maximum is exactly a row that was packed.
    /// </summary>
    public void Apply(SqliteConnection connection, PreparedCompaction prepared)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.MaxRowId == 0)
        {
            _pendingRows = -1;
            return;
        }

        using var insert = Prepare(connection, "INSERT INTO obs_blocks (device, quantity, t0, t1, n, data) VALUES ($d, $q, $t0, $t1, $n, $data)", "$d", "$q", "$t0", "$t1", "$n", "$data");
        foreach (var block in prepared.Blocks)
        {
            insert.Parameters[0].Value = block.Device;
            insert.Parameters[1].Value = block.Quantity;
            insert.Parameters[2].Value = block.T0;
            insert.Parameters[3].Value = block.T1;
            insert.Parameters[4].Value = block.Count;
            insert.Parameters[5].Value = block.Data;
            insert.ExecuteNonQuery();
        }

        using var delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM obs_recent WHERE rowid <= $max";
        delete.Parameters.AddWithValue("$max", prepared.MaxRowId);
        delete.ExecuteNonQuery();
        _pendingRows = -1;
    }

    public static void Unpack(byte[] data, List<StoredObservation> into, int quantity, long fromMs, long toMs)
    {
        for (var offset = 0; offset + 16 <= data.Length; offset += 16)
        {
            var ts = BinaryPrimitives.ReadInt64LittleEndian(data.AsSpan(offset));
            if (ts < fromMs || ts > toMs)
            {
                continue;
            }

            into.Add(new StoredObservation(ts, quantity, BinaryPrimitives.ReadDoubleLittleEndian(data.AsSpan(offset + 8))));
        }
    }

    private static byte[] Pack(List<(long Ts, double Value)> points)
    {
        var data = new byte[points.Count * 16];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(i * 16), points[i].Ts);
            BinaryPrimitives.WriteDoubleLittleEndian(data.AsSpan((i * 16) + 8), points[i].Value);
        }

        return data;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
