using System.Text.Json;
using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

/// <summary>Alarms, incidents (with their location as a PostGIS point), units and the live-feed log.</summary>
public sealed class PostgresOperationsStore(PostgresDatabase database) : IOperationsStore
{
    public async Task<OperationsSnapshot> LoadOpenAsync(CancellationToken cancellationToken)
    {
        // One snapshot for all five reads, so the counters agree with the open work.
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<AlarmView> alarms;
        IReadOnlyList<IncidentView> incidents;
        IReadOnlyList<UnitView> units;
        await using (var command = new NpgsqlCommand("SELECT doc FROM alarms WHERE state <> 'Cleared' ORDER BY id", connection))
        {
            alarms = await Sql.ReadDocsAsync(command, VigilJson.Default.AlarmView, cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand("SELECT doc FROM incidents WHERE status NOT IN ('Resolved', 'Closed') ORDER BY id", connection))
        {
            incidents = await Sql.ReadDocsAsync(command, VigilJson.Default.IncidentView, cancellationToken).ConfigureAwait(false);
        }

        await using (var command = new NpgsqlCommand("SELECT doc FROM units ORDER BY id", connection))
        {
            units = await Sql.ReadDocsAsync(command, VigilJson.Default.UnitView, cancellationToken).ConfigureAwait(false);
        }

        await using var counters = new NpgsqlCommand("SELECT (SELECT COALESCE(MAX(id), 0) FROM alarms), (SELECT COALESCE(MAX(id), 0) FROM incidents)", connection);
        await using var reader = await counters.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new OperationsSnapshot(alarms, incidents, units, reader.GetInt64(0), reader.GetInt64(1));
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
                using var command = new NpgsqlCommand("INSERT INTO desk_commands (id, applied_at, reply) VALUES ($1, $2, $3)", connection);
                command.Add(applied.Id).Add((DateTimeOffset?)applied.At).Add(applied.Reply);
                command.ExecuteNonQuery();
            }

            foreach (var alarm in alarms)
            {
                using var command = new NpgsqlCommand("""
                    INSERT INTO alarms (id, state, category, device_id, source_key, raised_at, doc) VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO UPDATE SET state = excluded.state, doc = excluded.doc
                    """, connection);
                command.Add(alarm.Id).Add(alarm.State.ToString()).Add(alarm.Category.ToString()).Add(alarm.DeviceId).Add(alarm.Outbreak?.SourceKey())
                    .Add((DateTimeOffset?)alarm.RaisedAt).AddJson(JsonSerializer.Serialize(alarm, VigilJson.Default.AlarmView));
                command.ExecuteNonQuery();
            }

            foreach (var incident in incidents)
            {
                using var command = new NpgsqlCommand("""
                    INSERT INTO incidents (id, status, type, priority, created_at, location, doc)
                    VALUES ($1, $2, $3, $4, $5, ST_SetSRID(ST_MakePoint($6, $7), 4326)::geography, $8)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, priority = excluded.priority, location = excluded.location, doc = excluded.doc
                    """, connection);
                command.Add(incident.Id).Add(incident.Status.ToString()).Add(incident.Type).Add((int?)incident.Priority).Add((DateTimeOffset?)incident.CreatedAt)
                    .Add(incident.Location.Lon).Add(incident.Location.Lat).AddJson(JsonSerializer.Serialize(incident, VigilJson.Default.IncidentView));
                command.ExecuteNonQuery();
            }

            foreach (var unit in units)
            {
                using var command = new NpgsqlCommand("INSERT INTO units (id, doc) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc", connection);
                command.Add(unit.Id).AddJson(JsonSerializer.Serialize(unit, VigilJson.Default.UnitView));
                command.ExecuteNonQuery();
            }

            foreach (var record in audit)
            {
                database.AppendAudit(connection, record);
            }

            var appended = new List<FeedRecord>(events.Length);
            foreach (var (type, at, json) in events)
            {
                appended.Add(Sql.AppendFeed(connection, type, at, json));
            }

            return appended;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<AlarmView>> ListAlarmsAsync(AlarmQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = database.DataSource.CreateCommand("""
            SELECT doc FROM alarms
            WHERE ($1::text IS NULL OR state = $1) AND ($2::text IS NULL OR category = $2)
              AND ($3::text IS NULL OR device_id = $3) AND (NOT $4 OR state <> 'Cleared')
            ORDER BY id DESC LIMIT $5
            """);
        command.Add(query.State?.ToString()).Add(query.Category?.ToString()).Add(query.DeviceId).Add(query.OpenOnly).Add((int?)query.Limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.AlarmView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AlarmView?> GetAlarmAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM alarms WHERE id = $1");
        command.Add(id);
        return await Sql.ReadDocAsync(command, VigilJson.Default.AlarmView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> AlarmExistsForSourceAsync(string sourceKey, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT EXISTS (SELECT 1 FROM alarms WHERE source_key = $1)");
        command.Add(sourceKey);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<string?> FindAppliedCommandAsync(string commandId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT reply FROM desk_commands WHERE id = $1");
        command.Add(commandId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    public Task<long> PurgeAppliedCommandsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        database.WriteAsync(connection =>
        {
            using var command = new NpgsqlCommand("DELETE FROM desk_commands WHERE applied_at < $1", connection);
            command.Add((DateTimeOffset?)before);
            return (long)command.ExecuteNonQuery();
        }, cancellationToken);

    public async Task<IReadOnlyList<IncidentView>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var command = database.DataSource.CreateCommand("""
            SELECT doc FROM incidents
            WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR type = $2)
              AND ($3::integer IS NULL OR priority <= $3) AND (NOT $4 OR status NOT IN ('Resolved', 'Closed'))
              AND ($5::timestamptz IS NULL OR created_at >= $5)
            ORDER BY priority, id LIMIT $6
            """);
        command.Add(query.Status?.ToString()).Add(query.Type).Add(query.MaxPriority).Add(query.OpenOnly).Add(query.Since).Add((int?)query.Limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.IncidentView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IncidentView?> GetIncidentAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM incidents WHERE id = $1");
        command.Add(id);
        return await Sql.ReadDocAsync(command, VigilJson.Default.IncidentView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UnitView>> ListUnitsAsync(CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc FROM units ORDER BY id");
        return await Sql.ReadDocsAsync(command, VigilJson.Default.UnitView, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<FeedRecord>> ReadFeedAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT seq, type, at, data FROM feed WHERE seq > $1 ORDER BY seq LIMIT $2");
        command.Add(afterSeq).Add((int?)limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var records = new List<FeedRecord>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new FeedRecord(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3)));
        }

        return records;
    }

    /// <summary>Incidents within <paramref name="meters"/> of the point, nearest first, open ones only when asked.</summary>
    public async Task<IReadOnlyList<IncidentView>> IncidentsNearAsync(double lat, double lon, double meters, bool openOnly, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            SELECT doc FROM incidents
            WHERE ST_DWithin(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
              AND (NOT $4 OR status NOT IN ('Resolved', 'Closed'))
            ORDER BY ST_Distance(location, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography), id
            LIMIT $5
            """);
        command.Add(lon).Add(lat).Add(meters).Add(openOnly).Add((int?)limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.IncidentView, cancellationToken).ConfigureAwait(false);
    }
}
