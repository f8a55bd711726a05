using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Vigil.Platform.Contracts;
using Vigil.Platform.Ports;

namespace Vigil.Storage.Sqlite;

public sealed class SqliteAlertStore(SqliteDatabase database) : IAlertStore
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
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO alerts (id, status, drafted_at, doc, cap) VALUES ($id, $s, $d, $doc, $cap)
                    ON CONFLICT (id) DO UPDATE SET status = excluded.status, doc = excluded.doc, cap = excluded.cap
                    """;
                command.Parameters.AddWithValue("$id", alert.Id);
                command.Parameters.AddWithValue("$s", alert.Status.ToString());
                command.Parameters.AddWithValue("$d", alert.DraftedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$doc", JsonSerializer.Serialize(alert, VigilJson.Default.AlertView));
                command.Parameters.AddWithValue("$cap", change.CapXml);
                command.ExecuteNonQuery();
                database.AppendAudit(connection, change.Audit);
                if (change.Deliveries is { Count: > 0 } deliveries)
                {
                    SqliteDeliveryOutbox.Insert(connection, alert.Id, change.Audit.At, deliveries);
                }

                records.Add(AppendFeed(connection, change.FeedType, change.Audit.At, alert));
            }

            return records;
        }, cancellationToken);
    }

    public Task<StoredAlert?> GetAsync(string id, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc, cap FROM alerts WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new StoredAlert(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.AlertView)!, reader.GetString(1))
            : null);
    }

    public Task<IReadOnlyList<AlertView>> ListAsync(AlertStatus? status, int limit, CancellationToken cancellationToken)
    {
        using var connection = database.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT doc FROM alerts WHERE $s IS NULL OR status = $s ORDER BY drafted_at DESC, id LIMIT $limit";
        command.Parameters.AddWithValue("$s", status is { } s ? s.ToString() : DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertView>();
        while (reader.Read())
        {
            alerts.Add(JsonSerializer.Deserialize(reader.GetString(0), VigilJson.Default.AlertView)!);
        }

        return Task.FromResult<IReadOnlyList<AlertView>>(alerts);
    }

    private static FeedRecord AppendFeed(SqliteConnection connection, string type, DateTimeOffset at, AlertView alert)
    {
        var json = JsonSerializer.Serialize(new AlertEnvelope(type, at, alert), VigilJson.Default.AlertEnvelope);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO feed (type, at, data) VALUES ($t, $at, $d) RETURNING seq";
        command.Parameters.AddWithValue("$t", type);
        command.Parameters.AddWithValue("$at", at.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$d", json);
        return new FeedRecord((long)command.ExecuteScalar()!, type, at, json);
    }
}
