using System.Text.Json;
using Npgsql;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Postgres;

public sealed class PostgresAlertStore(PostgresDatabase database) : IAlertStore
{
    public Task<IReadOnlyList<FeedRecord>> SaveAsync(IReadOnlyList<AlertChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync<IReadOnlyList<FeedRecord>>(connection =>
        {
            var records = new List<FeedRecord>(changes.Count);
            foreach (var change in changes)
            {
                var alert = change.Alert;
                using var command = new NpgsqlCommand("""
                    INSERT INTO alerts (id, status, drafted_at, doc, cap) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc, cap = excluded.cap
                    """, connection);
                command.Add(alert.Id).Add(alert.Status.ToString()).Add((DateTimeOffset?)alert.DraftedAt)
                    .AddJson(JsonSerializer.Serialize(alert, VigilJson.Default.AlertView)).Add(change.CapXml);
                command.ExecuteNonQuery();
                database.AppendAudit(connection, change.Audit);
                if (change.Deliveries is { Count: > 0 } deliveries)
                {
                    PostgresDeliveryOutbox.Insert(connection, alert.Id, change.Audit.At, deliveries);
                }

                var json = JsonSerializer.Serialize(new AlertEnvelope(change.FeedType, change.Audit.At, alert), VigilJson.Default.AlertEnvelope);
                records.Add(Sql.AppendFeed(connection, change.FeedType, change.Audit.At, json));
            }

            return records;
        }, cancellationToken);
    }

    public async Task<StoredAlert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("SELECT doc::text, cap FROM alerts WHERE id = $1");
        command.Add(id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new StoredAlert(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.AlertView)!, reader.GetString(1))
            : null;
    }

    public async Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT doc FROM alerts WHERE $1::text IS NULL OR status = $1 ORDER BY drafted_at DESC, id LIMIT $2");
        command.Add(status?.ToString()).Add((int?)limit);
        return await Sql.ReadDocsAsync(command, VigilJson.Default.AlertView, cancellationToken).ConfigureAwait(false);
    }
}
