using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Domain.Alarms;
using Vigil.Domain.Incidents;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteOperationsStore(SqliteDatabase database) : IOperationsStore
{
    public Task<OperationsSnapshot> LoadOpenAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var alarms = ReadDocs(connection, "SELECT doc FROM alarms WHERE state <> 'Cleared' ORDER BY id", null, VigilJson.Default.AlarmView);
        var incidents = ReadDocs(connection, "SELECT doc FROM incidents WHERE status NOT IN ('Resolved', 'Closed') ORDER BY id", null, VigilJson.Default.IncidentView);
        var units = ReadDocs(connection, "SELECT doc FROM units ORDER BY id", null, VigilJson.Default.UnitView);
        var maxAlarm = Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM alarms");
        var maxIncident = Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM incidents");
        return Task.FromResult(new OperationsSnapshot(alarms, incidents, units, maxAlarm, maxIncident));
    }

    public Task<IReadOnlyList<FeedRecord>> CommitAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);

        // The desk reuses its change set after this completes, so take what the writer needs now.
        var alarms = changes.Alarms.ToArray();
        var incidents = changes.Incidents.ToArray();
        var units = changes.Units.ToArray();
        var events = changes.Events.ToArray();
        var audit = changes.Audit.ToArray();
        var commands = changes.Commands.ToArray();
        return database.WriteAsync<IReadOnlyList<FeedRecord>>(connection =>
        {
            foreach (var applied in commands)
            {
                // No ON CONFLICT: a command id already recorded means another desk applied it, and this round must fail.
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO desk_commands (id, applied_ms, reply) VALUES ($id, $at, $reply)";
                command.Parameters.AddWithValue("$id", applied.Id);
                command.Parameters.AddWithValue("$at", applied.At.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$reply", applied.Reply);
                command.ExecuteNonQuery();
            }

            foreach (var alarm in alarms)
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO alarms (id, state, category, device_id, source_key, raised_at, doc) VALUES ($id, $a, $b, $c, $k, $d, $doc)
                    ON CONFLICT(id) DO UPDATE SET state = $a, doc = $doc
                    """;
                command.Parameters.AddWithValue("$id", alarm.Id);
                command.Parameters.AddWithValue("$a", alarm.State.ToString());
                command.Parameters.AddWithValue("$b", alarm.Category.ToString());
                command.Parameters.AddWithValue("$c", (object?)alarm.DeviceId ?? DBNull.Value);
                command.Parameters.AddWithValue("$k", (object?)alarm.Outbreak?.SourceKey() ?? DBNull.Value);
                command.Parameters.AddWithValue("$d", alarm.RaisedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(alarm, VigilJson.Default.AlarmView));
                command.ExecuteNonQuery();
            }

            foreach (var incident in incidents)
            {
                Upsert(connection, "INSERT INTO incidents (id, status, type, priority, created_at, doc) VALUES ($id, $a, $b, $c, $d, $doc) ON CONFLICT(id) DO UPDATE SET status = $a, priority = $c, doc = $doc",
                    incident.Id, incident.Status.ToString(), incident.Type, incident.Priority, incident.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                    JsonSerializer.Serialize(incident, VigilJson.Default.IncidentView));
            }

            foreach (var unit in units)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO units (id, doc) VALUES ($id, $doc) ON CONFLICT(id) DO UPDATE SET doc = $doc";
                command.Parameters.AddWithValue("$id", unit.Id);
                command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(unit, VigilJson.Default.UnitView));
                command.ExecuteNonQuery();
            }

            foreach (var record in audit)
            {
                database.AppendAudit(connection, record);
            }

            var appended = new List<FeedRecord>(events.Length);
            foreach (var (type, at, json) in events)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO feed (type, at, data) VALUES ($t, $at, $d) RETURNING seq";
                command.Parameters.AddWithValue("$t", type);
                command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$d", json);
                appended.Add(new FeedRecord((long)command.ExecuteScalar()!, type, at, json));
            }

            return appended;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<AlarmView>> ListAlarmsAsync(AlarmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.OpenReader();
        return Task.FromResult(ReadDocs(connection, """
            SELECT doc FROM alarms
            WHERE ($state IS NULL OR state = $state) AND ($cat IS NULL OR category = $cat)
              AND ($device IS NULL OR device_id = $device) AND ($open = 0 OR state <> 'Cleared')
            ORDER BY id DESC LIMIT $limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("$state", query.State?.ToString() ?? (object)DBNull.Value);
                command.Parameters.AddWithValue("$cat", query.Category?.ToString() ?? (object)DBNull.Value);
                command.Parameters.AddWithValue("$device", (object?)query.DeviceId ?? DBNull.Value);
                command.Parameters.AddWithValue("$open", query.OpenOnly ? 1 : 0);
                command.Parameters.AddWithValue("$limit", query.Limit);
            },
            VigilJson.Default.AlarmView));
    }

    public Task<AlarmView?> GetAlarmAsync(long id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var found = ReadDocs(connection, "SELECT doc FROM alarms WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), VigilJson.Default.AlarmView);
        return Task.FromResult(found.Count > 0 ? found[0] : null);
    }

    public Task<bool> AlarmExistsForSourceAsync(string sourceKey, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM alarms WHERE source_key = $k)";
        command.Parameters.AddWithValue("$k", sourceKey);
        return Task.FromResult((long)command.ExecuteScalar()! != 0);
    }

    public Task<string?> FindAppliedCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT reply FROM desk_commands WHERE id = $id";
        command.Parameters.AddWithValue("$id", commandId);
        return Task.FromResult(command.ExecuteScalar() as string);
    }

    public Task<long> PurgeAppliedCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM desk_commands WHERE applied_ms < $c";
            command.Parameters.AddWithValue("$c", before.ToUnixTimeMilliseconds());
            return (long)command.ExecuteNonQuery();
        }, cancellationToken);

    public Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var connection = database.OpenReader();
        return Task.FromResult(ReadDocs(connection, """
            SELECT doc FROM incidents
            WHERE ($status IS NULL OR status = $status) AND ($type IS NULL OR type = $type)
              AND ($maxp IS NULL OR priority <= $maxp) AND ($open = 0 OR status NOT IN ('Resolved', 'Closed'))
              AND ($since IS NULL OR created_at >= $since)
            ORDER BY priority, id LIMIT $limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("$status", query.Status?.ToString() ?? (object)DBNull.Value);
                command.Parameters.AddWithValue("$type", (object?)query.Type ?? DBNull.Value);
                command.Parameters.AddWithValue("$maxp", (object?)query.MaxPriority ?? DBNull.Value);
                command.Parameters.AddWithValue("$open", query.OpenOnly ? 1 : 0);
                command.Parameters.AddWithValue("$since", query.Since?.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture) ?? (object)DBNull.Value);
                command.Parameters.AddWithValue("$limit", query.Limit);
            },
            VigilJson.Default.IncidentView));
    }

    public Task<IncidentView?> GetIncidentAsync(long id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        var found = ReadDocs(connection, "SELECT doc FROM incidents WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), VigilJson.Default.IncidentView);
        return Task.FromResult(found.Count > 0 ? found[0] : null);
    }

    public Task<IReadOnlyList<UnitView>> ListUnitsAsync(CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        return Task.FromResult(ReadDocs(connection, "SELECT doc FROM units ORDER BY id", null, VigilJson.Default.UnitView));
    }

    public Task<IReadOnlyList<FeedRecord>> ReadFeedAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, type, at, data FROM feed WHERE seq > $after ORDER BY seq LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterSeq);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var records = new List<FeedRecord>();
        while (reader.Read())
        {
            records.Add(new FeedRecord(reader.GetInt64(0), reader.GetString(1), DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture), reader.GetString(3)));
        }

        return Task.FromResult<IReadOnlyList<FeedRecord>>(records);
    }

    private static void Upsert(SqliteConnection connection, string sql, long id, string a, string b, object c, string d, string doc)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$a", a);
        command.Parameters.AddWithValue("$b", b);
        command.Parameters.AddWithValue("$c", c);
        command.Parameters.AddWithValue("$d", d);
        command.Parameters.AddWithValue("$doc", doc);
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static IReadOnlyList<T> ReadDocs<T>(SqliteConnection connection, string sql, Action<SqliteCommand>? bind, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind?.Invoke(command);
        using var reader = command.ExecuteReader();
        var items = new List<T>();
        while (reader.Read())
        {
            items.Add(JsonSerializer.Deserialize(reader.GetString(0), type)!);
        }

        return items;
    }
}
